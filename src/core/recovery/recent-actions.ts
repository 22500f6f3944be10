import { count, timeAgo } from './detectors/words';
import { isFullSha, shortSha } from './facts/queries';
import { readRecoveryFacts, type FactsOptions } from './facts/read-facts';
import type { CommitInfo, RecoveryFacts, ReflogEntry } from './facts/types';

/**
 * "Recent actions": HEAD's reflog told in plain words, one line per thing the
 * person did (a whole rebase is one line), newest first.
 */

export type RecentActionKind =
  'commit' | 'amend' | 'merge' | 'rebase' | 'reset' | 'switch' | 'cherry-pick' | 'revert' | 'pull' | 'clone' | 'rename' | 'patch' | 'other';

export interface RecentAction {
  readonly kind: RecentActionKind;
  /** Plain words, e.g. "Reset main 3 commits back - 2 commits left behind". */
  readonly text: string;
  /** "5 minutes ago". */
  readonly when: string;
  /** When git wrote the (newest) entry, in seconds since the epoch. */
  readonly time: number;
  /** Where HEAD pointed after the action. */
  readonly sha: string;
  /**
   * Where HEAD pointed just before the action: the commit a switch left, the
   * branch's tip before a reset, amend or rebase (moving the branch back there
   * undoes it). Undefined when unknown: the reflog read starts at the action
   * (clone, first commit, depth cut-off), or a rebase switched branches first.
   */
  readonly restoreSha: string | undefined;
  /** The branch HEAD was on after the action; undefined when detached or unknown. */
  readonly branch: string | undefined;
  /** The reflog index of the action's newest entry (HEAD@{index}). */
  readonly index: number;
  /** How many reflog entries the action covers (a rebase: its start, steps and finish). */
  readonly entries: number;
  /** Commits the move left on no branch (only reflogs hold them now); for an amend or a rebase, the old versions. */
  readonly leftBehind: number;
  /** Git's own words for the newest entry, e.g. "reset: moving to HEAD~3". */
  readonly message: string;
}

/** What describeReflog needs beyond the entries, so it stays pure. */
export interface ReflogContext {
  /** Commits only reflogs hold now (RecoveryFacts.reflogOnly): what each move left behind. */
  readonly reflogOnly?: ReadonlyMap<string, CommitInfo>;
  /** Where HEAD is now ({ branch: undefined } when detached), to name the branch of the newest entries; leave out when unknown. */
  readonly head?: { readonly branch: string | undefined };
}

/** The editor's "Recent actions" group shows at most this many lines. */
export const MAX_RECENT_ACTIONS = 30;

export interface RecentActionsOptions extends FactsOptions {
  /** At most this many actions (MAX_RECENT_ACTIONS when absent). */
  readonly limit?: number;
}

/** Reads the cheap recovery facts (the fast pass's reader) and describes HEAD's reflog, newest first. */
export async function readRecentActions(dir: string, options: RecentActionsOptions = {}): Promise<RecentAction[]> {
  return recentActionsFromFacts(await readRecoveryFacts(dir, options), options.limit);
}

/** The same from facts already read (e.g. by diagnose's caller). */
export function recentActionsFromFacts(facts: RecoveryFacts, limit = MAX_RECENT_ACTIONS): RecentAction[] {
  return describeReflog(facts.headReflog, facts.now, { reflogOnly: facts.reflogOnly, head: { branch: facts.status.branch } }).slice(0, limit);
}

/** Where HEAD was: on a branch, detached ({ branch: undefined }), or unknown (undefined). */
type HeadState = { readonly branch: string | undefined } | undefined;

