import type { Evidence, Situation } from '../model';
import { stableId } from '../model';
import { freeBranchName, reflogOnlyFrom, shortSha } from '../facts/queries';
import type { CommitInfo, RecoveryFacts, ReflogEntry } from '../facts/types';
import { commitLabel, likelihoodAt, newBranchPlan } from './plans';
import { count, slugify, subjects, timeAgo } from './words';

const KIND = 'detached-commits';
const LEFT_DETACHED = /^checkout: moving from ([0-9a-f]{40}(?:[0-9a-f]{24})?) to /;

interface Strays {
  readonly tip: string;
  /** Newest first. */
  readonly commits: readonly CommitInfo[];
  /** The checkout that left them behind; undefined while HEAD still holds them. */
  readonly left: ReflogEntry | undefined;
}

/**
 * Commits made on a detached HEAD that no branch holds: either left behind by
 * a checkout ("moving from <sha> to ...") and now held only by the reflog, or
 * still at HEAD, to be lost with the next checkout.
 */
export function detectDetachedCommits(facts: RecoveryFacts): Situation[] {
  const found: Strays[] = [];
  const { status } = facts;
  // A rebase or bisect detaches HEAD on purpose: its commits are not strays.
  if (!status.branch && status.head && !facts.inProgress && facts.headOnly.length > 0) {
    found.push({ tip: status.head, commits: facts.headOnly, left: undefined });
  }
  for (const entry of facts.headReflog) {
    const tip = LEFT_DETACHED.exec(entry.message)?.[1];
    if (tip && facts.reflogOnly.has(tip) && !found.some((strays) => strays.tip === tip)) {
      found.push({ tip, commits: reflogOnlyFrom(facts, tip), left: entry });
    }
  }
  // Work left behind twice (detach, commit, leave, come back, commit more) is reported once, from its newest tip.
  const inside = (strays: Strays) => found.some((other) => other !== strays && other.commits.some((commit) => commit.sha === strays.tip));
  return found.filter((strays) => !inside(strays)).map((strays) => describe(facts, strays));
}

function describe(facts: RecoveryFacts, { tip, commits, left }: Strays): Situation {
  const tipCommit = commits.find((commit) => commit.sha === tip);
  const oldestFirst = [...commits].reverse();
  const n = commits.length;
  const them = n === 1 ? 'it' : 'them';
  const name = freeBranchName(facts, slugify(tipCommit?.subject ?? '') || `detached-${shortSha(tip)}`);
  const explanation = left
    ? `You made ${count(n, 'commit')} on a detached HEAD and checked out something else ${timeAgo(left.time, facts.now)}. ` +
      `No branch holds ${them}: ${subjects(oldestFirst, 5)}. Git keeps ${them} for a while, then deletes ${them} for good.`
    : `HEAD is detached and holds ${count(n, 'commit')} that no branch has: ${subjects(oldestFirst, 5)}. Checking out anything else would leave ${them} behind.`;
  const evidence: Evidence[] = [
    left
      ? { kind: 'reflog', label: left.message, sha: left.sha, time: left.time }
      : { kind: 'status', label: `HEAD is detached at ${shortSha(tip)}`, sha: tip },
    ...oldestFirst.map((commit) => ({ kind: 'commit' as const, label: commitLabel(commit), sha: commit.sha, time: commit.time })),
  ];
  return {
    id: stableId(KIND, tip),
    kind: KIND,
    title: left ? `${count(n, 'commit')} left behind on a detached HEAD` : `${count(n, 'commit')} on a detached HEAD ${n === 1 ? 'is' : 'are'} on no branch`,
    explanation,
    evidence,
    fixes: [newBranchPlan(KIND, name, tip, `Keep ${them} on a new branch ${name}`, `Creates the branch ${name} at ${shortSha(tip)}. Nothing else changes.`)],
    likelihood: left ? likelihoodAt(0.65, left.index) : 0.7,
  };
}
