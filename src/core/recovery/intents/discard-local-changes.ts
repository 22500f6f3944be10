import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixPlan } from '../model';
import { SNAPSHOT_FILE_LIMIT } from '../safety/work-state';
import { parseStatusV2 } from '../facts/parse-status';
import { count, listWords } from '../detectors/words';
import { openIntent, refuse, requireHead, type IntentOptions } from './intent-context';
import { exactPathspec, intentPlan, isWithin, repoPath } from './intent-plan';

export interface DiscardOptions extends IntentOptions {
  /** Paths relative to the top of the work tree (files or folders); everything when absent or empty. */
  readonly paths?: readonly string[];
  /** Also delete untracked files (never ignored ones). Off unless asked for. */
  readonly includeUntracked?: boolean;
}

/**
 * "Throw away my local changes", made safe: applyFix's snapshot keeps every
 * change first, so Undo brings them back (VS Code's own discard cannot).
 * Tracked changes go back to HEAD, staged and unstaged; untracked files are
 * deleted only when asked for.
 */
export async function discardLocalChanges(repo: string, options: DiscardOptions = {}): Promise<FixPlan> {
  const paths = [...new Set((options.paths ?? []).map(repoPath))];
  const everything = paths.length === 0 || paths.includes('');
  const context = await openIntent(repo, options);
  const head = requireHead(context);
  const specs = everything ? ['.'] : paths.map(exactPathspec);

  const status = parseStatusV2(await context.git(['--no-optional-locks', 'status', '--porcelain=v2', '-z', '--untracked-files=all', '--', ...specs]));
  const tracked = status.changes.filter((change) => !change.untracked);
  const allUntracked = status.changes.filter((change) => change.untracked).map((change) => change.path);
  // The safety snapshot leaves untracked files over the limit out: deleted, Undo could not bring them back. So they stay.
  const huge = await hugeFiles(context.root, allUntracked);
  const untracked = allUntracked.filter((path) => !huge.includes(path));
  const scope = everything ? 'in this repository' : `in ${listWords(paths)}`;
  const removeUntracked = options.includeUntracked === true && untracked.length > 0;
  if (tracked.length === 0 && !removeUntracked) {
    throw refuse(
      untracked.length > 0
        ? `Only untracked files changed ${scope} (${listWords(untracked)}): include untracked files to delete them.`
        : `There are no local changes to discard ${scope}.`,
    );
  }

  // `restore` fails on a pathspec git knows no file for: only the paths with tracked changes.
  const trackedPaths = tracked.flatMap((change) => (change.originalPath ? [change.path, change.originalPath] : [change.path]));
  const restoreSpecs = everything ? ['.'] : paths.filter((path) => trackedPaths.some((changed) => isWithin(changed, path))).map(exactPathspec);
  const cleanSpecs = everything ? ['.'] : paths.filter((path) => untracked.some((file) => isWithin(file, path))).map(exactPathspec);
  // An exclude pattern, not an excluding pathspec: with -d, clean would still remove the folder around it.
  const keepHuge = huge.flatMap((path) => ['-e', ignorePattern(path)]);

  const steps = [
    ...(tracked.length > 0 ? [{ args: ['restore', `--source=${head}`, '--staged', '--worktree', '--', ...restoreSpecs] }] : []),
    ...(removeUntracked ? [{ args: ['clean', '-f', '-d', ...keepHuge, '--', ...cleanSpecs] }] : []),
  ];
  const changed = [...tracked.map((change) => change.path), ...(removeUntracked ? untracked : [])];
  const kept = huge.map(
    (path) => `${path} is over ${SNAPSHOT_FILE_LIMIT / 1024 / 1024} MB, too big for the safety snapshot: it is kept (delete it yourself if you mean to).`,
  );
  const risks = removeUntracked
    ? [`Deletes ${count(untracked.length, 'untracked file')} from disk (${listWords(untracked)}); only Undo brings them back. Ignored files are never touched.`]
    : untracked.length > 0
      ? [
          `${count(untracked.length, 'untracked file')} (${listWords(untracked)}) ${untracked.length === 1 ? 'is' : 'are'} kept: include untracked files to delete them too.`,
        ]
      : [];
  return intentPlan('discard', removeUntracked ? 'restore-and-clean' : 'restore', [head, ...specs, ...[...changed].sort()], {
    title: `Discard local changes ${scope}`,
    effect:
      `Throws away your uncommitted changes to ${listWords(changed)}${removeUntracked ? ', untracked files included' : ''}: the files go back to the last commit. ` +
      'They can be brought back with Undo: Shipshape keeps them in a safety snapshot first.',
    steps,
    movesRefs: [],
    changesIndex: tracked.length > 0,
    changesFiles: true,
    rewritesHistory: false,
    risks: [...risks, ...(options.includeUntracked ? kept : []), 'Once that safety snapshot is deleted, the discarded changes are gone for good.'],
  });
}

async function hugeFiles(root: string, paths: readonly string[]): Promise<string[]> {
  const sizes = await Promise.all(paths.map(async (path) => (await lstat(join(root, path)).catch(() => undefined))?.size ?? 0));
  return paths.filter((_, index) => (sizes[index] ?? 0) > SNAPSHOT_FILE_LIMIT);
}

/** A .gitignore line that matches exactly this path from the top: anchored, glob characters and trailing spaces escaped. */
function ignorePattern(path: string): string {
  return `/${path.replace(/[\\*?[\]]/g, '\\$&').replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '))}`;
}
