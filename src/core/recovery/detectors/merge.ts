import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { currentRefName, refNameAt, shortSha } from '../facts/queries';
import type { RecoveryFacts, ReflogEntry } from '../facts/types';
import { plan, resetKeepPlan } from './plans';
import { timeAgo } from './words';

const KIND = 'merge';
/** The reflog messages of a merge: `merge <what>: …`, `pull <args>: …`, and `commit (merge): …` once conflicts were resolved. */
const MERGE = /^merge (.+?): /;
const PULL = /^pull\b[^:]*: /;
const RESOLVED = /^commit \(merge\): /;
const FAST_FORWARD = /: Fast-forward$/;

/** How the newest reflog entry merged, when it did. */
interface MergeMove {
  readonly top: ReflogEntry;
  /** What was merged, as a person would name it. */
  readonly merged: string;
  readonly pull: boolean;
  /** Where HEAD was before: the first parent, or the previous entry for a fast-forward. */
  readonly before: string;
  readonly fastForward: boolean;
}

/**
 * HEAD is a merge just made (the newest reflog entry): a merge commit, by
 * `merge`, by `pull`, or committed after resolving conflicts; or an unpushed
 * fast-forward merge. Unpushed, the branch can go back to where it was;
 * pushed, a merge commit must be reverted instead.
 */
export function detectMerge(facts: RecoveryFacts): Situation[] {
  const move = readMerge(facts);
  if (!move) return [];
  const { top, merged, pull, before, fastForward } = move;
  const where = facts.status.branch ?? 'the detached HEAD';
  const what = fastForward
    ? `You merged ${merged} into ${where} ${timeAgo(top.time, facts.now)} as a fast-forward: ${where} moved ahead to ${merged}'s commits without a merge commit.`
    : pull
      ? `Your pull ${timeAgo(top.time, facts.now)} merged ${merged} into ${where}, making the merge commit ${shortSha(top.sha)} "${top.subject}".`
      : `You merged ${merged} into ${where} ${timeAgo(top.time, facts.now)}, making the merge commit ${shortSha(top.sha)} "${top.subject}".`;
  const explanation =
    what +
    (facts.headPublished
      ? ' It has already been pushed, so undoing it means adding a commit that reverses its changes.'
      : ' It has not been pushed yet, so the branch can simply go back to where it was.');
  const evidence: Evidence[] = [
    { kind: 'reflog', label: top.message, sha: top.sha, time: top.time },
    fastForward
      ? { kind: 'commit', label: `${where} was at ${shortSha(before)} before`, sha: before }
      : { kind: 'commit', label: `merge commit ${shortSha(top.sha)} with ${top.parents.length} parents`, sha: top.sha },
  ];
  const fix: FixPlan = facts.headPublished
    ? plan(KIND, 'revert-merge', [top.sha], {
        title: pull ? 'Revert the pull' : 'Revert the merge',
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
        before,
        pull ? 'Undo the pull (go back to before it)' : 'Undo the merge',
        `Moves ${where} back to ${shortSha(before)}, where it was before the ${pull ? 'pull' : 'merge'}.` +
          `${pull ? ` The pulled commits stay on ${merged}.` : ''} Your uncommitted changes are kept.`,
      );
  const title = pull ? `The pull merged ${merged} into ${where}` : `${merged} was merged into ${where}${fastForward ? ' (fast-forward)' : ''}`;
  return [{ id: stableId(KIND, top.sha), kind: KIND, title, explanation, evidence, fixes: [fix], likelihood: 0.8 }];
}

function readMerge(facts: RecoveryFacts): MergeMove | undefined {
  const [top, previous] = facts.headReflog;
  if (!top || facts.status.head !== top.sha) return undefined;
  const named = MERGE.exec(top.message)?.[1];
  if (named && FAST_FORWARD.test(top.message)) {
    // Fast-forwarding to commits already pushed (`merge origin/main`) is a pull, nothing to undo.
    if (!previous || previous.sha === top.sha || facts.headPublished) return undefined;
    return { top, merged: named, pull: false, before: previous.sha, fastForward: true };
  }
  const [firstParent, second] = top.parents;
  if (!firstParent || !second) return undefined;
  if (named) return { top, merged: named, pull: false, before: firstParent, fastForward: false };
  if (PULL.test(top.message)) {
    return { top, merged: facts.status.upstream ?? refNameAt(facts, second), pull: true, before: firstParent, fastForward: false };
  }
  if (RESOLVED.test(top.message)) {
    const branch = /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(top.subject)?.[1];
    const merged = refNameAt(facts, second);
    return { top, merged: merged === shortSha(second) && branch ? branch : merged, pull: false, before: firstParent, fastForward: false };
  }
  return undefined;
}
