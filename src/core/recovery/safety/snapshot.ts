import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { GitOptions } from '../../git/git';
import { openRepository, type RepoContext } from './repo-context';
import { readHead, readRefs, SNAPSHOT_REF_PREFIX, type HeadState } from './refs';
import { updateRefs } from './ref-transaction';
import { snapshotMissing } from './safety-errors';
import { listFilesUnder, withTempDir } from './temp-files';
import { addAllButHugeFiles, copyIndex, type LeftOutFile } from './work-state';

/**
 * Everything needed to put a worktree back exactly. Stored as three commits
 * under refs/shipshape/snapshots/<id>/ so gc keeps them:
 * - index: the index as a tree (parent: HEAD, which it keeps alive);
 * - state: a tree with the index file's exact bytes (`index`; the only record
 *   when the index has conflicts) and git's operation files (`state/MERGE_HEAD`, ...);
 * - worktree: every non-ignored file, untracked included; parents index and
 *   state; its message holds the metadata as JSON.
 */
export interface Snapshot {
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  /** The work tree the snapshot was taken in (snapshots of all worktrees share the ref namespace). */
  readonly worktree: string;
  readonly head: HeadState;
  /** The index as a tree; null when it has unmerged entries (then only the bytes restore it). */
  readonly indexTree: string | null;
  /** False when there was no index file yet (a fresh repository). */
  readonly hasIndexFile: boolean;
  /** Operation state files that existed, relative to the git directory (e.g. `MERGE_HEAD`, `rebase-merge/done`). */
  readonly stateFiles: readonly string[];
  /** Untracked files too big to copy into the snapshot: an undo leaves them as they are. */
  readonly leftOut?: readonly LeftOutFile[];
  readonly worktreeTree: string;
  readonly commits: { readonly index: string; readonly state: string; readonly worktree: string };
  /**
   * Every ref when the snapshot was taken (ours excluded). Only in the value
   * takeSnapshot returns: a fix's journal entry keeps the refs it moved.
   */
  readonly refs?: ReadonlyMap<string, string>;
}

type SnapshotMetadata = Omit<Snapshot, 'commits' | 'refs' | 'worktreeTree'>;

const SNAPSHOT_PARTS = ['index', 'state', 'worktree'] as const;

export function snapshotRef(id: string, part: (typeof SNAPSHOT_PARTS)[number]): string {
  return `${SNAPSHOT_REF_PREFIX}${id}/${part}`;
}

/** Records refs, HEAD, the index and the working tree without touching the user's index or files. */
export async function takeSnapshot(repo: string, options: GitOptions = {}): Promise<Snapshot> {
  const context = await openRepository(repo, options);
  return takeSnapshotIn(context);
}

export async function takeSnapshotIn(context: RepoContext): Promise<Snapshot> {
  const { git, root } = context;
  const [refs, head] = await Promise.all([readRefs(git), readHead(git)]);
  const id = newSnapshotId();
  return await withTempDir(async (temp) => {
    const indexCopy = join(temp, 'index');
    const hasIndexFile = await copyIndex(context, indexCopy);
    const stateFiles: Array<{ name: string; path: string }> = [];
    for (const [name, path] of context.statePaths) stateFiles.push(...(await listFilesUnder(path, name)));
    const stored = [...(hasIndexFile ? [{ name: 'index', path: indexCopy }] : []), ...stateFiles.map((file) => ({ ...file, name: `state/${file.name}` }))];
    const blobs =
      stored.length === 0 ? [] : (await git.raw(['hash-object', '-w', '--no-filters', '--', ...stored.map((file) => file.path)])).trim().split('\n');

    const onCopy = context.git.with({ indexFile: indexCopy, snapshotIdentity: true });
    const onState = context.git.with({ indexFile: join(temp, 'state-index'), snapshotIdentity: true });
    const cacheInfo = stored.flatMap((file, index) => ['--cacheinfo', `100644,${blobs[index] ?? ''},${file.name}`]);
    // Two independent temporary indexes, built side by side.
    const [[indexTree, worktreeTree, leftOut], stateTree] = await Promise.all([
      (async () => {
        const tree = (await onCopy.tryRaw(['write-tree']))?.trim() || null; // fails on conflicts: the bytes keep those
        const skipped = await addAllButHugeFiles(onCopy, root);
        return [tree, (await onCopy.raw(['write-tree'])).trim(), skipped] as const;
      })(),
      (async () => {
        if (cacheInfo.length > 0) await onState.raw(['update-index', '--add', ...cacheInfo]);
        return (await onState.raw(['write-tree'])).trim();
      })(),
    ]);
    const emptyTree = indexTree ?? (await context.git.with({ indexFile: join(temp, 'empty-index') }).raw(['write-tree'])).trim();

    const metadata: SnapshotMetadata = {
      id,
      time: Date.now(),
      worktree: root,
      head,
      indexTree,
      hasIndexFile,
      stateFiles: stateFiles.map((file) => file.name),
      ...(leftOut.length > 0 ? { leftOut } : {}),
    };
    const commit = async (tree: string, parents: readonly (string | null)[], message: string): Promise<string> => {
      const args = ['commit-tree', '--no-gpg-sign', tree];
      for (const parent of parents) if (parent) args.push('-p', parent);
      return (await onCopy.raw([...args, '-m', message])).trim();
    };
    const [indexCommit, stateCommit] = await Promise.all([
      commit(indexTree ?? emptyTree, [head.sha], `shipshape snapshot ${id}: index`),
      commit(stateTree, [], `shipshape snapshot ${id}: git state`),
    ]);
    const worktreeCommit = await commit(worktreeTree, [indexCommit, stateCommit], `shipshape snapshot ${id}: working tree\n\n${JSON.stringify(metadata)}`);
    const commits = { index: indexCommit, state: stateCommit, worktree: worktreeCommit };
    const creates = SNAPSHOT_PARTS.map((part) => ({ name: snapshotRef(id, part), old: null, new: commits[part] }));
    await updateRefs(root, context.options, creates, `shipshape: snapshot ${id}`);
    return { ...metadata, worktreeTree, commits, refs };
  });
}

