import type { Evidence, Situation } from '../model';
import { stableId } from '../model';
import { freeBranchName, isDefaultBranch, remoteUpstream } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { commitLabel, plan } from './plans';
import { pickedRun } from './picked';
import { amendedUpstream } from './amend';
import { count, slugify, subjects, timeAgo } from './words';

const KIND = 'wrong-branch';
const REVERT = /^Revert "/;

/**
 * Commits made on the default branch that its upstream does not have and no
 * other branch holds: work that most likely belongs on a branch of its own.
 */
export function detectWrongBranch(facts: RecoveryFacts): Situation[] {
  const { branch, head, ahead, upstream } = facts.status;
  const upstreamRef = remoteUpstream(facts);
  if (!branch || !head || !upstream || !upstreamRef || ahead === 0 || facts.inProgress) return [];
  if (!isDefaultBranch(facts, branch)) return [];
  // headOnly excludes the upstream, so it holds at most the `ahead` commits; fewer means some are on another branch already.
  if (facts.headOnly.length !== ahead) return [];
  // A merge on the default branch (a pull's, a merged branch's) is the merge detector's: it is never work to move.
  if (facts.headOnly.some((commit) => commit.parents.length > 1)) return [];
  // Commits made by a cherry-pick or revert just now are the picked detector's: undoing that is the fix, not a new branch.
  const picked = new Set(pickedRun(facts)?.entries.map((entry) => entry.sha));
  if (facts.headOnly.every((commit) => picked.has(commit.sha))) return [];
  // An amend of the pushed commit is the amend detector's: it is a rewrite of work already there, not new work.
  if (amendedUpstream(facts)) return [];

  const commits = [...facts.headOnly].reverse(); // oldest first
  const first = commits[0];
  const last = commits[commits.length - 1];
  if (!first || !last) return [];
  const suggested = freeBranchName(facts, slugify(first.subject) || 'moved-commits');
  const shas = [head, upstreamRef.sha];

  const explanation =
    `You made ${count(commits.length, 'commit')} on ${branch} that ${commits.length === 1 ? 'is' : 'are'} not on ${upstream}` +
    ` (the last one ${timeAgo(last.time, facts.now)}). ` +
    // A revert undoes work, it is not feature work.
    (commits.some((commit) => REVERT.test(commit.subject))
      ? `${commits.length === 1 ? 'It is' : 'They are'}: ${subjects(commits, 5)}. `
      : `${commits.length === 1 ? 'It looks' : 'They look'} like feature work: ${subjects(commits, 5)}. `) +
    `No other branch has ${commits.length === 1 ? 'it' : 'them'} yet.`;
  const evidence: Evidence[] = [
    { kind: 'status', label: `${branch} is ${count(ahead, 'commit')} ahead of ${upstream}` },
    ...commits.map((commit) => ({ kind: 'commit' as const, label: commitLabel(commit), sha: commit.sha, time: commit.time })),
  ];

  return [
    {
      id: stableId(KIND, ...shas),
      kind: KIND,
      title: `${count(commits.length, 'commit')} on ${branch} ${commits.length === 1 ? 'belongs' : 'belong'} on a branch`,
      explanation,
      evidence,
      fixes: [
        plan(KIND, 'move-to-new-branch', [...shas, suggested], {
          title: `Move ${count(commits.length, 'commit')} to a new branch ${suggested}`,
          effect: `Creates the branch ${suggested} with ${commits.length === 1 ? 'this commit' : 'these commits'}, then moves ${branch} back to ${upstream}. Your uncommitted changes stay as they are, staged ones staged.`,
          steps: [{ args: ['branch', suggested, head] }, { args: ['reset', '--keep', upstreamRef.sha] }],
          movesRefs: [`refs/heads/${suggested}`, `refs/heads/${branch}`],
          changesIndex: true,
          changesFiles: true,
          rewritesHistory: false,
          risks: [],
        }),
      ],
      likelihood: 0.8,
    },
  ];
}
