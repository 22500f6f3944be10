import type { FixPlan } from '../model';
import { COMMIT_FORMAT, parseCommits } from '../facts/parse-log';
import { shortSha } from '../facts/queries';
import { listWords, subjects } from '../detectors/words';
import { openIntent, refuse, remotesHolding, requireHead, usage, whereHead, type IntentContext, type IntentOptions } from './intent-context';
import { headRefName, intentPlan } from './intent-plan';

/**
 * "Fix the message of my last commit". `commit --amend --only` with no paths
 * amends the message alone: whatever is staged stays staged and out of the
 * commit. A pushed commit is never reworded (that rewrites published history).
 */
export async function rewordLastCommit(repo: string, message: string, options: IntentOptions = {}): Promise<FixPlan> {
  if (message.trim() === '') throw usage('give the new commit message (it cannot be empty)');
  const context = await openIntent(repo, options);
  const head = requireHead(context);
  const [last] = parseCommits(await context.git(['log', '-1', COMMIT_FORMAT, head]));
  const label = `${shortSha(head)} ${subjects(last ? [last] : [])}`;
  if (context.facts.headPublished) {
    const remotes = await remotesHolding(context, head);
    throw refuse(
      `${label} is already on ${listWords(remotes)}: rewording it would rewrite a published commit.`,
      'Leave the message as it is; say what it should have said in your next commit.',
    );
  }
  const firstLine = message.trim().split('\n')[0] ?? '';
  // Amending a commit whose tree equals its parent's needs --allow-empty, even for a new message.
  const allowEmpty = (await isEmptyCommit(context, head, last?.parents[0])) ? ['--allow-empty'] : [];
  return intentPlan('reword', 'amend-message', [head, message], {
    title: `Reword ${label}`,
    effect: `Changes the message of the last commit on ${whereHead(context)} to "${firstLine}". Its changes stay the same, and anything you have staged stays staged and out of it.`,
    steps: [{ args: ['commit', '--amend', '--only', ...allowEmpty, '-m', message] }],
    movesRefs: [headRefName(context)],
    changesIndex: false,
    changesFiles: false,
    rewritesHistory: false,
    risks: [],
  });
}

async function isEmptyCommit(context: IntentContext, head: string, parent: string | undefined): Promise<boolean> {
  if (parent === undefined) return (await context.git(['ls-tree', head])).trim() === '';
  const [tree, parentTree] = (await context.git(['rev-parse', `${head}^{tree}`, `${parent}^{tree}`])).trim().split('\n');
  return tree === parentTree;
}
