import type { GitOptions } from '../../git/git';
import { readJournal } from './journal';
import { openRepository, type RepoContext } from './repo-context';
import { SNAPSHOT_REF_PREFIX } from './refs';
import { updateRefs } from './ref-transaction';
import { readSnapshot } from './snapshot';
import { deleteSnapshot } from './snapshots';

/** Something recoverable that holds part of what is purged, and so goes with it. */
export interface PurgeCasualty {
  /** `reflog` for an entry of a ref's history, `dangling` for an object nothing refers to (a dropped stash, a lost commit or blob). */
  readonly kind: 'reflog' | 'dangling';
  readonly sha: string;
  /** For a reflog entry: its selector (`refs/heads/main@{2}`) and message. */
  readonly selector?: string;
  readonly message?: string;
}

export interface PurgePlan {
  /** Objects only the fix's old commits and snapshot hold: the ones a purge deletes. */
  readonly purged: ReadonlySet<string>;
  /** Other recoverable things that hold some of them, and are deleted too (everything else stays recoverable). */
  readonly casualties: readonly PurgeCasualty[];
}

interface ReflogEntry {
  readonly selector: string;
  readonly sha: string;
  readonly message: string;
}

/**
 * What a purge of this snapshot would delete: the objects only the fix's old
 * commits and its snapshot hold, and the other recoverable things (reflog
 * entries, dangling commits, stashes, blobs) that hold some of them. Changes nothing.
 */
export async function planPurge(repo: string, snapshotId: string, options: GitOptions = {}): Promise<PurgePlan> {
  const context = await openRepository(repo, options);
  return analyse(context, snapshotId);
}

/**
 * After a fix took a committed secret out: forget it for good, and nothing
 * else. Deletes the fix's snapshot, the reflog entries and the objects that
 * hold what only the old commits held, and keeps every other recoverable
 * thing recoverable: other reflog entries stay, and dangling commits, stashes
 * and blobs are pinned under refs/shipshape/kept/ while git prunes, then let go
 * as they were. The fix can no longer be undone; callers ask first, listing
 * planPurge's casualties.
 */
export async function purgeAfterSecretRemoval(repo: string, snapshotId: string, options: GitOptions = {}): Promise<PurgePlan> {
  const context = await openRepository(repo, options);
  const plan = await analyse(context, snapshotId);
  await deleteSnapshot(repo, snapshotId, options);
  const doomed = plan.casualties.flatMap((casualty) => (casualty.selector ? [casualty.selector] : []));
  await deleteReflogEntries(context, doomed);
  // Pinned: every dangling object that holds nothing purged (read again: the deleted entries made more dangling).
  const pins = (await danglingObjects(context)).filter((object) => !plan.purged.has(object.sha));
  const keep: { name: string; sha: string }[] = [];
  const holds = holdsAnyOf(context, plan.purged, ['--not', '--all']);
  for (const object of pins) if (!(await holds(object.sha))) keep.push({ name: `refs/shipshape/kept/${object.sha}`, sha: object.sha });
  await updateRefs(
    context.root,
    context.options,
    keep.map((pin) => ({ name: pin.name, old: null, new: pin.sha })),
    'shipshape: keep recoverable objects while purging',
  );
  try {
    await context.git.raw(['gc', '--prune=now', '--quiet']);
  } finally {
    await updateRefs(
      context.root,
      context.options,
      keep.map((pin) => ({ name: pin.name, old: pin.sha, new: null })),
      'shipshape: purge done',
    );
  }
  return plan;
}

