import { strict as assert } from 'node:assert';
import type { FixPlan } from '../../../../src/core/recovery/model';
import { applyFix, undoFix } from '../../../../src/core/recovery/safety';
import { isShipshapeError } from '../../../../src/core/errors';
import { repoState } from '../safety-support';
import { newClone, newRepo, withIdentity } from '../../../support/repos';

/** A repository on main with one commit and no remote. */
export function localRepo(parent: string, name: string): string {
  return withIdentity(newRepo(parent, name));
}

/** A clone of a bare remote with main pushed and tracking origin/main. */
export function clonedRepo(parent: string, name: string): { repo: string; origin: string } {
  const made = newClone(parent, name);
  withIdentity(made.repo);
  return made;
}

export function args(plan: FixPlan | undefined): string[][] {
  return (plan?.steps ?? []).map((step) => [...step.args]);
}

/**
 * Applies the plan through the safety net, runs the checks on the result,
 * then undoes it and asserts the exact state before (refs, HEAD, index with
 * stages, every file incl. untracked and ignored, stashes, operation files).
 */
export async function applyCheckUndo(repo: string, plan: FixPlan, check: () => void): Promise<void> {
  assert.equal(plan.refusal, undefined, `"${plan.title}" is refused: ${plan.refusal}`);
  const before = repoState(repo);
  const { snapshotId } = await applyFix(repo, plan);
  assert.notDeepEqual(repoState(repo), before, 'the fix changed nothing');
  check();
  await undoFix(repo, snapshotId);
  assert.deepEqual(repoState(repo), before);
}

/** Awaits a rejection and returns its ShipshapeError code and message. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isShipshapeError(error), `expected a ShipshapeError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail('expected a rejection');
}
