import type { FixPlan, SituationKind } from '../model';
import { stableId } from '../model';
import { shortSha } from '../facts/queries';

/** Builders for the fix plans several detectors offer, so each reads the same way. */

type PlanFields = Omit<FixPlan, 'id'>;

/** Gives a plan its stable id: over the situation kind, the shas involved and the fix's name. */
export function plan(kind: SituationKind, name: string, shas: readonly string[], fields: PlanFields): FixPlan {
  return { id: stableId(kind, ...shas, name), ...fields };
}

/** A new branch at `sha`: nothing moves, nothing is rewritten. */
export function newBranchPlan(kind: SituationKind, branch: string, sha: string, title: string, effect: string): FixPlan {
  return plan(kind, 'branch', [sha, branch], {
    title,
    effect,
    steps: [{ args: ['branch', branch, sha] }],
    movesRefs: [`refs/heads/${branch}`],
    changesIndex: false,
    changesFiles: false,
    rewritesHistory: false,
    risks: [],
  });
}

/**
 * `reset --keep <target>` on the current branch: files the reset changes are
 * updated, local edits to other files are kept, and git refuses rather than
 * overwrite an edited file (the guard turns that into a refusal up front).
 */
export function resetKeepPlan(
  kind: SituationKind,
  refName: string,
  from: string,
  target: string,
  title: string,
  effect: string,
  risks: readonly string[] = [],
): FixPlan {
  return plan(kind, 'reset-keep', [from, target], {
    title,
    effect,
    steps: [{ args: ['reset', '--keep', target] }],
    movesRefs: [refName],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks,
  });
}

export function commitLabel(commit: { readonly sha: string; readonly subject: string }): string {
  return `${shortSha(commit.sha)} ${commit.subject}`;
}

/** Older reflog entries are less likely to be the mistake a person has in mind. */
export function likelihoodAt(base: number, reflogIndex: number): number {
  return Math.max(0.05, Math.round((base - 0.02 * reflogIndex) * 1000) / 1000);
}
