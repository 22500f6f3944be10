import type { GitOptions } from '../../git/git';
import { readJournal } from './journal';
import { openRepository, type RepoContext } from './repo-context';
import { NOT_OURS, SNAPSHOT_REF_PREFIX } from './refs';
import { updateRefs } from './ref-transaction';
import { listSnapshotIds, readSnapshot } from './snapshot';
import { deleteSnapshot } from './snapshots';

/** Something recoverable that holds part of what is purged, and so goes with it. */
export interface PurgeCasualty {
  /**
   * `reflog` for an entry of a ref's history, `dangling` for an object nothing refers to (a dropped stash, a lost commit or blob),
   * `snapshot` for another safety snapshot that holds the old commits' content (an earlier fix's, or an undo's): its undo goes.
   */
  readonly kind: 'reflog' | 'dangling' | 'snapshot';
  readonly sha: string;
  /** For a reflog entry: its selector (`refs/heads/main@{2}`) and message; for a snapshot, the title of the fix or undo it was taken for. */
  readonly selector?: string;
  readonly message?: string;
  /** For a snapshot: its id. */
  readonly snapshot?: string;
}

export interface PurgePlan {
  /** Objects only the fix's old commits and snapshot (and the snapshots that go with it) hold: the ones a purge deletes. */
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
  // Every other snapshot that holds the old commits' content goes too, or `push --mirror` would still copy the secret.
  for (const casualty of plan.casualties) if (casualty.snapshot) await deleteSnapshot(repo, casualty.snapshot, options);
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
  const journal = await readJournal(context);
  const entry = journal.find((candidate) => candidate.snapshot === snapshotId);
  // The commits the fix rewrote; without its journal entry, the HEAD the snapshot was taken at.
  const oldCommits = entry
    ? Object.values(entry.refs).flatMap((change) => (change.before === null ? [] : [change.before]))
    : snapshot.head.sha
      ? [snapshot.head.sha]
      : [];
  const snapshots = await otherSnapshotsHolding(context, snapshotId, oldCommits);
  const casualties: PurgeCasualty[] = snapshots.map((other) => {
    const title = journal.find((candidate) => candidate.snapshot === other.id)?.title;
    return { kind: 'snapshot', sha: other.sha, snapshot: other.id, ...(title ? { message: title } : {}) };
  });
  // Everything but this snapshot's own refs and those of the snapshots that go with it counts as kept.
  const notKept = ['--not', ...[snapshotId, ...snapshots.map((other) => other.id)].map((id) => `--exclude=${SNAPSHOT_REF_PREFIX}${id}/*`), '--all'];
  const purged = objectSet(await context.git.raw(['rev-list', '--objects', snapshot.commits.worktree, ...oldCommits, ...notKept]));

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

/**
 * The other snapshots that reach any object of the old commits no branch, tag
 * or remote holds (an earlier take-out fix of the same commit, an undo's
 * snapshot with the file in its working tree): left in place they would keep
 * the secret. Judged with every snapshot's refs left out, so that none shields another.
 */
async function otherSnapshotsHolding(context: RepoContext, snapshotId: string, oldCommits: readonly string[]): Promise<{ id: string; sha: string }[]> {
  const others = (await listSnapshotIds(context)).filter((id) => id !== snapshotId);
  if (oldCommits.length === 0 || others.length === 0) return [];
  const old = objectSet(await context.git.raw(['rev-list', '--objects', ...oldCommits, '--not', ...NOT_OURS, '--all']));
  const holding: { id: string; sha: string }[] = [];
  for (const id of others) {
    const tips = (await context.git.raw(['for-each-ref', '--format=%(objectname)', `${SNAPSHOT_REF_PREFIX}${id}/`])).split('\n').filter(Boolean);
    const reached = objectSet(await context.git.raw(['rev-list', '--objects', ...new Set(tips), '--not', ...NOT_OURS, '--all']));
    if ([...reached].some((sha) => old.has(sha)))
      holding.push({ id, sha: (await readSnapshot(context, id).catch(() => undefined))?.commits.worktree ?? tips[0] ?? '' });
  }
  return holding;
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
