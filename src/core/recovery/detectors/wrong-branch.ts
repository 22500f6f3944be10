import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { freeBranchName, isDefaultBranch, localBranchNames, remoteUpstream } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { commitLabel, plan } from './plans';
import { pickedRun } from './picked';
import { amendedUpstream } from './amend';
import { count, listWords, slugify, subjects, timeAgo } from './words';

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
        ...recentBranches(facts, branch).map((target) => ontoExistingPlan(facts, target, commits.length, upstreamRef.sha)),
      ],
      likelihood: 0.8,
    },
  ];
}

const CHECKOUT = /^checkout: moving from (.+) to (.+)$/;

/** Local branches HEAD was on lately (from HEAD's reflog), newest first: where the commits were likely meant to go. */
function recentBranches(facts: RecoveryFacts, current: string, max = 2): string[] {
  const local = new Set(localBranchNames(facts));
  const found: string[] = [];
  for (const entry of facts.headReflog) {
    const left = CHECKOUT.exec(entry.message)?.[1];
    if (left && left !== current && local.has(left) && !found.includes(left)) found.push(left);
    if (found.length === max) break;
  }
  return found;
}

/**
 * Copies the commits onto an existing branch (cherry-pick there), then moves the
 * default branch back; HEAD ends where it was. A conflict fails the cherry-pick
 * step, and the fix is rolled back with nothing changed.
 */
function ontoExistingPlan(facts: RecoveryFacts, target: string, n: number, upstreamSha: string): FixPlan {
  const { branch = '', head = '', upstream = '' } = facts.status;
  const edited = facts.status.changes.filter((change) => !change.untracked).map((change) => change.path);
  return plan(KIND, 'onto-existing', [head, upstreamSha, target], {
    title: `Move ${count(n, 'commit')} onto the existing branch ${target}`,
    effect:
      `Copies ${n === 1 ? 'the commit' : 'the commits'} onto ${target} (git cherry-pick), then moves ${branch} back to ${upstream}; you stay on ${branch}. ` +
      `If ${n === 1 ? 'it does' : 'they do'} not apply cleanly on ${target}, nothing is changed.`,
    steps: [
      { args: ['switch', '--quiet', target] },
      { args: ['cherry-pick', `${upstreamSha}..${head}`] },
      { args: ['switch', '--quiet', branch] },
      { args: ['reset', '--keep', upstreamSha] },
    ],
    movesRefs: [`refs/heads/${target}`, `refs/heads/${branch}`],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: [`The copies on ${target} are new commits (new ids); if ${target} is pushed, push it again to share them.`],
    ...(edited.length > 0
      ? { refusal: `Your uncommitted changes to ${listWords(edited)} would go along to ${target} while the commits are copied: commit or stash them first.` }
      : {}),
  });
}
