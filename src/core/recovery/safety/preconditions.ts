import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoContext } from './repo-context';
import { fixRefused } from './safety-errors';

/**
 * The lock files git takes for the index, HEAD, packed refs and each ref a
 * change moves. One present means a git command is running here (or one
 * crashed and left it): a fix would fail half-way on its second step.
 */
export function lockFilesFor(context: RepoContext, refs: readonly string[]): string[] {
  return [
    `${context.indexPath}.lock`,
    join(context.gitDir, 'HEAD.lock'),
    join(context.commonDir, 'packed-refs.lock'),
    ...refs.filter((ref) => ref.startsWith('refs/')).map((ref) => join(context.commonDir, `${ref}.lock`)),
  ];
}

/** Subcommands that write commits, and so need to know who is writing them. */
const MAKES_COMMITS = new Set(['commit', 'cherry-pick', 'revert', 'merge', 'rebase', 'am', 'stash', 'pull']);

/**
 * Refuses, before the first change, a plan that makes commits when git does
 * not know who the user is (no user.name/user.email, and none git can guess):
 * its commit step would fail half way. Says the command that fixes it.
 */
export async function refuseWithoutIdentity(context: RepoContext, steps: ReadonlyArray<{ readonly args: readonly string[] }>, what: string): Promise<void> {
  const maker = steps.map((step) => step.args[0] ?? '').find((command) => MAKES_COMMITS.has(command));
  if (maker === undefined) return;
  for (const ident of ['GIT_AUTHOR_IDENT', 'GIT_COMMITTER_IDENT']) {
    if ((await context.git.tryRaw(['var', ident])) !== undefined) continue;
    throw fixRefused(
      `${what} makes commits (git ${maker}), and git does not know your name and email. Nothing was changed.`,
      'Tell git who you are, then try again: git config --global user.name "Your Name" and git config --global user.email "you@example.com".',
    );
  }
}

/** Refuses, before the first change, while git holds a lock this work needs; says which and what to do. */
export async function refuseWhileLocked(context: RepoContext, refs: readonly string[], what: string): Promise<void> {
  for (const lock of lockFilesFor(context, refs)) {
    if ((await stat(lock).catch(() => undefined)) === undefined) continue;
    throw fixRefused(
      `${what} cannot start: ${lock} exists, so another git command is running in this repository (or one stopped and left its lock). Nothing was changed.`,
      'Wait for that git command to finish; if none is running, delete the lock file and try again.',
    );
  }
}