/** Reads a snapshot back from its refs (without the full ref listing, which only the journal keeps). */
export async function readSnapshot(context: RepoContext, id: string): Promise<Snapshot> {
  const { git } = context;
  const commits: Record<string, string> = {};
  await Promise.all(
    SNAPSHOT_PARTS.map(async (part) => {
      const sha = (await git.tryRaw(['rev-parse', '-q', '--verify', `${snapshotRef(id, part)}^{commit}`]))?.trim();
      if (!sha)
        throw snapshotMissing(`Snapshot ${id} is missing (${snapshotRef(id, part)} does not exist).`, 'List the snapshots that exist with listSnapshots.');
      commits[part] = sha;
    }),
  );
  const worktree = commits.worktree ?? '';
  const body = await git.raw(['cat-file', 'commit', worktree]);
  const json = body
    .slice(body.indexOf('\n\n') + 2)
    .split('\n')
    .find((line) => line.startsWith('{'));
  const metadata = parseMetadata(json);
  if (metadata === undefined || metadata.id !== id) throw snapshotMissing(`Snapshot ${id} cannot be read: its commit ${worktree} has no metadata.`);
  const worktreeTree = (await git.raw(['rev-parse', `${worktree}^{tree}`])).trim();
  return { ...metadata, worktreeTree, commits: { index: commits.index ?? '', state: commits.state ?? '', worktree } };
}

/** Ids of every snapshot in the repository (all worktrees), oldest first. */
export async function listSnapshotIds(context: RepoContext): Promise<string[]> {
  const output = await context.git.raw(['for-each-ref', '--format=%(refname)', SNAPSHOT_REF_PREFIX]);
  const ids = new Set<string>();
  for (const line of output.split('\n')) {
    const match = /^refs\/shipshape\/snapshots\/([^/]+)\/worktree$/.exec(line);
    if (match?.[1]) ids.add(match[1]);
  }
  return [...ids].sort();
}

/** Removes every ref of a snapshot (its objects become unreachable and gc may drop them later). */
export async function deleteSnapshotRefs(context: RepoContext, id: string): Promise<number> {
  const output = await context.git.raw(['for-each-ref', '--format=%(refname)%00%(objectname)', `${SNAPSHOT_REF_PREFIX}${id}/`]);
  const deletes = output
    .split('\n')
    .map((line) => line.split('\0'))
    .filter((fields): fields is [string, string] => Boolean(fields[0] && fields[1]))
    .map(([name, sha]) => ({ name, old: sha, new: null }));
  await updateRefs(context.root, context.options, deletes, `shipshape: delete snapshot ${id}`);
  return deletes.length;
}

function parseMetadata(json: string | undefined): SnapshotMetadata | undefined {
  if (json === undefined) return undefined;
  try {
    const value = JSON.parse(json) as Partial<SnapshotMetadata>;
    if (typeof value.id !== 'string' || typeof value.time !== 'number' || typeof value.head !== 'object' || !Array.isArray(value.stateFiles)) return undefined;
    return value as SnapshotMetadata;
  } catch {
    return undefined;
  }
}

/** Sortable by time, unique by a random tail; only [0-9a-z-] so it is a safe ref component. */
function newSnapshotId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15).toLowerCase();
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}
