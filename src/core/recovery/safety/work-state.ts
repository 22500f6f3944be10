import { copyFile, lstat, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { ShipshapeError } from '../../errors';
import type { Git } from '../../git/git';
import type { RepoContext } from './repo-context';
import { exists, withTempDir } from './temp-files';

/** Untracked files above this size stay out of snapshots: copying a 300 MB ISO into .git is not a safety net anyone wants. */
export const SNAPSHOT_FILE_LIMIT = 50 * 1024 * 1024;

export interface LeftOutFile {
  readonly path: string;
  readonly size: number;
}

/**
 * `git add -A` on a temporary index, but untracked files over the limit stay
 * out (fixes never touch them, and undo leaves them where they are); says which.
 */
export async function addAllButHugeFiles(onCopy: Git, root: string): Promise<LeftOutFile[]> {
  const untracked = (await onCopy.raw(['ls-files', '-z', '--others', '--exclude-standard'])).split('\0').filter((path) => path !== '' && !path.endsWith('/'));
  const leftOut: LeftOutFile[] = [];
  for (const path of untracked) {
    const size = (await lstat(join(root, path)).catch(() => undefined))?.size ?? 0;
    if (size > SNAPSHOT_FILE_LIMIT) leftOut.push({ path, size });
  }
  await onCopy.raw(['add', '-A', '--', '.', ...leftOut.map((file) => `:(exclude,literal)${file.path}`)]);
  return leftOut;
}

/**
 * Copies the index to `target`, with its own times (like cp -p): git trusts a file's stat data only
 * when the file is older than the index, and a fresh mtime would make `add -A` skip an edit made in
 * the same second the index was written. Copies only: write-tree may rewrite the index it reads.
 * False when there is no index file yet.
 */
export async function copyIndex(context: RepoContext, target: string): Promise<boolean> {
  if (!(await exists(context.indexPath))) return false;
  await copyFile(context.indexPath, target);
  const { atime, mtime } = await stat(context.indexPath);
  await utimes(target, atime, mtime);
  return true;
}

/** The index and the working tree as trees: equal trees, equal work. */
export interface WorkState {
  /** The index as a tree; null when it cannot be one (conflicts). */
  readonly indexTree: string | null;
  /** Tracked and untracked files (not ignored ones), as `git add -A` would stage them. */
  readonly worktreeTree: string;
}

/**
 * Reads the work as trees without touching the user's index: a copy of the
 * index (with its own times, so git trusts its stat data as it would the
 * original's) takes `add -A`. Writes objects, never refs.
 */
export async function readWorkState(context: RepoContext): Promise<WorkState> {
  return withTempDir(async (temp) => {
    const indexCopy = join(temp, 'index');
    await copyIndex(context, indexCopy);
    const onCopy = context.git.with({ indexFile: indexCopy });
    const indexTree = (await onCopy.tryRaw(['write-tree']))?.trim() || null;
    await addAllButHugeFiles(onCopy, context.root);
    return { indexTree, worktreeTree: (await onCopy.raw(['write-tree'])).trim() };
  });
}

/** The paths whose index entry or file differs between two states, sorted. */
export async function pathsChangedBetween(context: RepoContext, before: WorkState, after: WorkState): Promise<string[]> {
  const empty = (await context.git.raw(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).trim();
  const diff = async (a: string | null, b: string | null) =>
    a === b ? [] : (await context.git.raw(['diff-tree', '-r', '--name-only', '-z', '--no-renames', a ?? empty, b ?? empty])).split('\0');
  const paths = new Set([...(await diff(before.worktreeTree, after.worktreeTree)), ...(await diff(before.indexTree, after.indexTree))]);
  paths.delete('');
  return [...paths].sort();
}

/** An undo that would replace work done since the fix: it names the files, and a caller may confirm. */
export class LaterChangesError extends ShipshapeError {
  constructor(
    readonly title: string,
    readonly paths: readonly string[],
  ) {
    const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
    super(
      'undo-refused',
      `Since "${title}" was applied, ${paths.length === 1 ? 'this file changed' : `${paths.length} files changed`}: ${shown}. Undoing would replace ${paths.length === 1 ? 'it' : 'them'}; nothing was undone.`,
      "To undo anyway, confirm it (shipshape fix --undo --yes --include-later-changes): those changes are kept in the undo's own safety snapshot, and undoing the undo brings them back.",
    );
    this.name = 'LaterChangesError';
  }
}