const REBASE_STEP = /^(rebase(?: -[im])?|pull\b[^:]*?) \(([a-z-]+)\)(?::\s?(.*))?$/;
const REBASE_PLAIN = /^rebase(?: -[im])?: (.*)$/;
/** `git rebase main topic` with nothing to replay only switches to topic. */
const REBASE_CHECKOUT = /^rebase(?: -[im])?: checkout (.+)$/;
const CHECKOUT = /^checkout: moving from (.+) to (.+)$/;
const RENAME = /^Branch: renamed refs\/heads\/(.+) to refs\/heads\/(.+)$/;
const COMMIT = /^commit(?: \(([a-z-]+)\))?: ?(.*)$/;
const MERGE = /^merge (.+?): (.*)$/;
const PULL = /^pull\b[^:]*: (.*)$/;
const RETURNING = /returning to refs\/heads\/(.+)$/;

/**
 * Describes HEAD's reflog entries (newest first, as the facts hold them) in
 * plain words. `now` is in seconds since the epoch, like the entries' times.
 */
export function describeReflog(entries: readonly ReflogEntry[], now: number, context: ReflogContext = {}): RecentAction[] {
  const after = headStatesAfter(entries, context.head);
  const known = commitsKnown(entries, context.reflogOnly);
  const reflogOnly = context.reflogOnly ?? new Map<string, CommitInfo>();
  const onlyReflogFrom = reachableInside(reflogOnly);
  // The first-parent line only: a merge's other side was held by its own branch when HEAD left it.
  const leftBetween = (from: string, to: string) => firstParentsInside(reflogOnly, from).filter((sha) => !onlyReflogFrom(to).has(sha)).length;
  const actions: RecentAction[] = [];
  for (let i = 0; i < entries.length;) {
    const span = spanAt(entries, i);
    const newest = entries[i] as ReflogEntry;
    const oldest = entries[i + span - 1] as ReflogEntry;
    const before = entries[i + span];
    const detachedWork = () => detachedStretch(entries, after, i + span).filter((sha) => reflogOnly.has(sha) && !onlyReflogFrom(newest.sha).has(sha)).length;
    const described = describeAction({ newest, oldest, before, state: after[i], stateBefore: after[i + span], known, leftBetween, detachedWork });
    actions.push({
      kind: described.kind,
      text: described.text,
      when: timeAgo(newest.time, now),
      time: newest.time,
      sha: newest.sha,
      restoreSha: described.restorable === false ? undefined : before?.sha,
      branch: after[i]?.branch,
      index: newest.index,
      entries: span,
      leftBehind: described.leftBehind ?? 0,
      message: newest.message,
    });
    i += span;
  }
  return actions;
}

/** How many entries from `start` (going older) make one action: a rebase is one, from its finish down to its start. */
function spanAt(entries: readonly ReflogEntry[], start: number): number {
  const first = rebaseStep(entries[start]);
  if (!first || first.step === 'start') return 1;
  const stepAt = (i: number) => rebaseStep(entries[i]);
  // Everything down to the start belongs to the rebase, commits made at an `edit` stop included,
  // unless an older rebase's finish comes first: then this one's start was cut off.
  for (let i = start + 1; i < entries.length; i++) {
    const step = stepAt(i);
    if (step?.family !== first.family) continue;
    if (step.step === 'start') return i - start + 1;
    if (step.step === 'finish' || step.step === 'abort') break;
  }
  let span = 1;
  while (stepAt(start + span)?.family === first.family && !/^(finish|abort)$/.test(stepAt(start + span)?.step ?? '')) span++;
  return span;
}

/** A step of a rebase (or `pull --rebase`): "rebase (pick): ...", and the plain "rebase: fast-forward". */
function rebaseStep(entry: ReflogEntry | undefined): { family: string; step: string; rest: string } | undefined {
  const message = entry?.message ?? '';
  const step = REBASE_STEP.exec(message);
  if (step) return { family: step[1] ?? '', step: step[2] ?? '', rest: step[3] ?? '' };
  return REBASE_PLAIN.exec(message)?.[1] === 'fast-forward' ? { family: 'rebase', step: 'fast-forward', rest: '' } : undefined;
}

/**
 * For each entry, where HEAD was right after it. Walking from now into the
 * past is exact: a checkout's "moving from X" tells where HEAD was before it
 * (a full sha means detached), which its "to" does not (`--detach main`).
 * What that walk cannot know (before a rebase start, past a clone) comes from
 * a walk the other way, which trusts the names checkouts moved to.
 */
