import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The environment of every git call in the tests: C locale, a fixed identity,
 * no system or user configuration (HOME is `home`), and both dates fixed when
 * `date` (seconds since the epoch) is given.
 */
export function gitEnv(home: string, date?: number): NodeJS.ProcessEnv {
  const dates = date === undefined ? {} : { GIT_AUTHOR_DATE: `@${date} +0000`, GIT_COMMITTER_DATE: `@${date} +0000` };
  return {
    ...process.env,
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: home,
    ...dates,
  };
}

export interface GitCall {
  /** Written to git's standard input. */
  readonly input?: string;
  /** Author and committer date, in seconds since the epoch. */
  readonly date?: number;
}

/**
 * Runs real git in `cwd` with a fixed identity (see gitEnv), for repeatable test
 * repositories. Quiet: git's stderr (hints, progress) is kept off the test output
 * and is in the error's message when git fails.
 */
export function git(cwd: string, ...args: string[]): string {
  return gitWith(cwd, {}, ...args);
}

/** git() with standard input or fixed dates. */
export function gitWith(cwd: string, call: GitCall, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: gitEnv(cwd, call.date),
    input: call.input,
    stdio: [call.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function writeFile(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A repository on branch main with one commit (initialised unless it already is). */
export function initRepo(dir: string): void {
  if (!existsSync(join(dir, '.git'))) git(dir, 'init', '-q', '-b', 'main');
  // Its own identity: Shipshape's git calls (cherry-pick, revert) must not depend on a global one.
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  writeFile(dir, 'README.md', '# test\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial commit');
}

/** The full sha of `rev` (a commit, a ref, `HEAD~1`, `HEAD:path`). */
export function sha(repo: string, rev: string): string {
  return git(repo, 'rev-parse', '--verify', '-q', rev).trim();
}

/** Writes a file and commits every change in the work tree with it (`add -A`); returns the new commit's sha. */
export function commit(repo: string, path: string, text: string, message = `change ${path}`): string {
  writeFile(repo, path, text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return sha(repo, 'HEAD');
}
