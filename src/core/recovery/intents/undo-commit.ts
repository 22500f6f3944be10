import type { FixPlan } from '../model';
import { COMMIT_FORMAT, parseCommits } from '../facts/parse-log';
import { shortSha } from '../facts/queries';
import type { CommitInfo } from '../facts/types';
import { count, listWords, subjects } from '../detectors/words';
import { openIntent, refuse, remotesHolding, requireHead, usage, whereHead, type IntentContext, type IntentOptions } from './intent-context';
import { guardKeepResets, headRefName, intentPlan } from './intent-plan';

const INTENT = 'undo-commit';
const CONFLICT_RISK = 'If later commits changed the same lines, git stops with a conflict; Shipshape then puts everything back as it was.';

/**
 * "Undo this commit". Published commits are never rewritten: they are
 * reverted. An unpublished HEAD can simply be dropped (or its changes kept
 * staged); an older unpublished commit is reverted by default, with
 * rebasing it away offered second because that rewrites the commits after it.
 * `commit` is anything git resolves to a commit (a sha, HEAD~2, a tag).
 */
export async function undoCommit(repo: string, commit: string, options: IntentOptions = {}): Promise<FixPlan[]> {
  if (commit.trim() === '' || commit.startsWith('-')) throw usage(`name the commit to undo (got "${commit}")`);
  const context = await openIntent(repo, options);
  const head = requireHead(context);
  const target = await readCommit(context, commit);
  const label = commitName(target);
  const where = whereHead(context);
  const firstParent = target.parents[0];
  if (firstParent === undefined) {
    throw refuse(
      `${label} is the first commit of the repository: there is no earlier state to go back to, and nothing to revert it against.`,
      'To start the history afresh, create an orphan branch (git switch --orphan).',
    );
  }
  if ((await context.git(['rev-list', '--max-count=1', target.sha, '--not', head])).trim() !== '') {
    throw refuse(`${label} is not on ${where}: only commits of the current branch can be undone here.`, 'Switch to a branch that has it first.');
  }

  const published = await remotesHolding(context, target.sha);
  const revert = await revertPlan(context, target, published);
  if (published.length > 0) return [revert];

  if (target.sha === head) {
    const dropped = resetPlan(context, target, firstParent, 'keep');
    // A merge's changes staged as one lump would be confusing: only the plain reset then.
    return guardKeepResets(context, target.parents.length > 1 ? [dropped] : [dropped, resetPlan(context, target, firstParent, 'soft')]);
  }
  return [revert, await rebasePlan(context, target, head)];
}

async function readCommit(context: IntentContext, commit: string): Promise<CommitInfo> {
  const sha = (await context.tryGit(['rev-parse', '--verify', '-q', `${commit}^{commit}`]))?.trim();
  if (!sha) throw usage(`"${commit}" is not a commit in this repository.`);
  const [found] = parseCommits(await context.git(['log', '-1', COMMIT_FORMAT, sha]));
  if (!found) throw usage(`"${commit}" is not a commit in this repository.`);
  return found;
}

function commitName(commit: CommitInfo): string {
  return `${shortSha(commit.sha)} ${subjects([commit])}`;
}

/** `revert` adds the inverse commit; git refuses with staged changes, or local edits to the files it touches. */
async function revertPlan(context: IntentContext, target: CommitInfo, published: readonly string[]): Promise<FixPlan> {
  const isMerge = target.parents.length > 1;
  const where = whereHead(context);
  const label = commitName(target);
  const risks = [CONFLICT_RISK];
  if (isMerge) risks.push(`Merging that branch again later brings nothing back unless this revert is reverted first.`);
  return intentPlan(INTENT, 'revert', [target.sha, context.facts.status.head ?? ''], {
    title: `Revert ${label}`,
    effect:
      `Adds a new commit on ${where} that reverses the changes of ${label}${isMerge ? ' (against its first parent)' : ''}. ` +
      (published.length > 0
        ? `The commit stays in the history: it is already on ${listWords(published)}, and published commits are never rewritten.`
        : 'The commit stays in the history; nothing is rewritten.'),
    steps: [{ args: isMerge ? ['revert', '--no-edit', '-m', '1', target.sha] : ['revert', '--no-edit', target.sha] }],
    movesRefs: [headRefName(context)],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks,
    ...(await revertRefusal(context, target)),
  });
}

