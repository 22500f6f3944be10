import type { FixPlan } from '../model';
import { freeBranchName, shortSha } from '../facts/queries';
import { count, isoDay, listWords } from '../detectors/words';
import { openIntent, refuse, requireHead, type IntentOptions } from './intent-context';
import { intentPlan } from './intent-plan';
import { pathsInCommit } from './deleted-files';

/**
 * "Make my branch the same as the published one, without losing anything":
 * local commits stay on a backup branch, then `reset --hard` to the upstream.
 * --hard is acceptable here ONLY because applyFix snapshots the index and
 * every non-ignored file first: Undo brings the uncommitted changes back.
 */
export async function startOver(repo: string, options: IntentOptions = {}): Promise<FixPlan> {
  const context = await openIntent(repo, options);
  const head = requireHead(context);
  const { facts } = context;
  const { branch, upstream, upstreamExists, changes, behind } = facts.status;
  if (!branch) throw refuse('HEAD is not on a branch: there is no upstream to start over from.', 'Switch to a branch first.');
  if (!upstream)
    throw refuse(
      `${branch} has no upstream: there is no published state to start over from.`,
      `Set one with: git branch --set-upstream-to=<remote>/<branch> ${branch}`,
    );
  const target = upstreamExists ? (await context.tryGit(['rev-parse', '--verify', '-q', `${branch}@{upstream}^{commit}`]))?.trim() : undefined;
  if (!target) throw refuse(`${upstream}, the upstream of ${branch}, no longer exists.`, 'Fetch, or set another upstream.');

  const localCommits = Number((await context.git(['rev-list', '--count', `${target}..${head}`])).trim());
  const tracked = changes.filter((change) => !change.untracked).map((change) => change.path);
  if (localCommits === 0 && tracked.length === 0 && behind === 0 && head === target) {
    throw refuse(`${branch} already matches ${upstream} and has no uncommitted changes: there is nothing to start over from.`);
  }

  // reset --hard overwrites untracked files the upstream has (status lists untracked folders as "dir/").
  const untracked = changes.filter((change) => change.untracked).map((change) => change.path.replace(/\/$/, ''));
  const overwritten = await pathsInCommit(context.git, target, untracked);
  const backup = localCommits > 0 ? freeBranchName(facts, `backup/${branch}-${isoDay(facts.now)}`) : undefined;
  const kept = backup
    ? ` ${localCommits === 1 ? 'Your local commit stays' : `Your ${count(localCommits, 'local commit')} stay`} on the new branch ${backup}.`
    : '';
  const dropped =
    tracked.length > 0
      ? ` Uncommitted changes to ${listWords(tracked)} leave your files, but the safety snapshot keeps them: Undo brings everything back.`
      : '';
  return intentPlan('start-over', 'backup-and-reset', [head, target, backup ?? ''], {
    title: `Start over from ${upstream}`,
    effect: `Moves ${branch} to ${upstream} (${shortSha(target)}) and makes your tracked files match it.${kept}${dropped} ${overwritten.length > 0 ? 'Other untracked' : 'Untracked'} and ignored files are left alone.`,
    steps: [...(backup ? [{ args: ['branch', backup, head] }] : []), { args: ['reset', '--hard', target] }],
    movesRefs: [...(backup ? [`refs/heads/${backup}`] : []), `refs/heads/${branch}`],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: [
      'Uses reset --hard, which discards uncommitted changes to tracked files. That is safe here only because Shipshape takes a safety snapshot first: Undo restores them, and deleting that snapshot loses them for good.',
      ...(overwritten.length > 0
        ? [`${upstream} has files where you have untracked ones (${listWords(overwritten)}): they are overwritten; Undo brings them back.`]
        : []),
    ],
  });
}
