import type { FixPlan, Situation } from '../model';
import type { RecoveryFacts } from '../facts/types';
import { listWords } from './words';

/** The targets of every `reset --keep` the situations offer: diagnose reads what each would change. */
export function keepResetTargets(situations: readonly Situation[]): string[] {
  const targets = new Set<string>();
  for (const fix of situations.flatMap((situation) => situation.fixes)) {
    const target = keepTarget(fix);
    if (target) targets.add(target);
  }
  return [...targets];
}

/**
 * Sets a refusal on fixes that git would refuse now, so a person hears why
 * before anything runs:
 * - while a merge, rebase, ... is in progress, only that operation's own
 *   fixes and new branches can run;
 * - `reset --keep` refuses when a file it would change has local changes.
 * `changedByTarget` maps a reset target to the paths that differ between it and HEAD.
 */
export function guardFixes(situations: readonly Situation[], facts: RecoveryFacts, changedByTarget: ReadonlyMap<string, readonly string[]>): Situation[] {
  const local = new Set(facts.status.changes.flatMap((change) => (change.originalPath ? [change.path, change.originalPath] : [change.path])));
  const operation = facts.inProgress?.operation;
  return situations.map((situation) => ({
    ...situation,
    fixes: situation.fixes.map((fix) => {
      if (fix.refusal) return fix;
      if (operation && situation.kind !== 'in-progress' && (fix.changesIndex || fix.changesFiles || fix.steps.some((step) => step.args[0] === 'reset'))) {
        return { ...fix, refusal: `A ${operation} is in progress: finish or abort it first.` };
      }
      const target = keepTarget(fix);
      const clashing = target ? (changedByTarget.get(target) ?? []).filter((path) => local.has(path)) : [];
      if (clashing.length === 0) return fix;
      const files = listWords(clashing);
      return { ...fix, refusal: `Your uncommitted changes to ${files} would be overwritten: commit or stash your changes to ${files} first.` };
    }),
  }));
}

function keepTarget(fix: FixPlan): string | undefined {
  const reset = fix.steps.find((step) => step.args[0] === 'reset' && step.args[1] === '--keep');
  return reset?.args[2];
}
