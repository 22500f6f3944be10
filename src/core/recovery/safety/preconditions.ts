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
