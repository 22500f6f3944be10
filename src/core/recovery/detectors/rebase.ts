import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { findRef, freeBranchName, shortSha } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { likelihoodAt, newBranchPlan, resetKeepPlan } from './plans';
import { timeAgo } from './words';

const KIND = 'rebase';
const FINISH = /^rebase( -i)? \(finish\): returning to refs\/heads\/(.+)$/;
const START = /^rebase( -i)? \(start\)/;

const CHECKOUT = /^checkout: moving from .+ to (.+)$/;

/** The branch HEAD was on at reflog entry `from`, from the nearest checkout at or below it; undefined when unknown. */
function branchBefore(log: RecoveryFacts['headReflog'], from: number): string | undefined {
  for (let i = from; i < log.length; i++) {
    const moved = CHECKOUT.exec(log[i]?.message ?? '');
    if (moved) return moved[1];
  }
  return undefined;
}

/**
 * A finished rebase, the newest one in HEAD's reflog. The branch's tip before
 * the rebase is the HEAD entry just below "rebase (start)".
 */
export function detectRebase(facts: RecoveryFacts): Situation[] {
  const log = facts.headReflog;
  const finishAt = log.findIndex((entry) => FINISH.test(entry.message));
  const finish = log[finishAt];
  const branch = finish ? FINISH.exec(finish.message)?.[2] : undefined;
  if (!finish || !branch) return [];
  const startAt = log.findIndex((entry, i) => i > finishAt && START.test(entry.message));
  const before = startAt >= 0 ? log[startAt + 1] : undefined;
  if (!before || before.sha === finish.sha) return [];
  // `git rebase main topic` run from main starts with HEAD on main: the entry below the start
  // is then main's tip, not topic's. Trust it only when HEAD was on the rebased branch.
  if (branchBefore(log, startAt + 1) !== undefined && branchBefore(log, startAt + 1) !== branch) return [];

  const branchRef = findRef(facts, `refs/heads/${branch}`);
  // Undoing is only safe while the branch is where the rebase left it and checked out.
  const unchanged = branchRef?.sha === finish.sha;
  const canReset = unchanged && facts.status.branch === branch && facts.status.head === finish.sha && !facts.headPublished && !facts.inProgress;
  const picks = log.slice(finishAt + 1, startAt).filter((entry) => /^rebase( -i)? \((pick|reword|edit|squash|fixup)\)/.test(entry.message)).length;

  const explanation =
    `You rebased ${branch} ${timeAgo(finish.time, facts.now)}` +
    (picks > 0 ? `, replaying ${picks === 1 ? '1 commit' : `${picks} commits`}` : '') +
    `. Before the rebase it pointed at ${shortSha(before.sha)} "${before.subject}"; that version is kept only by the reflog now.` +
    (facts.headPublished && unchanged ? ' The rebased commits have already been pushed, so they stay; the old version can be kept on a branch.' : '') +
    (!unchanged ? ` ${branch} has changed since the rebase.` : '');
  const evidence: Evidence[] = [
    { kind: 'reflog', label: finish.message, sha: finish.sha, time: finish.time },
    ...(startAt >= 0 && log[startAt] ? [{ kind: 'reflog' as const, label: log[startAt].message, sha: log[startAt].sha, time: log[startAt].time }] : []),
    { kind: 'commit', label: `before the rebase: ${shortSha(before.sha)} ${before.subject}`, sha: before.sha },
  ];
  const fixes: FixPlan[] = [];
  if (canReset) {
    fixes.push(
      resetKeepPlan(
        KIND,
        `refs/heads/${branch}`,
        finish.sha,
        before.sha,
        'Undo the rebase',
        `Puts ${branch} back where it was before the rebase. Your uncommitted changes are kept.`,
      ),
    );
  }
  fixes.push(
    newBranchPlan(
      KIND,
      freeBranchName(facts, `${branch}-before-rebase`),
      before.sha,
      'Keep the version before the rebase on a new branch',
      `Creates a branch at ${shortSha(before.sha)}, where ${branch} was before the rebase. Nothing else changes.`,
    ),
  );
  return [
    {
      id: stableId(KIND, branch, before.sha, finish.sha),
      kind: KIND,
      title: `${branch} was rebased`,
      explanation,
      evidence,
      fixes,
      likelihood: likelihoodAt(0.7, finish.index),
    },
  ];
}
