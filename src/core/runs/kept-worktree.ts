import { existsSync, readdirSync, realpathSync, rmdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createGit, type GitOptions } from '../git/git';
import { removeRunWorktree } from './run-git';
import { isRunRepository, removeRunRepository } from './run-repository';

/**
 * The repository a worktree belongs to: the folder holding its common `.git` directory; undefined
 * unless `worktree` is the top folder of a linked worktree (not a main working tree, not a folder inside one).
 */
async function mainRepository(worktree: string, options: GitOptions): Promise<string | undefined> {
  const output = await createGit(worktree, options).tryRaw(['rev-parse', '--path-format=absolute', '--git-common-dir', '--git-dir', '--show-toplevel']);
  const [common = '', gitDir = '', top = ''] = (output ?? '').trim().split('\n');
  const linked = output !== undefined && basename(common) === '.git' && gitDir !== common && top !== '' && samePath(top, worktree);
  return linked ? dirname(common) : undefined;
}

/** A run's copy lives in `<tmp>/shipshape-run-<id>/workspace`: the emptied folder around it goes too. */
function removeEmptyRunFolder(folder: string): void {
  if (!basename(folder).startsWith('shipshape-run-')) return;
  try {
    if (readdirSync(folder).length === 0) rmdirSync(folder);
  } catch {
    // Already gone, or not ours to remove: nothing was lost either way.
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Removes the isolated copy a failed run kept: a run's own repository (marked as ours), or, kept by
 * an older version, a linked worktree and git's record of it. Says what happened; never touches the
 * user's own working tree, nor any other folder.
 */
export async function removeKeptWorktree(worktree: string, options: GitOptions = {}): Promise<'removed' | 'already-gone' | 'not-a-worktree'> {
  if (!existsSync(worktree)) return 'already-gone';
  if (isRunRepository(worktree)) {
    removeRunRepository(worktree);
    removeEmptyRunFolder(dirname(worktree));
    return 'removed';
  }
  const root = await mainRepository(worktree, options);
  if (!root || root === worktree) return 'not-a-worktree';
  await removeRunWorktree(root, worktree, options);
  removeEmptyRunFolder(dirname(worktree));
  return 'removed';
}
