import { simpleGit } from 'simple-git';
import { ShipshapeError } from '../../errors';
import { baseGitOptions, gitEnvironment, toGitError, type GitOptions } from '../../git/git-client';

/** How a deep read runs git: plain text, text with standard input, or raw bytes (blob contents). */
export interface DeepGit {
  /** With `input` written to standard input; an empty input runs nothing and gives ''. */
  text(args: readonly string[], input?: string): Promise<string>;
  /** `git cat-file <options>` as bytes, for `--batch`: blob contents need not be UTF-8, and sizes count bytes. */
  catFile(options: readonly string[], input: string): Promise<Buffer>;
  /** Like text, but a non-zero exit that still printed output is not an error (fsck on a damaged store). */
  lenient(args: readonly string[]): Promise<string>;
}

/**
 * The deep pass's git: createGit's settings (LC_ALL=C, no prompts, the
 * guarded environment, cancellation through the signal) plus standard input,
 * which the batch commands (`cat-file --batch`, `log --stdin`) need so that
 * thousands of object names never go on a command line.
 */
export function createDeepGit(dir: string, options: GitOptions = {}): DeepGit {
  const make = (input: string | undefined, lenient: boolean) =>
    simpleGit({
      ...baseGitOptions(dir, options),
      input: () => input,
      errors: (error, result) => {
        if (!lenient || options.signal?.aborted || error === undefined) return error;
        return result.stdOut.length > 0 ? undefined : error;
      },
    }).env(gitEnvironment());
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    throwIfCancelled(options.signal);
    try {
      return await run();
    } catch (error) {
      if (options.signal?.aborted) throw cancelledError();
      throw toGitError(error, dir);
    }
  };
  // simple-git never closes standard input when there is nothing to write: git would wait forever.
  return {
    text: (args, input) => (input === '' ? Promise.resolve('') : guard(() => make(input, false).raw([...args]))),
    catFile: (catOptions, input) => (input === '' ? Promise.resolve(Buffer.alloc(0)) : guard(() => make(input, false).binaryCatFile([...catOptions]))),
    lenient: (args) => guard(() => make(undefined, true).raw([...args])),
  };
}

/** Reads that may fail for plain reasons (no stash, no upstream) fall back; a missing git or a cancel does not. */
export async function orWhenGitFails<T>(reading: Promise<T>, fallback: T): Promise<T> {
  try {
    return await reading;
  } catch (error) {
    if (error instanceof ShipshapeError && error.code === 'git-failed' && !isCancelled(error)) return fallback;
    throw error;
  }
}

const CANCELLED = 'Reading the repository was cancelled.';

export function cancelledError(): ShipshapeError {
  return new ShipshapeError('git-failed', CANCELLED);
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ShipshapeError && error.message === CANCELLED;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
