import type { InProgressOperation } from '../repo-summary';
import type { Evidence, FixPlan, GitStep, Situation } from '../model';
import { stableId } from '../model';
import { refNameAt, shortSha } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { plan } from './plans';
import { count, listWords, timeAgo } from './words';

const KIND = 'in-progress';

/** How to finish each operation without an editor: commit with the prepared message, then let git go on. */
const CONTINUE_STEPS: Record<Exclude<InProgressOperation, 'bisect'>, readonly GitStep[]> = {
  merge: [{ args: ['commit', '--no-edit'] }],
  // `rebase --continue` opens an editor for a resolved commit; committing first avoids it.
  rebase: [{ args: ['commit', '--no-edit'] }, { args: ['rebase', '--continue'] }],
  // am takes the patch's own message: no editor.
  am: [{ args: ['am', '--continue'] }],
  'cherry-pick': [{ args: ['cherry-pick', '--continue'] }],
  revert: [{ args: ['commit', '--no-edit'] }],
};

/** A merge, rebase, am, cherry-pick, revert or bisect git started and has not finished. */
export function detectInProgress(facts: RecoveryFacts): Situation[] {
  const progress = facts.inProgress;
  if (!progress) return [];
  const { operation, branch, incoming, step, since } = progress;
  const conflicts = facts.status.conflicts;
  const incomingName = incoming ? refNameAt(facts, incoming) : undefined;
  const when = since ? ` ${timeAgo(since, facts.now)}` : '';
  const conflictWords =
    conflicts.length > 0 ? ` and stopped because ${count(conflicts.length, 'file conflicts', 'files conflict')}: ${listWords(conflicts)}` : '';

  let title: string;
  let started: string;
  switch (operation) {
    case 'merge':
      title = `A merge${incomingName ? ` of ${incomingName}` : ''} is in progress`;
      started = `Git started merging ${incomingName ?? 'another branch'} into ${branch ?? 'HEAD'}${when}${conflictWords}.`;
      break;
    case 'rebase':
      title = `A rebase${branch ? ` of ${branch}` : ''} is in progress`;
      started = `Git started rebasing ${branch ?? 'a detached HEAD'}${when}${step ? `${conflictWords ? ',' : ' and'} is at commit ${step.done} of ${step.total}` : ''}${conflictWords}.`;
      break;
    case 'am':
      title = `A git am${branch ? ` of ${branch}` : ''} is in progress`;
      started =
        `Git started applying patches with "git am" onto ${branch ?? 'a detached HEAD'}${when}${step ? `${conflictWords ? ',' : ' and'} is at patch ${step.done} of ${step.total}` : ''}${conflictWords}.` +
        ' If the patch did not apply, apply its changes by hand, "git add" them and run "git am --continue"; "git am --skip" leaves this patch out.';
      break;
    case 'cherry-pick':
    case 'revert':
      title = `A ${operation} is in progress`;
      started = `Git started ${operation === 'revert' ? 'reverting' : 'cherry-picking'} ${incomingName ?? 'a commit'} onto ${branch ?? 'HEAD'}${when}${conflictWords}.`;
      break;
    case 'bisect':
      title = 'A bisect is in progress';
      started = `You started a bisect${when}: HEAD is checked out at a commit git picked for testing.`;
      break;
  }
  if (conflicts.length > 0) title += ` (${count(conflicts.length, 'conflicted file')})`;
  const explanation = `${started} Until it is finished or aborted, other git commands may refuse to run.`;

  const evidence: Evidence[] = [
    { kind: 'status', label: `${operation} in progress`, ...(since ? { time: since } : {}) },
    ...(incoming
      ? [{ kind: 'commit' as const, label: `${operation === 'merge' ? 'merging' : 'applying'} ${incomingName ?? shortSha(incoming)}`, sha: incoming }]
      : []),
    ...conflicts.map((path) => ({ kind: 'file' as const, label: `conflict: ${path}` })),
  ];
  const shas = [facts.status.head ?? '', incoming ?? '', operation];
  return [
    {
      id: stableId(KIND, ...shas),
      kind: KIND,
      title,
      explanation,
      evidence,
      fixes: [abortPlan(operation, facts, shas), ...(operation === 'bisect' ? [] : [continuePlan(operation, facts, shas)])],
      likelihood: 0.95,
    },
  ];
}

function abortPlan(operation: InProgressOperation, facts: RecoveryFacts, shas: readonly string[]): FixPlan {
  const branchRef = facts.status.branch ? `refs/heads/${facts.status.branch}` : 'HEAD';
  const effects: Record<InProgressOperation, string> = {
    merge: 'Stops the merge and puts your files back as they were before it started.',
    rebase: 'Stops the rebase and puts the branch and your files back as they were before it started.',
    am: 'Stops applying patches and puts the branch and your files back as they were before git am started.',
    'cherry-pick': 'Stops the cherry-pick and puts the branch and your files back as they were before it started.',
    revert: 'Stops the revert and puts the branch and your files back as they were before it started.',
    bisect: 'Ends the bisect and checks out the branch you were on when it started.',
  };
  return plan(KIND, `abort-${operation}`, shas, {
    title: operation === 'bisect' ? 'End the bisect' : `Abort the ${operation}`,
    effect: effects[operation],
    steps: [{ args: operation === 'bisect' ? ['bisect', 'reset'] : [operation, '--abort'] }],
    movesRefs: operation === 'merge' ? [] : [operation === 'rebase' ? 'HEAD' : branchRef],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: operation === 'bisect' ? [] : ['Conflict resolutions you have made so far are discarded.'],
  });
}

function continuePlan(operation: Exclude<InProgressOperation, 'bisect'>, facts: RecoveryFacts, shas: readonly string[]): FixPlan {
  const conflicts = facts.status.conflicts;
  const branch = facts.inProgress?.branch;
  // A rebase commits on a detached HEAD and moves its branch at the end; the others commit on the branch.
  const movesRefs =
    operation === 'rebase' ? ['HEAD', ...(branch ? [`refs/heads/${branch}`] : [])] : [facts.status.branch ? `refs/heads/${facts.status.branch}` : 'HEAD'];
  const refusal =
    conflicts.length > 0
      ? `${count(conflicts.length, 'file still has', 'files still have')} conflicts: resolve ${listWords(conflicts)}, mark ${conflicts.length === 1 ? 'it' : 'them'} resolved with "git add", then continue.`
      : undefined;
  return plan(KIND, `continue-${operation}`, shas, {
    title: `Continue the ${operation}`,
    effect:
      operation === 'rebase'
        ? 'Commits your resolution with the original message and lets git apply the remaining commits.'
        : operation === 'am'
          ? "Commits the changes you staged with the patch's message and lets git apply the remaining patches."
          : `Commits your resolution with the message git prepared and finishes the ${operation}.`,
    steps: CONTINUE_STEPS[operation],
    movesRefs,
    changesIndex: true,
    changesFiles: operation === 'rebase' || operation === 'am' || operation === 'cherry-pick',
    rewritesHistory: false,
    risks:
      operation === 'rebase'
        ? ['Later commits may conflict too; git stops again if they do.']
        : operation === 'am'
          ? ['Later patches may not apply either; git stops again if they do.']
          : [],
    ...(refusal ? { refusal } : {}),
  });
}
