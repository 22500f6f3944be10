import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createGit, toGitError, type GitOptions } from '../git/git-client';

/** An operation git has started and not finished, from its marker files. */
export type InProgressOperation = 'merge' | 'rebase' | 'cherry-pick' | 'revert' | 'bisect';

export interface RepoSummary {
  readonly root: string;
  /** The branch HEAD points at, or undefined when HEAD is detached. */
  readonly branch: string | undefined;
  readonly head: { readonly sha: string; readonly subject: string } | undefined;
  readonly upstream: string | undefined;
  readonly ahead: number;
  readonly behind: number;
  readonly changedFiles: number;
  readonly stashCount: number;
  readonly inProgress: InProgressOperation | undefined;
}

const IN_PROGRESS_MARKERS: ReadonlyArray<readonly [string, InProgressOperation]> = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
];

/** The cheap facts about a repository: no object scan, a handful of git calls. */
export async function readRepoSummary(dir: string, options: GitOptions = {}): Promise<RepoSummary> {
  try {
    // Inside the try: simple-git throws before running anything for a missing folder.
    const git = createGit(dir, options);
    const root = (await git.revparse(['--show-toplevel'])).trim();
    const status = await git.status();
    const head = await readHead(git.raw.bind(git));
    const stashes = (await git.raw(['stash', 'list', '-z'])).split('\0').filter((entry) => entry !== '');
    const gitDir = (await git.revparse(['--absolute-git-dir'])).trim();
    return {
      root,
      branch: status.detached ? undefined : (status.current ?? undefined),
      head,
      upstream: status.tracking ?? undefined,
      ahead: status.ahead,
      behind: status.behind,
      changedFiles: status.files.length,
      stashCount: stashes.length,
      inProgress: detectInProgress(gitDir),
    };
  } catch (error) {
    throw toGitError(error, dir);
  }
}

async function readHead(raw: (args: string[]) => Promise<string>): Promise<RepoSummary['head']> {
  try {
    const [sha, subject] = (await raw(['log', '-1', '--format=%H%x00%s', 'HEAD'])).trim().split('\0');
    return sha ? { sha, subject: subject ?? '' } : undefined;
  } catch {
    return undefined; // a repository with no commits yet
  }
}

/** Which operation is half done, judged by the marker files git leaves in its directory. */
export function detectInProgress(gitDir: string, exists: (path: string) => boolean = existsSync): InProgressOperation | undefined {
  if (!isAbsolute(gitDir)) return undefined;
  return IN_PROGRESS_MARKERS.find(([marker]) => exists(join(gitDir, marker)))?.[1];
}
