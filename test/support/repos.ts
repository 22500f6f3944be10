import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { git, initRepo, writeFile } from './git';

/*
 * The repositories tests start from. Every git call goes through ./git's
 * git(), with a fixed identity and no user configuration.
 */

/** `parent/name`: a repository on main with one commit (README.md). */
export function newRepo(parent: string, name: string): string {
  const repo = join(parent, name);
  git(parent, 'init', '-q', '-b', 'main', repo);
  initRepo(repo);
  return repo;
}

/**
 * Puts the identity in the repository's own configuration (and turns signing
 * off), for code under test that runs git with the user's environment, not the
 * tests' fixed one (a fix's `revert`, `commit --amend`). Returns `repo`.
 */
export function withIdentity(repo: string): string {
  git(repo, 'config', 'user.name', 'Test');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'commit.gpgsign', 'false');
  return repo;
}

/** `dir`: an empty repository on main (no commit) with its own identity (see withIdentity). */
export function emptyRepoWithIdentity(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main', dir);
  return withIdentity(dir);
}

/** `parent/name`: a clone of a fresh bare `parent/name-origin.git`, main pushed and tracking origin/main. */
export function newClone(parent: string, name: string): { repo: string; origin: string } {
  const origin = join(parent, `${name}-origin.git`);
  const repo = join(parent, name);
  git(parent, 'init', '-q', '--bare', '-b', 'main', origin);
  git(parent, 'init', '-q', '-b', 'main', repo);
  git(repo, 'remote', 'add', 'origin', origin);
  initRepo(repo);
  git(repo, 'push', '-q', '-u', 'origin', 'main');
  return { repo, origin };
}

/** `parent/name`: a repository on main whose one commit holds `.github/workflows/ci.yml` (and any other files). */
export function repoWithWorkflow(parent: string, name: string, workflow: string, files: Record<string, string> = {}): string {
  const repo = join(parent, name);
  git(parent, 'init', '-q', '-b', 'main', repo);
  writeFile(repo, '.github/workflows/ci.yml', workflow);
  for (const [path, text] of Object.entries(files)) writeFile(repo, path, text);
  initRepo(repo);
  return repo;
}
