import type { FixPlan } from '../model';
import { COMMIT_FORMAT, parseCommits } from '../facts/parse-log';
import { localBranchNames, shortSha } from '../facts/queries';
import { count as counted, subjects } from '../detectors/words';
import { openIntent, refuse, requireHead, usage, type IntentContext, type IntentOptions } from './intent-context';
import { guardKeepResets, intentPlan } from './intent-plan';

/**
 * "These last commits belong on a new branch": creates the branch at HEAD and
 * moves the current branch back with `reset --keep` (never --hard: local edits
 * stay, and git refuses rather than overwrite one). `count` defaults to the
 * commits ahead of the upstream. Published commits are never moved.
 */
export async function moveLastCommitsToNewBranch(repo: string, name: string, count?: number, options: IntentOptions = {}): Promise<FixPlan> {
  if (count !== undefined && !(Number.isInteger(count) && count > 0))
    throw usage(`the number of commits to move must be a whole number above 0 (got ${count})`);
  if (name === '' || name.startsWith('-')) throw usage(`"${name}" is not a valid branch name.`);
  const context = await openIntent(repo, options);
  const head = requireHead(context);
  await checkBranchName(context, name);
  const { branch, upstream, upstreamExists, ahead } = context.facts.status;
  if (!branch) throw refuse('HEAD is not on a branch, so nothing needs moving.', `Create the branch right here instead: git switch -c ${name}.`);

  let moving = count;
  if (moving === undefined) {
    if (!upstream || !upstreamExists) throw usage(`say how many commits to move: ${branch} has no upstream to compare with.`);
    if (ahead === 0) throw refuse(`${branch} has no commits that ${upstream} does not have: there is nothing to move.`);
    moving = ahead;
  }
  const total = Number((await context.git(['rev-list', '--first-parent', '--count', head])).trim());
  if (moving >= total) {
    throw refuse(`${branch} has only ${counted(total, 'commit')}: moving ${moving} would leave it without any.`, 'Move fewer commits.');
  }
  const target = (await context.git(['rev-parse', '--verify', `${head}~${moving}`])).trim();
  const commits = parseCommits(await context.git(['log', COMMIT_FORMAT, `${target}..${head}`])).reverse();
  const unpublished = Number((await context.git(['rev-list', '--count', `${target}..${head}`, '--not', '--remotes'])).trim());
  if (unpublished !== commits.length) {
    throw refuse(
      `Some of those commits are already pushed: moving them off ${branch} would rewrite published history.`,
      'Move only the commits that are not pushed yet.',
    );
  }

  const which = commits.length === 1 ? 'this commit' : 'these commits';
  const [plan] = await guardKeepResets(context, [
    intentPlan('move-to-branch', 'branch-and-reset', [head, target, name], {
      title: `Move ${counted(commits.length, 'commit')} to a new branch ${name}`,
      effect: `Creates the branch ${name} with ${which} (${subjects(commits, 5)}), then moves ${branch} back to ${shortSha(target)}. Your uncommitted changes stay as they are, staged ones staged.`,
      steps: [{ args: ['branch', name, head] }, { args: ['reset', '--keep', target] }],
      movesRefs: [`refs/heads/${name}`, `refs/heads/${branch}`],
      changesIndex: true,
      changesFiles: true,
      rewritesHistory: false,
      risks: [],
    }),
  ]);
  if (!plan) throw refuse('No plan could be made.'); // cannot happen: the guard keeps every plan
  return plan;
}

/** Valid (`check-ref-format --branch`), and free: neither taken nor nested with an existing branch. */
async function checkBranchName(context: IntentContext, name: string): Promise<void> {
  const checked = (await context.tryGit(['check-ref-format', '--branch', name]))?.trim();
  // --branch also expands @{-1} and friends: the name must be taken as it is.
  if (checked !== name) throw usage(`"${name}" is not a valid branch name.`);
  const taken = localBranchNames(context.facts);
  if (taken.includes(name)) throw refuse(`A branch named ${name} already exists.`, 'Choose another name.');
  const nested = taken.find((other) => other.startsWith(`${name}/`) || name.startsWith(`${other}/`));
  if (nested) throw refuse(`A branch ${name} cannot exist next to the branch ${nested} (one name would be a folder of the other).`, 'Choose another name.');
}