function headStatesAfter(entries: readonly ReflogEntry[], now: HeadState): HeadState[] {
  const guessed = guessedStatesAfter(entries);
  const states: HeadState[] = [];
  let state = now;
  let rebasing: string | undefined; // the branch of a rebase being walked through, from its finish
  entries.forEach((entry, i) => {
    const step = rebaseStep(entry);
    const returning = step && /^(finish|abort)$/.test(step.step) ? RETURNING.exec(step.rest)?.[1] : undefined;
    if (returning) {
      states.push({ branch: returning });
      rebasing = returning;
      state = { branch: undefined }; // inside a rebase HEAD is detached
      return;
    }
    states.push(state ?? guessed[i]);
    const checkout = CHECKOUT.exec(entry.message);
    const rename = RENAME.exec(entry.message);
    if (checkout) state = { branch: isFullSha(checkout[1] ?? '') ? undefined : checkout[1] };
    else if (rename) state = state?.branch === rename[2] ? { branch: rename[1] } : state;
    else if (step?.step === 'start') {
      // `git rebase main topic` switches to topic without a checkout entry: trust the older side here.
      state = guessed[i + 1] ?? (rebasing ? { branch: rebasing } : undefined);
      rebasing = undefined;
    } else if (startsAfresh(entry.message)) state = undefined;
  });
  return states;
}

/** Oldest to newest, from the names checkouts moved to: a guess where the exact walk knows nothing. */
function guessedStatesAfter(entries: readonly ReflogEntry[]): HeadState[] {
  const states: HeadState[] = new Array<HeadState>(entries.length);
  let state: HeadState;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as ReflogEntry;
    const step = rebaseStep(entry);
    const movedTo = CHECKOUT.exec(entry.message)?.[2] ?? REBASE_CHECKOUT.exec(entry.message)?.[1];
    const rename = RENAME.exec(entry.message);
    const returning = step && /^(finish|abort)$/.test(step.step) ? RETURNING.exec(step.rest)?.[1] : undefined;
    if (returning) state = { branch: returning };
    else if (step?.step === 'start') state = { branch: undefined };
    else if (movedTo !== undefined) state = { branch: looksLikeBranch(movedTo) ? movedTo : undefined };
    else if (rename) state = state?.branch === rename[1] ? { branch: rename[2] } : state;
    else if (startsAfresh(entry.message)) state = undefined;
    states[i] = state;
  }
  return states;
}

/** Entries after which nothing older says where HEAD is. */
function startsAfresh(message: string): boolean {
  return message.startsWith('clone:') || message.startsWith('commit (initial):') || REBASE_CHECKOUT.test(message);
}

/** A name that is probably a branch, not a commit expression or a sha. */
function looksLikeBranch(name: string): boolean {
  return !isFullSha(name) && !/[~^@:]/.test(name) && name !== 'HEAD';
}

/** N for HEAD~N, HEAD~ and HEAD^...^ (as typed in `reset` or `rebase -i`); undefined for anything else. */
function stepsBelowHead(expression: string): number | undefined {
  const match = /^HEAD(?:~(\d*)|(\^+))$/.exec(expression);
  if (!match) return undefined;
  return match[2] ? match[2].length : Number(match[1] || 1);
}

/** Every commit whose parents we know without git: where HEAD has been, and the reflog-only ones. */
function commitsKnown(entries: readonly ReflogEntry[], reflogOnly: ReadonlyMap<string, CommitInfo> | undefined): Map<string, readonly string[]> {
  const known = new Map<string, readonly string[]>();
  for (const commit of reflogOnly?.values() ?? []) known.set(commit.sha, commit.parents);
  for (const entry of entries) known.set(entry.sha, entry.parents);
  return known;
}

