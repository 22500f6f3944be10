import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { currentRefName, shortSha } from '../facts/queries';
import type { RecoveryFacts, ReflogEntry } from '../facts/types';
import { plan, resetKeepPlan } from './plans';
import { count, subjects, timeAgo } from './words';

/** The reflog messages of a cherry-pick (also one committed after resolving a conflict) and of a revert. */
const PICK = /^(?:cherry-pick|commit \(cherry-pick\)): /;
const REVERT = /^revert: /;

/** The newest reflog entries made by `git cherry-pick` or by `git revert`, one after another on HEAD. */
export interface PickedRun {
  readonly kind: 'cherry-pick' | 'revert';
  /** Oldest first. */
  readonly entries: readonly ReflogEntry[];
  /** Where HEAD was before the first of them. */
  readonly before: string;
}

/**
 * The cherry-picks (or reverts) HEAD's newest reflog entries made, each on top
 * of the one before: `git cherry-pick A B` writes one entry per commit.
 */
export function pickedRun(facts: RecoveryFacts): PickedRun | undefined {
  const log = facts.headReflog;
  const top = log[0];
  if (!top || facts.status.head !== top.sha || facts.inProgress) return undefined;
  const pattern = PICK.test(top.message) ? PICK : REVERT.test(top.message) ? REVERT : undefined;
  if (!pattern) return undefined;
  const branchRef = currentRefName(facts);
  const entries: ReflogEntry[] = [];
  let before: string | undefined;
  for (const [i, entry] of log.entries()) {
    const previous = log[i + 1];
    // Each one a plain commit on top of where HEAD was just before.
    const onTop = previous !== undefined && entry.parents.length === 1 && entry.parents[0] === previous.sha;
    // A ref at an earlier one (the upstream after a push) ends the run: what came before it was not just done.
    const held = i > 0 && facts.refs.some((ref) => ref.sha === entry.sha && ref.name !== branchRef);
    if (!pattern.test(entry.message) || !onTop || held) break;
    entries.unshift(entry);
    before = previous.sha;
  }
  return before ? { kind: pattern === PICK ? 'cherry-pick' : 'revert', entries, before } : undefined;
}

/**
 * The last thing done on HEAD was a cherry-pick or a revert. Unpushed, the
 * branch goes back to before it; pushed, the new commits are reverted.
 */
export function detectPicked(facts: RecoveryFacts): Situation[] {
  const run = pickedRun(facts);
  if (!run) return [];
  const { kind, entries, before } = run;
  const newest = entries[entries.length - 1] as ReflogEntry;
  const where = facts.status.branch ?? 'the detached HEAD';
  const n = entries.length;
  const made = entries.map((entry) => ({ sha: entry.sha, subject: entry.subject }));
  const what =
    kind === 'cherry-pick'
      ? `You cherry-picked ${subjects(made, 5)} onto ${where} ${timeAgo(newest.time, facts.now)}.`
      : `You reverted ${subjects(
          entries.map((entry) => ({ subject: revertedSubject(entry.subject) })),
          5,
        )} on ${where} ${timeAgo(newest.time, facts.now)}, ` +
        `making ${n === 1 ? 'the commit' : 'the commits'} ${entries.map((entry) => `${shortSha(entry.sha)} "${entry.subject}"`).join(', ')}.`;
  const explanation =
    what +
    (facts.headPublished
      ? ` ${n === 1 ? 'It has' : 'They have'} already been pushed, so undoing ${n === 1 ? 'it' : 'them'} means adding ${n === 1 ? 'a commit' : 'commits'} that reverse${n === 1 ? 's' : ''} ${n === 1 ? 'it' : 'them'}.`
      : ` ${n === 1 ? 'It has' : 'They have'} not been pushed yet, so ${where} can go back to ${shortSha(before)}, where it was before` +
        (kind === 'cherry-pick' ? '; the commits you picked from are not touched.' : ', which brings the reverted changes back.'));
  const evidence: Evidence[] = [
    ...entries.map((entry) => ({ kind: 'reflog' as const, label: entry.message, sha: entry.sha, time: entry.time })).reverse(),
    { kind: 'commit', label: `${where} was at ${shortSha(before)} before`, sha: before },
  ];
  const noun = kind === 'cherry-pick' ? 'cherry-pick' : 'revert';
  const fix: FixPlan = facts.headPublished
    ? plan(kind, 'revert', [newest.sha, before], {
        title: kind === 'cherry-pick' ? `Revert the cherry-picked ${n === 1 ? 'commit' : 'commits'}` : `Revert the ${n === 1 ? 'revert' : 'reverts'}`,
        effect: `Adds ${n === 1 ? 'a commit' : `${count(n, 'commit')}`} on ${where} that undo${n === 1 ? 'es' : ''} ${subjects(made, 3)}. History is not rewritten.`,
        // Newest first, as git reverts a range.
        steps: [{ args: ['revert', '--no-edit', ...entries.map((entry) => entry.sha).reverse()] }],
        movesRefs: [currentRefName(facts)],
        changesIndex: true,
        changesFiles: true,
        rewritesHistory: false,
        risks: [],
      })
    : resetKeepPlan(
        kind,
        currentRefName(facts),
        newest.sha,
        before,
        `Undo the ${noun}`,
        `Moves ${where} back to ${shortSha(before)}, where it was before the ${noun}. Your uncommitted changes are kept.`,
      );
  const title =
    kind === 'cherry-pick'
      ? `${count(n, 'commit')} ${n === 1 ? 'was' : 'were'} cherry-picked onto ${where}`
      : n === 1
        ? `A commit on ${where} was reverted`
        : `${count(n, 'commit')} on ${where} were reverted`;
  return [
    {
      id: stableId(kind, newest.sha, before),
      kind,
      title,
      explanation,
      evidence,
      fixes: [fix],
      likelihood: 0.8,
    },
  ];
}

/** `Revert "X"` -> `X`: what the revert undid, as its message names it. */
function revertedSubject(subject: string): string {
  return /^Revert "(.*)"$/.exec(subject)?.[1] ?? subject;
}
