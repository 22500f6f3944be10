import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { ShipshapeError } from '../errors';

export interface GitOptions {
  /** The git executable; empty or undefined means `git` from PATH. */
  readonly binary?: string;
  /** Aborts running git processes (VS Code's CancellationToken becomes this at the edge). */
  readonly signal?: AbortSignal;
}

/**
 * Git variables we pass on from the caller's environment: identity and TLS
 * settings a user may rely on. Every other GIT_* variable, and editors and
 * pagers (npm exports EDITOR into every script), is dropped: we never run git
 * interactively, and variables like GIT_DIR or GIT_INDEX_FILE (set inside
 * hooks) would point git away from the folder we were asked about.
 * simple-git 4 refuses guarded variables unless they are listed as allowed.
 */
export const PASSED_GIT_VARIABLES = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_CEILING_DIRECTORIES',
  'GIT_TERMINAL_PROMPT',
] as const;

const PASSED = new Set<string>(PASSED_GIT_VARIABLES);
const GUARDED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

/**
 * The environment every git call gets: untranslated output (fsck and stash
 * messages are localised otherwise) and never an interactive prompt.
 * simple-git's env() replaces the whole environment, so we start from ours.
 */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && key !== 'LANGUAGE' && (!GUARDED.test(key) || PASSED.has(key.toUpperCase()))) env[key] = value;
  }
  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

/** The simple-git settings every Shipshape git instance starts from (specialised ones add to them). */
export function baseGitOptions(dir: string, options: GitOptions = {}): Partial<SimpleGitOptions> {
  return {
    baseDir: dir,
    binary: options.binary || 'git',
    maxConcurrentProcesses: 4,
    abort: options.signal,
    trimmed: false,
    allowEnvironment: [...PASSED_GIT_VARIABLES],
  };
}

/** A simple-git instance for `dir`; every git call in Shipshape goes through one. */
export function createGit(dir: string, options: GitOptions = {}): SimpleGit {
  return simpleGit(baseGitOptions(dir, options)).env(gitEnvironment());
}

/** Turns what simple-git throws into our error codes, keeping git's own words. */
export function toGitError(error: unknown, dir: string): ShipshapeError {
  const text = error instanceof Error ? error.message : String(error);
  if (/ENOENT|not found|cannot find/i.test(text) && /spawn/i.test(text)) {
    return new ShipshapeError('git-missing', 'Git could not be started.', 'Install git, or set "shipshape.git.path" to the git executable.');
  }
  if (/not a git repository/i.test(text)) {
    return new ShipshapeError('not-a-repository', `${dir} is not inside a Git repository.`, 'Open a folder that is a Git repository, or run "git init" there.');
  }
  if (/no such file or directory|does not exist/i.test(text) || /ENOENT/.test(text)) {
    return new ShipshapeError('not-a-repository', `${dir} does not exist.`, 'Open a folder that exists and is a Git repository.');
  }
  return new ShipshapeError('git-failed', `Git failed: ${firstLine(text)}`);
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text;
}