/** Memoised: the reflog-only commits reachable from a tip (the walk stops at the first commit a ref holds). */
function reachableInside(reflogOnly: ReadonlyMap<string, CommitInfo>): (tip: string) => ReadonlySet<string> {
  const cache = new Map<string, ReadonlySet<string>>();
  return (tip) => {
    const cached = cache.get(tip);
    if (cached) return cached;
    const seen = new Set<string>();
    const queue = [tip];
    while (queue.length > 0) {
      const sha = queue.pop() as string;
      const commit = reflogOnly.get(sha);
      if (!commit || seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...commit.parents);
    }
    cache.set(tip, seen);
    return seen;
  };
}

/** The commits on `tip`'s first-parent line that only reflogs hold, down to the first one a ref holds. */
function firstParentsInside(reflogOnly: ReadonlyMap<string, CommitInfo>, tip: string): string[] {
  const line: string[] = [];
  for (let commit = reflogOnly.get(tip); commit && line.length < reflogOnly.size; commit = reflogOnly.get(commit.parents[0] ?? '')) line.push(commit.sha);
  return line;
}

/**
 * Where HEAD went while detached, from entry `start` down to the checkout
 * that detached it (excluded: what it checked out was not made there).
 */
function detachedStretch(entries: readonly ReflogEntry[], after: readonly HeadState[], start: number): string[] {
  const shas: string[] = [];
  for (let i = start; i < entries.length; i++) {
    const entry = entries[i] as ReflogEntry;
    if (after[i]?.branch !== undefined || after[i] === undefined || CHECKOUT.test(entry.message)) break;
    shas.push(entry.sha);
  }
  return shas;
}

/** First-parent steps from `from` down to `to`, when every commit on the way is known; undefined otherwise. */
function stepsBack(known: ReadonlyMap<string, readonly string[]>, from: string, to: string, limit = 10_000): number | undefined {
  let sha = from;
  for (let steps = 0; steps <= limit; steps++) {
    if (sha === to) return steps;
    const parent = known.get(sha)?.[0];
    if (!parent) return undefined;
    sha = parent;
  }
  return undefined;
}

interface ActionInput {
  readonly newest: ReflogEntry;
  readonly oldest: ReflogEntry;
  /** The entry just below the action: where HEAD was before it. */
  readonly before: ReflogEntry | undefined;
  readonly state: HeadState;
  readonly stateBefore: HeadState;
  readonly known: ReadonlyMap<string, readonly string[]>;
  /** How many reflog-only commits lie on `from`'s first-parent line and not below `to`. */
  readonly leftBetween: (from: string, to: string) => number;
  /** How many commits HEAD made or reached while detached, just before this action, are on no branch now. */
  readonly detachedWork: () => number;
}

interface Described {
  readonly kind: RecentActionKind;
  readonly text: string;
  /** Commits this action left on no branch; absent means none. */
  readonly leftBehind?: number;
  /** False when the entry below is not where this action started (a rebase that switched branches first). */
  readonly restorable?: boolean;
}

