import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { FixPlan, Situation } from '../../../src/core/recovery/model';
import { readRecoveryFacts } from '../../../src/core/recovery/facts/read-facts';
import type { RecoveryFacts } from '../../../src/core/recovery/facts/types';
import { git, initRepo, writeFile } from '../../support/git';

/** "Now" for relative times: two hours after the test's commits. */
export const NOW = Date.now() + 2 * 3600 * 1000;

export function facts(repo: string): Promise<RecoveryFacts> {
  return readRecoveryFacts(repo, { now: NOW });
}

/** Writes a file and commits it; returns the new commit's sha. */
export function commit(repo: string, path: string, text: string, message: string): string {
  writeFile(repo, path, text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return sha(repo, 'HEAD');
}

export function sha(repo: string, rev: string): string {
  return git(repo, 'rev-parse', '--verify', '-q', rev).trim();
}

/** A repository on main with one commit. */
export function newRepo(parent: string, name: string): string {
  const repo = join(parent, name);
  git(parent, 'init', '-q', '-b', 'main', repo);
  initRepo(repo);
  return repo;
}

/** A clone of a fresh bare remote, with main pushed and tracking origin/main. */
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

/** Runs a fix's steps with real git, as the apply engine would. */
export function apply(repo: string, fix: FixPlan): void {
  assert.equal(fix.refusal, undefined, `fix "${fix.title}" is refused: ${fix.refusal}`);
  for (const step of fix.steps) quietGit(repo, step.args);
}

export function only(situations: readonly Situation[]): Situation {
  assert.equal(situations.length, 1, `expected one situation, got ${situations.map((s) => s.title).join('; ') || 'none'}`);
  return situations[0] as Situation;
}

export function stepsOf(fix: FixPlan | undefined): string[][] {
  return (fix?.steps ?? []).map((step) => [...step.args]);
}

/** Every sha in every step is a full 40-hex sha, never a reflog expression that moves. */
export function assertResolvedSteps(situation: Situation): void {
  for (const fix of situation.fixes) {
    for (const step of fix.steps) {
      for (const arg of step.args) assert.doesNotMatch(arg, /@\{|HEAD|ORIG_HEAD|~|\^/, `step ${step.args.join(' ')} holds a moving expression`);
    }
  }
}

/** Runs git expecting it to fail (a conflict), keeping its hints off the test output. */
export function failingGit(repo: string, ...args: string[]): void {
  assert.throws(() => quietGit(repo, args), `git ${args.join(' ')} was expected to fail`);
}

/** Like test/support/git's git(), with git's progress and hints kept off the test output. */
function quietGit(repo: string, args: readonly string[]): string {
  const env = { ...process.env, LC_ALL: 'C', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: repo };
  return execFileSync('git', args, { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
