import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { currentRefName, freeBranchName, isBelowReflogOnly, reflogOnlyFrom } from '../facts/queries';
import type { CommitInfo, RecoveryFacts, ReflogEntry } from '../facts/types';
import { commitLabel, likelihoodAt, newBranchPlan, resetKeepPlan } from './plans';
import { count, isoDay, subjects, timeAgo } from './words';

const KIND = 'lost-commits';

/** Where commits were lost: HEAD's reset, or another move of a named ref. */
interface Move {
  readonly entry: ReflogEntry;
  /** The full ref name that moved, undefined for HEAD (a reset). */
  readonly ref: string | undefined;
}

/** Ref moves that can drop commits without a reset: `branch -f`, `checkout -B` (both "branch: Reset to"), a push. */
const BRANCH_MOVE = /^branch: Reset to /;
const PUSH = /^update by push/;

/**
 * A move left commits that now only the reflog holds: a `reset:` of HEAD, a
 * branch moved by `branch -f` or `checkout -B`, or a push that overwrote a
 * remote branch's commits this clone never had checked out (someone else's).
 * The commit the ref left is the entry just below the move. Several moves in
 * a row lose nested sets of commits: only the outermost tip is reported.
 */
export function detectLostCommits(facts: RecoveryFacts): Situation[] {
  const candidates: { move: Move; tip: string; lost: CommitInfo[] }[] = [];
  const consider = (move: Move, left: ReflogEntry | undefined) => {
    if (!left || left.sha === move.entry.sha) return;
    const lost = reflogOnlyFrom(facts, left.sha);
    if (lost.length > 0) candidates.push({ move, tip: left.sha, lost });
  };
  facts.headReflog.forEach((entry, i) => {
    if (entry.message.startsWith('reset: moving to ')) consider({ entry, ref: undefined }, facts.headReflog[i + 1]);
  });
  const checkedOut = new Set(facts.headReflog.map((entry) => entry.sha));
  for (const [ref, entries] of facts.refReflogs) {
    const remote = ref.startsWith('refs/remotes/');
    entries.forEach((entry, i) => {
      const left = entries[i + 1];
      if (!(remote ? PUSH : BRANCH_MOVE).test(entry.message)) return;
      // A push that replaced commits made or checked out here is a rewrite of one's own work (the rebase and amend detectors' business).
      if (remote && left && checkedOut.has(left.sha)) return;
      consider({ entry, ref }, left);
    });
  }
  const contained = (tip: string) => candidates.some((other) => other.tip !== tip && other.lost.some((commit) => commit.sha === tip));
  const reported = new Set<string>();
  const situations: Situation[] = [];
  for (const { move, tip, lost } of candidates) {
    if (contained(tip) || reported.has(tip)) continue;
    reported.add(tip);
    situations.push(describe(facts, move, tip, lost));
  }
  return situations;
}

function describe(facts: RecoveryFacts, move: Move, tip: string, lost: CommitInfo[]): Situation {
  const reset = move.entry;
  const oldestFirst = [...lost].reverse();
  const current = move.ref === undefined || move.ref === `refs/heads/${facts.status.branch}`;
  const where = move.ref ? move.ref.replace(/^refs\/(heads|remotes)\//, '') : (facts.status.branch ?? 'the detached HEAD');
  const head = facts.status.head;
  const n = lost.length;
  const what = move.ref ? `"${reset.message}"` : `a reset ("${reset.message}")`;
  const explanation =
    `${timeAgo(reset.time, facts.now).replace(/^./, (c) => c.toUpperCase())} ${what} moved ${where} away from ${count(n, 'commit')} ` +
    `that no branch holds any more: ${subjects(oldestFirst, 5)}. Git keeps ${n === 1 ? 'it' : 'them'} for a while, then deletes ${n === 1 ? 'it' : 'them'} for good.` +
    (move.ref?.startsWith('refs/remotes/')
      ? ` This clone never had ${n === 1 ? 'it' : 'them'} checked out: most likely someone else's work, now gone from the remote too.`
      : '');
  const evidence: Evidence[] = [
    { kind: 'reflog', label: move.ref ? `${where}: ${reset.message}` : reset.message, sha: reset.sha, time: reset.time },
    ...oldestFirst.map((commit) => ({ kind: 'commit' as const, label: commitLabel(commit), sha: commit.sha, time: commit.time })),
  ];
  const fixes: FixPlan[] = [];
  // Going back is safe only when HEAD has not moved on since: then nothing is dropped.
  if (current && head && !facts.inProgress && isBelowReflogOnly(facts, head, tip)) {
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
      n === 1 ? 'Keep it on a new branch' : 'Keep them on a new branch',
      `Creates a branch holding the ${count(n, 'commit')}, without moving ${where}.${move.ref?.startsWith('refs/remotes/') ? ' Nothing is pushed.' : ''}`,
    ),
  );
  return {
    id: stableId(KIND, reset.sha, tip),
    kind: KIND,
    title: title(move, where, n),
    explanation,
    evidence,
    fixes,
    likelihood: likelihoodAt(0.75, reset.index),
  };
}

function title(move: Move, where: string, n: number): string {
  if (!move.ref) return `A reset left ${count(n, 'commit')} on no branch`;
  if (move.ref.startsWith('refs/remotes/')) return `A push overwrote ${count(n, 'commit')} of ${where}`;
  return `Moving ${where} left ${count(n, 'commit')} on no branch`;
}