async function revertRefusal(context: IntentContext, target: CommitInfo): Promise<{ refusal?: string }> {
  const staged = splitPaths(await context.git(['diff', '--cached', '--name-only', '--no-renames', '-z']));
  if (staged.length > 0)
    return { refusal: `You have staged changes (${listWords(staged)}): git reverts only onto a clean index. Commit or unstage them first.` };
  const touched = new Set(splitPaths(await context.git(['diff', '--name-only', '--no-renames', '-z', target.parents[0] ?? '', target.sha, '--'])));
  const clashing = context.facts.status.changes.filter((change) => !change.untracked && touched.has(change.path)).map((change) => change.path);
  if (clashing.length === 0) return {};
  const files = listWords(clashing);
  return { refusal: `Your uncommitted changes to ${files} would be overwritten: commit or stash your changes to ${files} first.` };
}

function resetPlan(context: IntentContext, target: CommitInfo, parent: string, mode: 'keep' | 'soft'): FixPlan {
  const where = whereHead(context);
  const label = commitName(target);
  const keep = mode === 'keep';
  return intentPlan(INTENT, `reset-${mode}`, [target.sha, parent], {
    title: keep ? `Undo ${label} and its changes` : `Undo ${label}, keep its changes staged`,
    effect: keep
      ? `Moves ${where} back to ${shortSha(parent)}: the commit leaves the branch and its changes leave your files. Your uncommitted changes are kept. It has not been pushed, so nobody else has it.`
      : `Moves ${where} back to ${shortSha(parent)}: the commit leaves the branch, and its changes stay staged so you can commit them again. Your files do not change.`,
    steps: [{ args: ['reset', keep ? '--keep' : '--soft', parent] }],
    movesRefs: [headRefName(context)],
    changesIndex: keep,
    changesFiles: keep,
    rewritesHistory: false,
    risks: [],
  });
}

/**
 * `rebase --onto <parent> <sha>` replays the later commits without it. Only
 * offered second: it gives the later commits new ids, can stop on a conflict,
 * needs a clean working tree, and would flatten merges after it.
 */
async function rebasePlan(context: IntentContext, target: CommitInfo, head: string): Promise<FixPlan> {
  const where = whereHead(context);
  const label = commitName(target);
  const parent = target.parents[0] ?? '';
  const later = parseCommits(await context.git(['log', COMMIT_FORMAT, `${target.sha}..${head}`]));
  const tracked = context.facts.status.changes.filter((change) => !change.untracked).map((change) => change.path);
  let refusal: string | undefined;
  if (later.some((commit) => commit.parents.length > 1)) {
    refusal = `A merge was made after ${label}: rebasing would flatten it. Revert the commit instead.`;
  } else if (tracked.length > 0) {
    refusal = `Rebasing needs a clean working tree, and you have uncommitted changes to ${listWords(tracked)}: commit or stash them first.`;
  }
  return intentPlan(INTENT, 'rebase-drop', [target.sha, head], {
    title: `Remove ${label} from the history of ${where}`,
    effect:
      `Rewrites ${where} as if ${label} had never been made: ` +
      (later.length === 1
        ? `the commit after it (${subjects(later)}) is replayed`
        : `the ${count(later.length, 'commit')} after it (${subjects([...later].reverse())}) are replayed`) +
      ` on ${shortSha(parent)}. None of them has been pushed.`,
    steps: [{ args: ['rebase', '--onto', parent, target.sha] }],
    movesRefs: [headRefName(context)],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: [
      `Rewrites local history: ${later.length === 1 ? 'the commit after it gets a new id' : `the ${count(later.length, 'commit')} after it get new ids`} (fine while nobody else has them).`,
      CONFLICT_RISK,
    ],
    ...(refusal ? { refusal } : {}),
  });
}

function splitPaths(text: string): string[] {
  return text.split('\0').filter((path) => path !== '');
}
