import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createGit, type GitOptions } from '../git/git';

/** Where a run's repository says whose copy it is: its presence marks a folder as ours to delete. */
export const RUN_MARKER = join('.git', 'shipshape-run');

/** A push URL no transport accepts: a step's `git push` fails instead of reaching the user's remote. */
export const BLOCKED_PUSH_URL = '/dev/null/shipshape-local-runs-do-not-push';

export interface RunRepositoryOptions extends GitOptions {
  /** Let steps push to the user's remotes (off: every remote's push URL is blocked). */
  readonly allowPush?: boolean;
}

/**
 * The isolated copy a run works in: a repository of its own, not a worktree of the user's. It
 * borrows the user's objects read-only (objects/info/alternates) and gets copies of their
 * branches, remote-tracking branches and tags, and their remotes' fetch URLs; its config, refs,
 * stash, hooks and new objects are its own, so a step's `git config`, `git tag`, `git checkout -b`,
 * `git stash` or `git gc --prune=now` changes nothing of the user's, and `git push` is blocked
 * unless allowed. HEAD is detached at `sha`; no hook runs while it is made.
 */
export async function createRunRepository(root: string, sha: string, dir: string, options: RunRepositoryOptions = {}): Promise<void> {
  const { allowPush = false, ...gitOptions } = options;
  const user = createGit(root, gitOptions);
  mkdirSync(dirname(dir), { recursive: true });
  const [commonDir = '', refs, remotes] = await Promise.all([
    user.raw(['rev-parse', '--path-format=absolute', '--git-common-dir']).then((out) => out.trim()),
    user.raw(['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/remotes', 'refs/tags']),
    user.tryRaw(['config', '-z', '--get-regexp', '^remote\\..*\\.url$']),
  ]);
  await createGit(dirname(dir), gitOptions).raw(['init', '-q', dir]);
  writeFileSync(join(dir, '.git', 'objects', 'info', 'alternates'), `${resolve(commonDir, 'objects')}\n`);
  writeFileSync(join(dir, RUN_MARKER), `${root}\n`);
  const copy = createGit(dir, gitOptions);
  const creates = refs
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([object = '', name = '']) => /^[0-9a-f]{40,64}$/.test(object) && name !== '' && !name.endsWith('/HEAD'))
    .map(([object, name]) => `create ${name} ${object}\n`);
  if (creates.length > 0) await copy.raw(['update-ref', '--stdin'], { input: creates.join('') });
  for (const entry of (remotes ?? '').split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline < 0) continue;
    const name = entry.slice('remote.'.length, newline - '.url'.length);
    await copy.raw(['config', `remote.${name}.url`, entry.slice(newline + 1)]);
    await copy.raw(['config', `remote.${name}.fetch`, `+refs/heads/*:refs/remotes/${name}/*`]);
    if (!allowPush) await copy.raw(['config', `remote.${name}.pushurl`, BLOCKED_PUSH_URL]);
  }
  await copy.raw(['update-ref', '--no-deref', 'HEAD', sha]);
  await copy.raw(['reset', '-q', '--hard', sha]); // reset runs no hook (checkout would run post-checkout)
}

/** Removes a run's copy: a folder of its own, so nothing of the user's repository is touched. */
export function removeRunRepository(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Whether `dir` is the top of a run's copy (our marker is there). */
export function isRunRepository(dir: string): boolean {
  return existsSync(join(dir, RUN_MARKER));
}
