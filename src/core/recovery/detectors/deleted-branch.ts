import type { Evidence, Situation } from '../model';
import { stableId } from '../model';
import { findRef, freeBranchName, isFullSha, reflogOnlyFrom } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { commitLabel, likelihoodAt, newBranchPlan } from './plans';
import { count, subjects, timeAgo } from './words';

const KIND = 'deleted-branch';
const CHECKOUT = /^checkout: moving from (\S+) to (.+)$/;

/**
 * A branch that is gone while its commits are on no other ref. A branch's own
 * reflog dies with it, but HEAD's keeps "checkout: moving from X to Y", and
 * the entry just below that one is where X pointed when it was left. Fully
 * merged deleted branches are left out: nothing of theirs is at risk.
 */
export function detectDeletedBranch(facts: RecoveryFacts): Situation[] {
  const situations: Situation[] = [];
  const considered = new Set<string>();
  facts.headReflog.forEach((entry, i) => {
    const branch = CHECKOUT.exec(entry.message)?.[1];
    const left = facts.headReflog[i + 1];
    // The newest "moving from X" has X's latest known tip; older ones are superseded.
    if (!branch || !left || isFullSha(branch) || considered.has(branch)) return;
    considered.add(branch);
    if (findRef(facts, `refs/heads/${branch}`)) return;
    const tip = facts.reflogOnly.get(left.sha);
    if (!tip) return;
    const lost = reflogOnlyFrom(facts, tip.sha);

    const oldestFirst = [...lost].reverse();
    const restoredName = freeBranchName(facts, branch, '-restored');
    const explanation =
      `The branch ${branch} no longer exists. You last left it ${timeAgo(entry.time, facts.now)}, ` +
      `and its ${count(lost.length, 'commit')} ${lost.length === 1 ? 'is' : 'are'} on no other branch: ${subjects(oldestFirst, 5)}.`;
    const evidence: Evidence[] = [
      { kind: 'reflog', label: entry.message, sha: entry.sha, time: entry.time },
      { kind: 'ref', label: `refs/heads/${branch} is gone; it pointed at ${commitLabel(tip)}`, sha: tip.sha },
      ...oldestFirst.map((commit) => ({ kind: 'commit' as const, label: commitLabel(commit), sha: commit.sha, time: commit.time })),
    ];
    situations.push({
      id: stableId(KIND, branch, tip.sha),
      kind: KIND,
      title: `Deleted branch ${branch} had ${count(lost.length, 'commit')} on no other branch`,
      explanation,
      evidence,
      fixes: [
        newBranchPlan(
          KIND,
          restoredName,
          tip.sha,
          restoredName === branch ? `Restore ${branch}` : `Restore it as ${restoredName}`,
          `Creates ${restoredName} at ${commitLabel(tip)}, where ${branch} was. Nothing else changes.`,
        ),
      ],
      likelihood: likelihoodAt(0.7, entry.index),
    });
  });
  return situations;
}
