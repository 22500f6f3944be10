import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createGit, type GitOptions } from '../git/git';
import { parseStatusV2 } from './facts/parse-status';

/** An operation git has started and not finished, from its marker files. */
export type InProgressOperation = 'merge' | 'rebase' | 'am' | 'cherry-pick' | 'revert' | 'bisect';

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
  // `git am` and `git rebase --apply` share rebase-apply/: only am writes `applying` in it.
  ['rebase-apply/applying', 'am'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
];

/** The cheap facts about a repository: no object scan, a handful of git calls. */
export async function readRepoSummary(dir: string, options: GitOptions = {}): Promise<RepoSummary> {
  const git = createGit(dir, options);
  const [root = '', gitDir = ''] = (await git.raw(['rev-parse', '--show-toplevel', '--absolute-git-dir'])).split('\n');
  const [status, head, stashes] = await Promise.all([
    git.raw(['status', '--porcelain=v2', '--branch', '-z']).then(parseStatusV2),
    readHead(git.raw),
    git.raw(['stash', 'list', '-z']).then((out) => out.split('\0').filter((entry) => entry !== '')),
  ]);
  return {
    root,
    branch: status.branch,
    head,
    upstream: status.upstream,
    ahead: status.ahead,
    behind: status.behind,
    changedFiles: status.changes.length,
    stashCount: stashes.length,
    inProgress: detectInProgress(gitDir),
  };
}

async function readHead(raw: (args: readonly string[]) => Promise<string>): Promise<RepoSummary['head']> {
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
