import type { GitOptions } from '../../git/git';
import { openRepository } from './repo-context';
import { deleteSnapshot } from './snapshots';

/**
 * After a fix took a committed secret out: forget it for good. Deletes the
 * fix's safety snapshot (which holds the old commit), expires unreachable
 * reflog entries and prunes unreachable objects, so the secret is no longer
 * in the repository. The fix can then no longer be undone, and other commits
 * only a reflog held are gone too: callers ask first and say so.
 */
export async function purgeAfterSecretRemoval(repo: string, snapshotId: string, options: GitOptions = {}): Promise<void> {
  await deleteSnapshot(repo, snapshotId, options);
  const { git } = await openRepository(repo, options);
  await git.raw(['reflog', 'expire', '--expire-unreachable=now', '--all']);
  await git.raw(['gc', '--prune=now', '--quiet']);
}