function describeAction(input: ActionInput): Described {
  const { newest, before, state, leftBetween } = input;
  const message = newest.message;
  if (rebaseStep(newest)) return describeRebase(input);

  const commit = COMMIT.exec(message);
  if (commit) {
    const subject = quoted(commit[2] || newest.subject);
    switch (commit[1]) {
      case undefined:
        return { kind: 'commit', text: `Committed ${subject}` };
      case 'initial':
        return { kind: 'commit', text: `Committed ${subject} (first commit)` };
      case 'amend':
        // The earlier version of the commit is what an amend leaves behind.
        return { kind: 'amend', text: `Amended ${subject}`, leftBehind: before ? leftBetween(before.sha, newest.sha) : 0 };
      case 'merge': {
        const source = mergedBranchInSubject(commit[2] || newest.subject);
        return {
          kind: 'merge',
          text: source ? `Merged ${source} into ${where(state)} (conflicts resolved)` : `Committed the merge ${subject} (conflicts resolved)`,
        };
      }
      case 'cherry-pick':
        return { kind: 'cherry-pick', text: `Cherry-picked ${subject} (conflicts resolved)` };
      default:
        return { kind: 'commit', text: `Committed ${subject} (${commit[1]})` };
    }
  }
  const checkout = CHECKOUT.exec(message);
  if (checkout) return describeSwitch(input, checkout[1] ?? '', checkout[2] ?? '');
  if (message.startsWith('reset: moving to ')) return describeReset(input, message.slice('reset: moving to '.length));
  const merge = MERGE.exec(message);
  if (merge) {
    const into = state ? ` into ${where(state)}` : '';
    return { kind: 'merge', text: `Merged ${merge[1]}${into}${/^Fast-forward/.test(merge[2] ?? '') ? ' (fast-forward)' : ''}` };
  }
  const pull = PULL.exec(message);
  if (pull) {
    if (/^Fast-forward/.test(pull[1] ?? '')) return { kind: 'pull', text: 'Pulled (fast-forward)' };
    if (/^Merge made by/.test(pull[1] ?? '')) return { kind: 'pull', text: `Pulled and merged${state ? ` into ${where(state)}` : ''}` };
    return { kind: 'pull', text: 'Pulled' };
  }
  if (message.startsWith('cherry-pick: ')) return { kind: 'cherry-pick', text: `Cherry-picked ${quoted(message.slice('cherry-pick: '.length))}` };
  if (message.startsWith('revert: ')) {
    const subject = message.slice('revert: '.length);
    return { kind: 'revert', text: `Reverted ${quoted(/^Revert "(.*)"$/.exec(subject)?.[1] ?? subject)}` };
  }
  if (message.startsWith('am: ')) return { kind: 'patch', text: `Applied the patch ${quoted(message.slice('am: '.length))}` };
  // The address is left out: a clone URL can carry a user name or a token.
  if (message.startsWith('clone: ')) return { kind: 'clone', text: 'Cloned' };
  const rename = RENAME.exec(message);
  if (rename) return { kind: 'rename', text: `Renamed the branch ${rename[1]} to ${rename[2]}` };
  const upToDate = REBASE_CHECKOUT.exec(message);
  if (upToDate) return { kind: 'switch', text: `Switched to ${upToDate[1]} (rebase: already up to date)` };
  return { kind: 'other', text: message.replace(/^./, (c) => c.toUpperCase()) || `Moved HEAD to ${shortSha(newest.sha)}` };
}

function describeSwitch(input: ActionInput, from: string, to: string): Described {
  const { state, detachedWork } = input;
  const fromDetached = isFullSha(from);
  // Where HEAD landed is known from the next checkout's "moving from"; a branch-like name is a fair guess for the newest one.
  const toDetached = state ? state.branch === undefined : !looksLikeBranch(to);
  const target = isFullSha(to) ? shortSha(to) : to;
  // Leaving a branch leaves nothing behind (the branch holds it); leaving a detached HEAD leaves what was done there.
  const leftBehind = fromDetached ? detachedWork() : 0;
  const lost = leftBehind > 0 ? ` - ${count(leftBehind, 'commit')} left behind` : '';
  // `checkout --detach` writes "moving from main to HEAD" (or "to main" with `--detach main`).
  if (!fromDetached && toDetached && (to === from || to === 'HEAD')) return { kind: 'switch', text: `Detached HEAD at ${from}` };
  if (!fromDetached && from === to) return { kind: 'switch', text: `Checked out ${to} again` };
  const fromWords = fromDetached ? `a detached HEAD (${shortSha(from)})` : from;
  const toWords = toDetached ? `${target} (detached HEAD)` : target;
  return { kind: 'switch', text: `Switched from ${fromWords} to ${toWords}${lost}`, leftBehind };
}

