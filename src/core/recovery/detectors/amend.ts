import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { currentRefName, freeBranchName, remoteUpstream, shortSha } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { newBranchPlan, plan } from './plans';
import { timeAgo } from './words';

const KIND = 'amend';

/**
 * The last thing done was `commit --amend`: the earlier version of the commit
 * is now held only by the reflog. HEAD@{1} is resolved to its sha here, so the
 * fix still means the same commit after the reflog grows.
 */
export function detectAmend(facts: RecoveryFacts): Situation[] {
  const [amended, before] = facts.headReflog;
  if (!amended || !before || !amended.message.startsWith('commit (amend):') || facts.status.head !== amended.sha) return [];
  // An amend keeps the parents: anything else is not a plain amend.
  if (amended.parents.join(' ') !== before.parents.join(' ') || amended.sha === before.sha) return [];

  const where = facts.status.branch ?? 'a detached HEAD';
  const renamed = before.subject !== amended.subject;
  const upstream = amendedUpstream(facts);
  const explanation =
    `You amended the last commit on ${where} ${timeAgo(amended.time, facts.now)}. ` +
    `The earlier version, "${before.subject}" (${shortSha(before.sha)}), ` +
    (upstream
      ? `is on ${upstream}: you had pushed it. So ${where} and ${upstream} have diverged: pushing the amended commit would need a force push.`
      : `is no longer on any branch${renamed ? `; the amended one is called "${amended.subject}".` : '.'}`) +
    (upstream && renamed ? ` The amended one is called "${amended.subject}".` : '') +
    (facts.headPublished ? ' The amended commit has already been pushed, so it stays; the earlier version can be kept on a branch.' : '');
  const evidence: Evidence[] = [
    { kind: 'reflog', label: amended.message, sha: amended.sha, time: amended.time },
    { kind: 'commit', label: `before the amend: ${shortSha(before.sha)} ${before.subject}`, sha: before.sha },
    { kind: 'commit', label: `after the amend: ${shortSha(amended.sha)} ${amended.subject}`, sha: amended.sha },
  ];
  const shas = [amended.sha, before.sha];
  const fixes: FixPlan[] = facts.headPublished
    ? [
        newBranchPlan(
          KIND,
          freeBranchName(facts, `before-amend-${shortSha(before.sha)}`),
          before.sha,
          'Keep the earlier version on a new branch',
          'Creates a branch at the commit as it was before the amend. Nothing else changes.',
        ),
      ]
    : [
        plan(KIND, 'undo-amend', shas, {
          title: 'Undo the amend',
          effect: `Puts the earlier commit back on ${where}. What the amend added stays staged, so you can commit it separately.`,
          steps: [{ args: ['reset', '--soft', before.sha] }],
          movesRefs: [currentRefName(facts)],
          changesIndex: false,
          changesFiles: false,
          rewritesHistory: false,
          risks: [],
        }),
      ];
  return [{ id: stableId(KIND, ...shas), kind: KIND, title: `The last commit on ${where} was amended`, explanation, evidence, fixes, likelihood: 0.85 }];
}

/**
 * The upstream when the amend rewrote the commit it points at (an amend of a
 * pushed commit): the earlier version is on the remote, not lost.
 */
export function amendedUpstream(facts: RecoveryFacts): string | undefined {
  const [amended, before] = facts.headReflog;
  const upstream = remoteUpstream(facts);
  if (!amended?.message.startsWith('commit (amend):') || amended.sha !== facts.status.head || !upstream || before?.sha !== upstream.sha) return undefined;
  return facts.status.upstream;
}
