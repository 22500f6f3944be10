import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { currentRefName, freeBranchName, isBelowReflogOnly, reflogOnlyFrom } from '../facts/queries';
import type { CommitInfo, RecoveryFacts, ReflogEntry } from '../facts/types';
import { commitLabel, likelihoodAt, newBranchPlan, resetKeepPlan } from './plans';
import { count, isoDay, subjects, timeAgo } from './words';

const KIND = 'lost-commits';

/**
 * A `reset:` moved HEAD away from commits that now only the reflog holds.
 * The commit HEAD left is the entry just below the reset. Several resets in a
 * row lose nested sets of commits: only the outermost tip is reported.
 */
export function detectLostCommits(facts: RecoveryFacts): Situation[] {
  const candidates: { reset: ReflogEntry; tip: string; lost: CommitInfo[] }[] = [];
  facts.headReflog.forEach((entry, i) => {
    const left = facts.headReflog[i + 1];
    if (!entry.message.startsWith('reset: moving to ') || !left || left.sha === entry.sha) return;
    const lost = reflogOnlyFrom(facts, left.sha);
    if (lost.length > 0) candidates.push({ reset: entry, tip: left.sha, lost });
  });
  const contained = (tip: string) => candidates.some((other) => other.tip !== tip && other.lost.some((commit) => commit.sha === tip));
  const reported = new Set<string>();
  const situations: Situation[] = [];
  for (const { reset, tip, lost } of candidates) {
    if (contained(tip) || reported.has(tip)) continue;
    reported.add(tip);
    situations.push(describe(facts, reset, tip, lost));
  }
  return situations;
}

function describe(facts: RecoveryFacts, reset: ReflogEntry, tip: string, lost: CommitInfo[]): Situation {
  const oldestFirst = [...lost].reverse();
  const where = facts.status.branch ?? 'the detached HEAD';
  const head = facts.status.head;
  const n = lost.length;
  const explanation =
    `${timeAgo(reset.time, facts.now).replace(/^./, (c) => c.toUpperCase())} a reset ("${reset.message}") moved ${where} away from ${count(n, 'commit')} ` +
    `that no branch holds any more: ${subjects(oldestFirst, 5)}. Git keeps ${n === 1 ? 'it' : 'them'} for a while, then deletes ${n === 1 ? 'it' : 'them'} for good.`;
  const evidence: Evidence[] = [
    { kind: 'reflog', label: reset.message, sha: reset.sha, time: reset.time },
    ...oldestFirst.map((commit) => ({ kind: 'commit' as const, label: commitLabel(commit), sha: commit.sha, time: commit.time })),
  ];
  const fixes: FixPlan[] = [];
  // Going back is safe only when HEAD has not moved on since: then nothing is dropped.
  if (head && !facts.inProgress && isBelowReflogOnly(facts, head, tip)) {
    fixes.push(
      resetKeepPlan(
        KIND,
        currentRefName(facts),
        head,
        tip,
        `Move ${where} back to where it was`,
        `Puts ${where} back on ${commitLabel(facts.reflogOnly.get(tip) ?? { sha: tip, subject: '' })}. Your uncommitted changes are kept.`,
      ),
    );
  }
  fixes.push(
    newBranchPlan(
      KIND,
      freeBranchName(facts, `rescue/${isoDay(reset.time)}`),
      tip,
      'Keep them on a new branch',
      `Creates a branch holding the ${count(n, 'commit')}, without moving ${where}.`,
    ),
  );
  return {
    id: stableId(KIND, reset.sha, tip),
    kind: KIND,
    title: `A reset left ${count(n, 'commit')} on no branch`,
    explanation,
    evidence,
    fixes,
    likelihood: likelihoodAt(0.75, reset.index),
  };
}
