import { lstat, mkdir, readdir, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RepoContext } from './repo-context';
import { changedRefs, readHead, readRefs, sameHead, type HeadState } from './refs';
import type { Git } from '../../git/git';
import { updateRefs, type RefUpdate } from './ref-transaction';
import { fixFailed, gitMessage, undoRefused } from './safety-errors';
import type { Snapshot } from './snapshot';
import { withTempDir } from './temp-files';

/** One ref to put back: it must hold `current` now (null: absent) and will hold `target` (null: deleted). */
export interface RefRestore {
  readonly name: string;
  readonly current: string | null;
  readonly target: string | null;
}

/**
 * Puts refs, HEAD, the working tree, the index and git's operation files back
 * as the snapshot has them. Everything that could stop it half way (missing
 * objects, ignored files in the way) is checked before the first change;
 * `beforeFirstChange` runs once those checks passed.
 */
export async function restoreSnapshot(
  context: RepoContext,
  snapshot: Snapshot,
  refs: readonly RefRestore[],
  reason: string,
  beforeFirstChange?: () => Promise<void>,
): Promise<void> {
  const { git } = context;
  await withTempDir(async (temp) => {
    const shas = [snapshot.commits.index, snapshot.commits.state, snapshot.commits.worktree, snapshot.head.sha, ...refs.map((ref) => ref.target)];
    const missing = await missingObjects(
      context,
      shas.filter((sha): sha is string => sha !== null),
    );
    if (missing.length > 0) {
      throw undoRefused(`Objects the snapshot ${snapshot.id} needs are missing from the repository (${missing.slice(0, 3).join(', ')}); nothing was changed.`);
    }
    const onTemp = context.git.with({ indexFile: join(temp, 'worktree-index') });
    await onTemp.raw(['read-tree', snapshot.worktreeTree]);
    const blocked = await ignoredFilesInTheWay(git, onTemp, snapshot.worktreeTree);
    if (blocked.length > 0) {
      throw undoRefused(
        `Ignored files are where the snapshot has other files (${blocked.slice(0, 3).join(', ')}); nothing was changed.`,
        'Move those ignored files away and try again.',
      );
    }
    await beforeFirstChange?.();

    await restoreRefs(context, refs, reason);
    await restoreHead(git, snapshot.head, reason);
    await restoreWorktree(context.root, onTemp, new Set((snapshot.leftOut ?? []).map((file) => file.path)));
    await restoreIndex(context, snapshot);
    await restoreOperationState(context, snapshot);
  });
}

/**
 * After a failure half way: every ref that differs from the snapshot goes
 * back, then the rest. Throws (keeping the reason) when even that fails.
 */
export async function rollBackTo(context: RepoContext, snapshot: Snapshot, reason: string): Promise<void> {
  const moved = changedRefs(snapshot.refs ?? new Map(), await readRefs(context.git));
  const refs = Object.entries(moved).map(([name, change]) => ({ name, current: change.after, target: change.before }));
  try {
    await restoreSnapshot(context, snapshot, refs, `shipshape: restore after ${reason}`);
  } catch (error) {
    throw fixFailed(
      `${reason}, and restoring the snapshot failed too: ${gitMessage(error)}.`,
      `Everything from before is kept in refs/shipshape/snapshots/${snapshot.id}/ (working tree, index and git state).`,
    );
  }
}

async function restoreRefs(context: RepoContext, refs: readonly RefRestore[], reason: string): Promise<void> {
  const updates: RefUpdate[] = [];
  for (const ref of refs) {
    if (ref.current === ref.target) continue;
    // A stash pushed by the fix is dropped the way `git stash drop` does it, so `stash list` is exact too.
    if (ref.name === 'refs/stash' && ref.current !== null && (await dropTopStash(context.git, ref))) continue;
    updates.push({ name: ref.name, old: ref.current, new: ref.target });
  }
  // One transaction, each ref checked against its current value: all go back or none does.
  await updateRefs(context.root, context.options, updates, reason);
}

async function dropTopStash(git: Git, ref: RefRestore): Promise<boolean> {
  const entries = (await git.tryRaw(['log', '-g', '--format=%H', 'refs/stash']))?.split('\n').filter((line) => line !== '') ?? [];
  if (entries[0] !== ref.current || (entries[1] ?? null) !== ref.target) return false;
  await git.raw(['reflog', 'delete', '--updateref', '--rewrite', 'refs/stash@{0}']);
  const now = (await git.tryRaw(['rev-parse', '-q', '--verify', 'refs/stash']))?.trim() || null;
  if (ref.target === null && now !== null) await git.raw(['update-ref', '-d', 'refs/stash', now]);
  else if (now !== ref.target && ref.target !== null) await git.raw(['update-ref', 'refs/stash', ref.target]);
  return true;
}

