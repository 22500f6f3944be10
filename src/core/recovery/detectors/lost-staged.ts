import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import type { RecoveryFacts } from '../facts/types';
import { shortSha } from '../facts/queries';
import type { DeepFacts, IndexReset, LostBlob } from '../deep/types';
import { likelihoodAt, plan } from './plans';
import { count, listWords, timeAgo } from './words';

const KIND = 'lost-staged';
/** Where content with no safe place to go is written: a new folder, never an existing file. */
export const RECOVERY_FOLDER = '.shipshape-recovered';

/**
 * Staged changes a `git reset --hard` (HEAD staying put) threw away: the
 * blobs `git add` wrote are still in the object store, dangling. Blobs have
 * no name; the deep facts guess one from the lines they share with tracked files.
 */
export function detectLostStaged(facts: RecoveryFacts, deep: DeepFacts): Situation[] {
  const byReset = new Map<number, { reset: IndexReset; blobs: LostBlob[] }>();
  for (const blob of deep.lostBlobs) {
    const group = byReset.get(blob.reset.index) ?? { reset: blob.reset, blobs: [] };
    group.blobs.push(blob);
    byReset.set(blob.reset.index, group);
  }
  const changed = new Set(facts.status.changes.flatMap((change) => (change.originalPath ? [change.path, change.originalPath] : [change.path])));
  return [...byReset.values()].sort((a, b) => a.reset.index - b.reset.index).map(({ reset, blobs }) => describe(facts, reset, blobs, changed));
}

function describe(facts: RecoveryFacts, reset: IndexReset, blobs: readonly LostBlob[], changed: ReadonlySet<string>): Situation {
  const named = [...new Set(blobs.flatMap((blob) => (blob.guess ? [blob.guess.path] : [])))];
  const unnamed = blobs.filter((blob) => !blob.guess).length;
  const what = [...named, ...(unnamed > 0 ? [count(unnamed, 'file git cannot name', 'files git cannot name')] : [])];
  const explanation =
    `${timeAgo(reset.time, facts.now).replace(/^./, (c) => c.toUpperCase())} a reset that kept HEAD in place ("reset: moving to HEAD", as "git reset --hard" writes it) ` +
    `threw away changes you had staged with "git add". Git still has ${count(blobs.length, 'staged version')}: ${listWords(what, 5)}. ` +
    'Changes you never staged cannot be recovered.';
  const evidence: Evidence[] = [
    { kind: 'reflog', label: 'reset: moving to HEAD', sha: reset.sha, time: reset.time },
    ...blobs.map((blob) => ({ kind: 'file' as const, label: blobLabel(blob), sha: blob.sha, time: blob.time })),
  ];
  return {
    id: stableId(KIND, reset.sha, String(reset.time), ...blobs.map((blob) => blob.sha).sort()),
    kind: KIND,
    title: `A reset threw away ${count(blobs.length, 'staged change')}`,
    explanation,
    evidence,
    fixes: blobs.map((blob) => (blob.guess && !changed.has(blob.guess.path) ? restorePlan(blob, blob.guess.path, blob.guess.mode) : savePlan(blob, changed))),
    likelihood: likelihoodAt(0.65, reset.index),
  };
}

/**
 * Back where it was: the blob goes into the index at `path` and from there
 * into the file, so the path ends up exactly as it was before the reset (staged).
 * Only offered when `path` equals HEAD now, so nothing of the person's is overwritten.
 */
function restorePlan(blob: LostBlob, path: string, mode: string): FixPlan {
  const similarity = Math.round((blob.guess?.similarity ?? 0) * 100);
  return plan(KIND, 'restore', [blob.sha, path], {
    title: `Put it back in ${path}`,
    effect: `Writes the lost version (${describeSize(blob)}, ${similarity}% of its lines match ${path}) to ${path} and stages it, as it was before the reset. ${path} has no changes of yours now, so nothing is overwritten.`,
    steps: [{ args: ['update-index', '--add', '--cacheinfo', `${mode},${blob.sha},${path}`] }, { args: ['checkout-index', '-f', '-u', '--', path] }],
    movesRefs: [],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: [
      `The file name is a guess from its content: check ${path} before you commit. "git restore --staged --worktree -- ${path}" puts it back as it is now.`,
    ],
  });
}

/**
 * Saved aside, untracked: into the index under a new name, out to the file,
 * and out of the index again. Git has no step that writes a blob to a file
 * without the index, and this leaves the index as it was.
 */
function savePlan(blob: LostBlob, changed: ReadonlySet<string>): FixPlan {
  const path = `${RECOVERY_FOLDER}/${blob.sha}`;
  const why =
    blob.guess && changed.has(blob.guess.path) ? `It looks like ${blob.guess.path}, which has changes of yours now, so it is written beside it instead. ` : '';
  return plan(KIND, 'save', [blob.sha], {
    title: `Save it as ${RECOVERY_FOLDER}/${shortSha(blob.sha)}…`,
    effect: `${why}Writes the lost content (${describeSize(blob)}) to the new file ${path}, untracked; nothing else changes. Move what you need where it belongs, then delete the folder.`,
    steps: [
      { args: ['update-index', '--add', '--cacheinfo', `100644,${blob.sha},${path}`] },
      { args: ['checkout-index', '-f', '-u', '--', path] },
      { args: ['update-index', '--force-remove', '--', path] },
    ],
    movesRefs: [],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: [`The index gets an entry for ${path} and loses it again; if a step fails in between, the snapshot taken first puts the index back.`],
  });
}

function blobLabel(blob: LostBlob): string {
  const name = blob.guess ? `looks like ${blob.guess.path} (${Math.round(blob.guess.similarity * 100)}% of lines match)` : 'matches no tracked file';
  const first = blob.preview.find((line) => line.trim() !== '');
  return `${shortSha(blob.sha)} ${name}, ${describeSize(blob)}${first ? `: "${first.trim()}"` : ''}`;
}

function describeSize(blob: LostBlob): string {
  if (blob.binary) return `binary, ${blob.size} bytes`;
  return blob.lines > 0 ? count(blob.lines, 'line') : `${blob.size} bytes`;
}