async function analyse(context: RepoContext, snapshotId: string): Promise<PurgePlan> {
  const snapshot = await readSnapshot(context, snapshotId);
  const entry = (await readJournal(context)).find((candidate) => candidate.snapshot === snapshotId);
  const roots = [snapshot.commits.worktree, ...Object.values(entry?.refs ?? {}).map((change) => change.before)].filter((sha): sha is string => sha !== null);
  // Everything but this snapshot's own refs counts as kept.
  const notKept = ['--not', `--exclude=${SNAPSHOT_REF_PREFIX}${snapshotId}/*`, '--all'];
  const purged = objectSet(await context.git.raw(['rev-list', '--objects', ...roots, ...notKept]));

  const casualties: PurgeCasualty[] = [];
  const holds = holdsAnyOf(context, purged, notKept);
  for (const reflog of await reflogEntries(context)) {
    if (await holds(reflog.sha)) casualties.push({ kind: 'reflog', sha: reflog.sha, selector: reflog.selector, message: reflog.message });
  }
  for (const object of await danglingObjects(context)) {
    if (purged.has(object.sha)) continue; // the old commits themselves
    if (await holds(object.sha)) casualties.push({ kind: 'dangling', sha: object.sha });
  }
  return { purged, casualties };
}

/** Whether an object (a commit or tree with what it reaches, or a blob) holds any of `shas` that nothing kept holds; answers cached. */
function holdsAnyOf(context: RepoContext, shas: ReadonlySet<string>, notKept: readonly string[]): (sha: string) => Promise<boolean> {
  const answers = new Map<string, Promise<boolean>>();
  const ask = async (sha: string): Promise<boolean> => {
    if (shas.has(sha)) return true;
    if ((await context.git.raw(['cat-file', '-t', sha])).trim() === 'blob') return false;
    const reached = objectSet(await context.git.raw(['rev-list', '--objects', sha, ...notKept]));
    for (const object of reached) if (shas.has(object)) return true;
    return false;
  };
  return (sha) => {
    if (!answers.has(sha)) answers.set(sha, ask(sha));
    return answers.get(sha) as Promise<boolean>;
  };
}

function objectSet(revList: string): Set<string> {
  return new Set(
    revList
      .split('\n')
      .map((line) => line.slice(0, line.indexOf(' ') < 0 ? line.length : line.indexOf(' ')))
      .filter((sha) => /^[0-9a-f]{40,64}$/.test(sha)),
  );
}

/** Every entry of every reflog (HEAD's and each ref's), with its selector. */
async function reflogEntries(context: RepoContext): Promise<ReflogEntry[]> {
  const refs = (await context.git.raw(['for-each-ref', '--format=%(refname)'])).split('\n').filter((ref) => ref !== '' && !ref.startsWith('refs/shipshape/'));
  const entries: ReflogEntry[] = [];
  for (const ref of ['HEAD', ...refs]) {
    const log = await context.git.tryRaw(['log', '-g', '--format=%H%x00%gD%x00%gs', ref]);
    for (const line of (log ?? '').split('\n')) {
      const [sha = '', selector = '', message = ''] = line.split('\0');
      if (/^[0-9a-f]{40,64}$/.test(sha)) entries.push({ sha, selector, message });
    }
  }
  return entries;
}

/**
 * Deletes reflog entries by selector, highest number first so the others keep theirs. Never
 * --updateref: no ref moves (a ref's newest entry is what it holds, which is kept anyway).
 */
async function deleteReflogEntries(context: RepoContext, selectors: readonly string[]): Promise<void> {
  const number = (selector: string) => Number(/@\{(\d+)\}$/.exec(selector)?.[1] ?? -1);
  for (const selector of [...new Set(selectors)].sort((a, b) => number(b) - number(a))) await context.git.raw(['reflog', 'delete', '--rewrite', selector]);
}

/** `git fsck --dangling` (reflogs count as holding): the tips of what nothing refers to. */
async function danglingObjects(context: RepoContext): Promise<{ type: string; sha: string }[]> {
  const output = await context.git.lenient(['fsck', '--dangling', '--no-progress']).catch(() => '');
  return output.split('\n').flatMap((line) => {
    const match = /^dangling (commit|blob|tree|tag) ([0-9a-f]{40,64})$/.exec(line.trim());
    return match ? [{ type: match[1] as string, sha: match[2] as string }] : [];
  });
}
