import { createGit, type GitOptions } from '../git/git';
import { isGitError } from '../git/git-error';

export interface CommitSummary {
  readonly sha: string;
  readonly subject: string;
  /** Seconds since the epoch. */
  readonly time: number;
}

/** The last commits of HEAD, newest first, for choosing which one to undo. */
export async function listRecentCommits(dir: string, limit = 30, options: GitOptions = {}): Promise<CommitSummary[]> {
  try {
    const out = await createGit(dir, options).raw(['log', `-n${limit}`, '--format=%H%x00%s%x00%ct%x00', 'HEAD']);
    return out
      .split('\0\n')
      .map((record) => record.replace(/^\n/, '').split('\0'))
      .filter((fields) => fields[0]?.length === 40)
      .map(([sha, subject, time]) => ({ sha: sha as string, subject: subject ?? '', time: Number(time) }));
  } catch (error) {
    // A repository with no commits has nothing to undo.
    if (isGitError(error, 'NoCommits') || isGitError(error, 'BadRevision')) return [];
    throw error;
  }
}
