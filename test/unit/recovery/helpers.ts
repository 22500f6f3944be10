import { strict as assert } from 'node:assert';
import type { FixPlan, Situation } from '../../../src/core/recovery/model';
import { readRecoveryFacts } from '../../../src/core/recovery/facts/read-facts';
import type { RecoveryFacts } from '../../../src/core/recovery/facts/types';
import { git } from '../../support/git';

/** "Now" for relative times: two hours after the test's commits. */
export const NOW = Date.now() + 2 * 3600 * 1000;

export function facts(repo: string): Promise<RecoveryFacts> {
  return readRecoveryFacts(repo, { now: NOW });
}

/** Runs a fix's steps with real git, as the apply engine would. */
export function apply(repo: string, fix: FixPlan): void {
  assert.equal(fix.refusal, undefined, `fix "${fix.title}" is refused: ${fix.refusal}`);
  for (const step of fix.steps) git(repo, ...step.args);
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
  assert.throws(() => git(repo, ...args), `git ${args.join(' ')} was expected to fail`);
}
