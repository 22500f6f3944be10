import { resolve } from 'node:path';
import { createGit, type Git, type GitOptions } from '../../git/git';
import { GitError } from '../../git/git-error';

/**
 * Files git keeps in the (per-worktree) git directory while an operation is
 * half done. A snapshot keeps them so that undoing e.g. `merge --abort`
 * brings the merge back, and a failed step's leftovers are removed.
 */
export const OPERATION_STATE_NAMES = [
  'MERGE_HEAD',
  'MERGE_MSG',
  'MERGE_MODE',
  'MERGE_AUTOSTASH',
  'AUTO_MERGE',
  'SQUASH_MSG',
  'CHERRY_PICK_HEAD',
  'REVERT_HEAD',
  'ORIG_HEAD',
  'BISECT_LOG',
  'BISECT_START',
  'BISECT_TERMS',
  'BISECT_NAMES',
  'BISECT_EXPECTED_REV',
  'BISECT_ANCESTORS_OK',
  'BISECT_FIRST_PARENT',
  'rebase-merge',
  'rebase-apply',
  'sequencer',
] as const;

export interface RepoContext {
  /** The top of the work tree; every git call below runs there. */
  readonly root: string;
  /** This worktree's git directory (`.git`, or `.git/worktrees/<name>` for a linked worktree). */
  readonly gitDir: string;
  readonly commonDir: string;
  readonly indexPath: string;
  /** Per worktree: `$(git rev-parse --git-path shipshape)`. */
  readonly shipshapeDir: string;
  /** Absolute path of each operation state file or folder, by name. */
  readonly statePaths: ReadonlyMap<string, string>;
  readonly options: GitOptions;
  readonly git: Git;
}

/** Where everything is, in one rev-parse; `--git-path` makes it right in linked worktrees. */
export async function openRepository(dir: string, options: GitOptions = {}): Promise<RepoContext> {
  const args = ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir', '--git-path', 'index', '--git-path', 'shipshape'];
  for (const name of OPERATION_STATE_NAMES) args.push('--git-path', name);
  const lines = (await createGit(dir, options).raw(args)).split('\n');
  const at = (index: number): string => {
    const line = lines[index];
    if (line === undefined || line === '') throw new GitError({ gitCode: 'NotAGitRepository', args, dir, exitCode: 0, stderr: `no work tree at ${dir}` });
    return resolve(dir, line);
  };
  const root = at(0);
  const statePaths = new Map<string, string>();
  OPERATION_STATE_NAMES.forEach((name, offset) => statePaths.set(name, at(5 + offset)));
  return {
    root,
    gitDir: at(1),
    commonDir: at(2),
    indexPath: at(3),
    shipshapeDir: at(4),
    statePaths,
    options,
    git: createGit(root, options),
  };
}
