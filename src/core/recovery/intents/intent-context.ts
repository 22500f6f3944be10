import { createGit, type GitOptions } from '../../git/git';
import { ShipshapeError } from '../../errors';
import { readRecoveryFacts } from '../facts/read-facts';
import type { RecoveryFacts } from '../facts/types';

export interface IntentOptions extends GitOptions {
  /** "Now" in milliseconds since the epoch (Date.now() when absent); tests pass a fixed value. */
  readonly now?: number;
}

/** A read-only git call at the top of the work tree; returns stdout. */
export type ReadGit = (args: readonly string[]) => Promise<string>;

export interface IntentContext {
  /** The top of the work tree: paths in the intents are relative to it, and applyFix runs steps there. */
  readonly root: string;
  readonly facts: RecoveryFacts;
  readonly git: ReadGit;
  /** Like git, but undefined when git exits non-zero or prints nothing (for "does X exist?"). */
  readonly tryGit: (args: readonly string[]) => Promise<string | undefined>;
  readonly options: IntentOptions;
}

/** A fix the person asked for that cannot be made here, with the reason (exit 1 on the CLI). */
export function refuse(message: string, hint?: string): ShipshapeError {
  return new ShipshapeError('fix-refused', message, hint);
}

/** The request itself is malformed (exit 2 on the CLI). */
export function usage(message: string, hint?: string): ShipshapeError {
  return new ShipshapeError('usage', message, hint);
}

/**
 * Reads the fast-pass facts and the work tree's top, and refuses while a
 * merge, rebase, cherry-pick, revert or bisect is half done: every intent
 * moves HEAD, the index or files, and those operations own them until they end.
 */
export async function openIntent(repo: string, options: IntentOptions = {}): Promise<IntentContext> {
  const facts = await readRecoveryFacts(repo, options);
  const { git, tryGit, root } = await openReader(repo, options);
  if (facts.inProgress) {
    throw refuse(`A ${facts.inProgress.operation} is in progress: finish or abort it first.`, 'shipshape doctor shows how.');
  }
  return { root, facts, git, tryGit, options };
}

/** Just the git runners and the top of the work tree, for read-only listings. */
export async function openReader(repo: string, options: GitOptions = {}): Promise<Pick<IntentContext, 'root' | 'git' | 'tryGit'>> {
  const top = await runner(
    repo,
    options,
  )(['rev-parse', '--show-toplevel']).then(
    (output) => output.trim(),
    (error: unknown) => {
      // Inside a .git folder or a bare repository git says "must be run in a work tree".
      if (error instanceof ShipshapeError && error.code === 'git-failed') return '';
      throw error;
    },
  );
  if (top === '')
    throw new ShipshapeError(
      'not-a-repository',
      `${repo} has no working tree (a bare repository or a .git folder).`,
      'Open the folder of a clone or worktree instead.',
    );
  const git = runner(top, options);
  const tryGit = async (args: readonly string[]) => {
    try {
      const output = await git(args);
      return output.trim() === '' ? undefined : output;
    } catch (error) {
      if (error instanceof ShipshapeError && error.code === 'git-failed') return undefined;
      throw error;
    }
  };
  return { root: top, git, tryGit };
}

/** The top of the work tree that holds `dir`: intents take paths relative to it. */
export async function workTreeRoot(dir: string, options: GitOptions = {}): Promise<string> {
  return (await openReader(dir, options)).root;
}

/** A read-only runner: stdout as text; any failing exit is a GitError. */
function runner(dir: string, options: GitOptions): ReadGit {
  const git = createGit(dir, options);
  return (args) => git.raw(args);
}

/** HEAD's commit, or a refusal before the first commit. */
export function requireHead(context: IntentContext): string {
  const head = context.facts.status.head;
  if (!head) {
    const branch = context.facts.status.branch;
    const otherBranches = context.facts.refs.some((ref) => ref.name.startsWith('refs/heads/'));
    // An orphan branch (git switch --orphan) has no commits while the repository has some.
    if (otherBranches && branch)
      throw refuse(
        `The branch ${branch} has no commits yet (an orphan branch): there is nothing on it to undo.`,
        'Switch to a branch with commits to undo one of them.',
      );
    throw refuse('This repository has no commits yet: there is nothing to undo.');
  }
  return head;
}

/** "main", or "the detached HEAD". */
export function whereHead(context: IntentContext): string {
  return context.facts.status.branch ?? 'the detached HEAD';
}

/** The remote-tracking refs that hold `sha` (its pushed copies), short names, symbolic HEADs left out. */
export async function remotesHolding(context: IntentContext, sha: string): Promise<string[]> {
  const output = await context.git(['for-each-ref', '--format=%(refname:short)%00%(symref)', '--contains', sha, 'refs/remotes/']);
  return output
    .split('\n')
    .map((line) => line.split('\0'))
    .filter(([name = '', symref = '']) => name !== '' && symref === '')
    .map(([name = '']) => name);
}