async function restoreHead(git: Git, head: HeadState, reason: string): Promise<void> {
  if (sameHead(await readHead(git), head)) return;
  if (head.symbolic !== null) await git.raw(['symbolic-ref', '-m', reason, 'HEAD', head.symbolic]);
  else if (head.sha !== null) await git.raw(['update-ref', '--no-deref', '-m', reason, 'HEAD', head.sha]);
}

/**
 * Ignored files are never touched; `checkout-index -f` would remove one that
 * sits where the snapshot has a file (or a folder), so those stop the restore.
 */
async function ignoredFilesInTheWay(git: Git, onTemp: Git, tree: string): Promise<string[]> {
  const [listing, ignoredListing] = await Promise.all([
    git.raw(['ls-tree', '-r', '-z', '--name-only', tree]),
    onTemp.raw(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']),
  ]);
  const files = new Set(splitNul(listing));
  const folders = new Set<string>();
  for (const file of files) for (let cut = file.lastIndexOf('/'); cut > 0; cut = file.lastIndexOf('/', cut - 1)) folders.add(file.slice(0, cut));
  return splitNul(ignoredListing).filter((entry) => {
    const path = entry.replace(/\/$/, '');
    if (folders.has(path)) return true;
    for (let cut = path.length; cut > 0; cut = path.lastIndexOf('/', cut - 1)) if (files.has(path.slice(0, cut))) return true;
    return false;
  });
}

/**
 * Every snapshot file back (content and mode, via git's own checkout), then non-ignored files it
 * did not have removed, except the huge untracked ones it left out on purpose: those stay as they are.
 */
async function restoreWorktree(root: string, onTemp: Git, leftOut: ReadonlySet<string>): Promise<void> {
  // Refreshing first lets checkout-index skip files that are already right (their mtimes stay).
  await onTemp.tryRaw(['update-index', '-q', '--refresh']);
  await onTemp.raw(['checkout-index', '-a', '-f']);
  const extra = splitNul(await onTemp.raw(['ls-files', '-z', '--others', '--exclude-standard']));
  for (const path of extra) {
    if (path.endsWith('/') || leftOut.has(path)) continue; // an embedded repository, or a file too big to snapshot: never ours to remove
    const full = join(root, path);
    await unlink(full).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await removeEmptyFolders(root, dirname(full));
  }
}

async function removeEmptyFolders(root: string, folder: string): Promise<void> {
  for (let current = folder; current.length > root.length && current.startsWith(root); current = dirname(current)) {
    const entries = await readdir(current).catch(() => undefined);
    if (entries === undefined || entries.length > 0) return;
    await rmdir(current);
  }
}

/** The index file's exact bytes (stages, intent-to-add and all), written the way git does: lock file, rename. */
async function restoreIndex(context: RepoContext, snapshot: Snapshot): Promise<void> {
  const { git, indexPath } = context;
  if (snapshot.hasIndexFile) {
    const bytes = await git.bytes(['cat-file', 'blob', `${snapshot.commits.state}:index`]);
    const lock = `${indexPath}.lock`;
    await writeFile(lock, bytes, { flag: 'wx' });
    await rename(lock, indexPath);
  } else {
    await rm(indexPath, { force: true });
  }
  if ((await git.tryRaw(['ls-files', '-s'])) === undefined && snapshot.indexTree !== null) {
    await git.raw(['read-tree', snapshot.indexTree]); // e.g. a split index whose shared part is gone
  }
  // The restored bytes carry the old stat data of files checkout-index just rewrote: refresh it
  // (stat data only; entries and stages stay), or the next `reset --keep` sees them as changed.
  await git.tryRaw(['update-index', '-q', '--refresh']);
}

/** Which of `shas` the object database lacks, in one `cat-file --batch-check`. */
async function missingObjects(context: RepoContext, shas: readonly string[]): Promise<string[]> {
  if (shas.length === 0) return [];
  const output = await context.git.raw(['cat-file', '--batch-check=%(objectname)'], { input: `${shas.join('\n')}\n` });
  return output
    .split('\n')
    .filter((line) => line.endsWith(' missing'))
    .map((line) => line.split(' ')[0] ?? line);
}

async function restoreOperationState(context: RepoContext, snapshot: Snapshot): Promise<void> {
  const { git } = context;
  for (const path of context.statePaths.values()) {
    if ((await lstat(path).catch(() => undefined)) !== undefined) await rm(path, { recursive: true, force: true });
  }
  if (snapshot.stateFiles.length === 0) return;
  for (const name of snapshot.stateFiles) {
    const top = name.split('/')[0] ?? name;
    const base = context.statePaths.get(top);
    if (base === undefined) continue;
    const target = join(dirname(base), name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await git.bytes(['cat-file', 'blob', `${snapshot.commits.state}:state/${name}`]));
  }
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry !== '');
}
