import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { currentRefName, shortSha } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { plan, resetKeepPlan } from './plans';
import { timeAgo } from './words';

const KIND = 'merge';
const MERGE = /^merge (.+?): /;

/**
 * HEAD is a merge commit just made (the newest reflog entry). Unpushed, the
 * branch can go back to its first parent; pushed, it must be reverted instead.
 */
export function detectMerge(facts: RecoveryFacts): Situation[] {
  const top = facts.headReflog[0];
  const merged = top ? MERGE.exec(top.message)?.[1] : undefined;
  const firstParent = top?.parents[0];
  if (!top || !merged || !firstParent || top.parents.length < 2 || facts.status.head !== top.sha) return [];

  const where = facts.status.branch ?? 'the detached HEAD';
  const explanation =
    `You merged ${merged} into ${where} ${timeAgo(top.time, facts.now)}, making the merge commit ${shortSha(top.sha)} "${top.subject}".` +
    (facts.headPublished
      ? ' It has already been pushed, so undoing it means adding a commit that reverses its changes.'
      : ' It has not been pushed yet, so the branch can simply go back to where it was.');
  const evidence: Evidence[] = [
    { kind: 'reflog', label: top.message, sha: top.sha, time: top.time },
    { kind: 'commit', label: `merge commit ${shortSha(top.sha)} with ${top.parents.length} parents`, sha: top.sha },
  ];
  const fix: FixPlan = facts.headPublished
    ? plan(KIND, 'revert-merge', [top.sha], {
        title: 'Revert the merge',
        effect: `Adds a new commit on ${where} that undoes the changes the merge brought in. History is not rewritten.`,
        steps: [{ args: ['revert', '--no-edit', '-m', '1', top.sha] }],
        movesRefs: [currentRefName(facts)],
        changesIndex: true,
        changesFiles: true,
        rewritesHistory: false,
        risks: [`Merging ${merged} again later brings nothing back unless this revert is reverted first.`],
      })
    : resetKeepPlan(
        KIND,
        currentRefName(facts),
        top.sha,
        firstParent,
        'Undo the merge',
        `Moves ${where} back to ${shortSha(firstParent)}, where it was before the merge. Your uncommitted changes are kept.`,
      );
  return [{ id: stableId(KIND, top.sha), kind: KIND, title: `${merged} was merged into ${where}`, explanation, evidence, fixes: [fix], likelihood: 0.8 }];
}
