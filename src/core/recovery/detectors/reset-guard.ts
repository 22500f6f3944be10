import { stableId, type FixPlan, type Situation } from '../model';
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
    fixes: situation.fixes.flatMap((fix): FixPlan[] => {
      if (fix.refusal) return [fix];
      if (operation && situation.kind !== 'in-progress' && (fix.changesIndex || fix.changesFiles || fix.steps.some((step) => step.args[0] === 'reset'))) {
        return [{ ...fix, refusal: `A ${operation} is in progress: finish or abort it first.` }];
      }
      const target = keepTarget(fix);
      const clashing = target ? (changedByTarget.get(target) ?? []).filter((path) => local.has(path)) : [];
      if (clashing.length === 0) return [fix];
      const files = listWords(clashing);
      const refused = { ...fix, refusal: `Your uncommitted changes to ${files} would be overwritten: commit or stash your changes to ${files} first.` };
      return situation.kind === 'lost-commits' && target ? [refused, keepFilesPlan(fix, target, files)] : [refused];
    }),
  }));
}

/**
 * Moving a branch back over local changes without touching a file: after `git reset HEAD~2` (mixed)
 * the "changes" in the way are the lost commits' own content, which this puts back as committed;
 * the person's later edits stay as unstaged changes. Nothing on disk is written.
 */
function keepFilesPlan(fix: FixPlan, target: string, files: string): FixPlan {
  return {
    id: stableId(fix.id, 'keep-files'),
    title: `${fix.title}, keeping every file as it is on disk`,
    effect:
      `Moves the branch back to ${target.slice(0, 7)} without writing any file: the commits' changes that are in your files count as committed again, ` +
      `and what differs from them (your edits since) stays as unstaged changes.`,
    steps: [{ args: ['reset', '-q', target] }],
    movesRefs: fix.movesRefs,
    changesIndex: true,
    changesFiles: false,
    rewritesHistory: false,
    risks: [
      `Staged changes become unstaged (the files keep them). If the reset was a hard one, ${files} may show the commits' changes undone: check "git diff" after.`,
    ],
  };
}

function keepTarget(fix: FixPlan): string | undefined {
  const reset = fix.steps.find((step) => step.args[0] === 'reset' && step.args[1] === '--keep');
  return reset?.args[2];
}
