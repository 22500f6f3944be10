import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { FixPlan } from '../model';
import { COMMIT_FORMAT, parseCommits } from '../facts/parse-log';
import { shortSha } from '../facts/queries';
import { subjects, timeAgo } from '../detectors/words';
import { pathsInCommit } from './deleted-files';
import { openIntent, refuse, requireHead, usage, whereHead, type IntentOptions } from './intent-context';
import { exactPathspec, intentPlan, repoPath } from './intent-plan';

/**
 * "Bring back the file I deleted and committed": finds the newest commit on
 * the current branch that deleted `path` (relative to the top of the work
 * tree; a folder works too) and restores the identical content from just
 * before it, into the index and the working tree.
 */
export async function restoreDeletedFile(repo: string, path: string, options: IntentOptions = {}): Promise<FixPlan> {
  const wanted = repoPath(path);
  if (wanted === '') throw usage('name the deleted file to restore');
  const context = await openIntent(repo, options);
  const head = requireHead(context);
  const spec = exactPathspec(wanted);
  const where = whereHead(context);

  const [deleting] = parseCommits(await context.git(['log', '-1', '--diff-filter=D', COMMIT_FORMAT, head, '--', spec]));
  const before = deleting?.parents[0];
  if (!deleting || !before) throw refuse(`No commit on ${where} deleted ${wanted}.`, 'shipshape restore-file with no path lists the deleted files.');
  if ((await pathsInCommit(context.git, head, [wanted])).length > 0) {
    throw refuse(`${wanted} is in the current commit: it was added back after ${shortSha(deleting.sha)} ${subjects([deleting])} deleted it.`);
  }

  const label = `${shortSha(deleting.sha)} ${subjects([deleting])}`;
  const inIndex = (await context.git(['ls-files', '-z', '--', spec])) !== '';
  const refusal =
    inIndex || existsAt(join(context.root, wanted))
      ? `Something is already at ${wanted} in your working tree: move or rename it first, then restore.`
      : undefined;
  return intentPlan('restore-file', 'restore', [deleting.sha, wanted], {
    title: `Restore ${wanted}`,
    effect: `Brings back ${wanted} exactly as it was just before ${label} deleted it (${timeAgo(deleting.time, context.facts.now)}), staged for your next commit.`,
    steps: [{ args: ['restore', `--source=${before}`, '--staged', '--worktree', '--', spec] }],
    movesRefs: [],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: [],
    ...(refusal ? { refusal } : {}),
  });
}

function existsAt(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
