import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { gitEnvironment, type GitOptions } from '../git/git-client';
import { removeRunWorktree } from './run-git';

/** The repository a worktree belongs to: the folder holding its common `.git` directory. */
function mainRepository(worktree: string, options: GitOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(options.binary || 'git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: worktree, env: gitEnvironment(), encoding: 'utf8' }, (error, stdout) => {
      const common = stdout.trim();
      resolve(error || !common || basename(common) !== '.git' ? undefined : dirname(common));
    });
  });
}

/**
 * Removes the isolated copy a failed run kept, and git's record of it, so `git worktree list`
 * is as before the run. Says what happened; never touches the user's own working tree.
 */
export async function removeKeptWorktree(worktree: string, options: GitOptions = {}): Promise<'removed' | 'already-gone' | 'not-a-worktree'> {
  if (!existsSync(worktree)) return 'already-gone';
  const root = await mainRepository(worktree, options);
  if (!root || root === worktree) return 'not-a-worktree';
  await removeRunWorktree(root, worktree, options);
  return 'removed';
}