function describeReset(input: ActionInput, target: string): Described {
  const { newest, before, state, known, leftBetween } = input;
  const subject = where(state);
  if (!before) return { kind: 'reset', text: `Reset ${subject} to ${resetTarget(target, newest)}` };
  if (before.sha === newest.sha) return { kind: 'reset', text: `Reset ${subject} in place (changes stashed, unstaged or discarded)` };
  const leftBehind = leftBetween(before.sha, newest.sha);
  const lost = leftBehind > 0 ? ` - ${count(leftBehind, 'commit')} left behind` : '';
  // What the commits' parents show beats what was typed; HEAD~N as typed is the fallback.
  const back = stepsBack(known, before.sha, newest.sha);
  const forward = back === undefined ? stepsBack(known, newest.sha, before.sha) : undefined;
  if (forward !== undefined) return { kind: 'reset', text: `Reset ${subject} ${count(forward, 'commit')} forward`, leftBehind };
  const steps = back ?? stepsBelowHead(target);
  if (steps !== undefined) return { kind: 'reset', text: `Reset ${subject} ${count(steps, 'commit')} back${lost}`, leftBehind };
  return { kind: 'reset', text: `Reset ${subject} to ${resetTarget(target, newest)}${lost}`, leftBehind };
}

/** A name as typed when it stays meaningful; HEAD-relative ones (HEAD@{1}, ORIG_HEAD) mean something else later, so the commit instead. */
function resetTarget(target: string, entry: ReflogEntry): string {
  return /^[\w./-]+$/.test(target) && !/HEAD/.test(target) && !isFullSha(target) ? target : `${shortSha(entry.sha)} ${quoted(entry.subject)}`;
}

function describeRebase(input: ActionInput): Described {
  const { newest, oldest, before, state, stateBefore, leftBetween } = input;
  const last = rebaseStep(newest);
  const first = rebaseStep(oldest);
  const onto = first?.step === 'start' ? /^checkout (.+)$/.exec(first.rest)?.[1] : undefined;
  const branch = RETURNING.exec(last?.rest ?? '')?.[1] ?? stateBefore?.branch ?? state?.branch;
  const named = branch ?? 'the branch';
  const ontoWords = onto === undefined ? '' : ontoPhrase(onto);
  // The entry below the start is the branch's old tip only when HEAD was on that branch then.
  const restorable = first?.step === 'start' && branch !== undefined && stateBefore?.branch === branch;
  const leftBehind = restorable && before ? leftBetween(before.sha, newest.sha) : 0;
  const done = (kind: RecentActionKind, text: string): Described => ({ kind, text, restorable, leftBehind });
  if (last?.family.startsWith('pull')) {
    if (last.step === 'finish') return done('pull', `Pulled and rebased ${named}`);
    return done('pull', `Pulled with a rebase${last.step === 'abort' ? ' (aborted)' : ' (not finished)'}`);
  }
  if (last?.step === 'finish') {
    // `rebase -i HEAD~3` rewrites a branch's own last commits: "onto HEAD~3" would mean nothing later.
    const own = onto === undefined ? undefined : stepsBelowHead(onto);
    return done('rebase', own !== undefined ? `Rebased the last ${count(own, 'commit')} of ${named}` : `Rebased ${named}${ontoWords}`);
  }
  if (last?.step === 'abort') return done('rebase', `Aborted rebasing ${named}${ontoWords}`);
  // No finish above: the rebase is still going on (newest entries), or was left unfinished.
  return done('rebase', `${newest.index === 0 ? 'Rebasing' : 'Started rebasing'}${branch ? ` ${branch}` : ''}${ontoWords} (not finished)`);
}

function ontoPhrase(onto: string): string {
  const own = stepsBelowHead(onto);
  if (own !== undefined) return ` (its last ${count(own, 'commit')})`;
  return ` onto ${isFullSha(onto) ? shortSha(onto) : onto}`;
}

/** The branch a "Merge branch 'x'" subject names, if it is one of git's own merge subjects. */
function mergedBranchInSubject(subject: string): string | undefined {
  return /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(subject)?.[1];
}

function where(state: HeadState): string {
  if (!state) return 'HEAD';
  return state.branch ?? 'the detached HEAD';
}

function quoted(subject: string): string {
  return `"${subject || '(no message)'}"`;
}
