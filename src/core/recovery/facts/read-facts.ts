import { resolve } from 'node:path';
import { createGit, type GitOptions } from '../../git/git';
import { throwIfCancelled } from '../../git/git-error';
import { ShipshapeError } from '../../errors';
import { readInProgress } from './in-progress';
import { COMMIT_FORMAT, REFLOG_FORMAT, REF_FORMAT, REF_REFLOG_FORMAT, parseCommits, parseRefReflogs, parseReflog, parseRefs } from './parse-log';
import { parseStatusV2 } from './parse-status';
import type { RecoveryFacts } from './types';
import { keptRefs, SHIPSHAPE_REF_PREFIX } from '../safety/refs';
import { JOURNAL_GIT_PATH, readAppliedFixSnapshots } from '../safety/journal';

/** How far back HEAD's reflog is read: mistakes older than this are rarely the one a person means. */
export const REFLOG_DEPTH = 200;
/** Caps on the commit lists, so a huge rewrite cannot make the fast pass slow. */
export const REFLOG_ONLY_LIMIT = 1000;
export const HEAD_ONLY_LIMIT = 500;
/** Entries read from the branches' and remote-tracking branches' reflogs, all together. */
export const REF_REFLOGS_LIMIT = 2000;

export interface FactsOptions extends GitOptions {
  /** "Now" in milliseconds since the epoch (Date.now() when absent); tests pass a fixed value. */
  readonly now?: number;
}

/**
 * Reads the cheap facts the fast detectors need: at most eight git calls in
 * three rounds, none of which scans the object store.
 */
export async function readRecoveryFacts(dir: string, options: FactsOptions = {}): Promise<RecoveryFacts> {
  const git = createGit(dir, options);
  const run = (args: readonly string[]) => git.raw(args);
  // Some reads fail for plain reasons (no commits yet): only those read as empty, never a missing git or a cancel.
  const read = async (args: readonly string[]) => (await git.tryRaw(args)) ?? '';
  const [bare = '', inside = '', gitDir = '', journal = ''] = (
    await run(['rev-parse', '--is-bare-repository', '--is-inside-work-tree', '--absolute-git-dir', '--git-path', JOURNAL_GIT_PATH])
  ).split('\n');
  if (bare === 'true' || inside !== 'true') {
    throw new ShipshapeError(
      'not-a-repository',
      `${dir} has no working tree (a bare repository or a .git folder).`,
      'Open the folder of a clone or worktree instead.',
    );
  }

  const appliedFixes = journal === '' ? [] : await readAppliedFixSnapshots(resolve(dir, journal));
  const kept = keptRefs(appliedFixes);
  const [statusText, refsText, reflogText, refReflogsText, reflogOnlyText, unpublishedText] = await Promise.all([
    // No optional locks (git.ts sets that for every call): a background read must not rewrite the index under the user.
    run(['status', '--porcelain=v2', '--branch', '-z']),
    run(['for-each-ref', REF_FORMAT]),
    // Fails before the first commit: there is no reflog to read then.
    read(['log', '-g', '--date=unix', `--max-count=${REFLOG_DEPTH}`, REFLOG_FORMAT, 'HEAD']),
    read(['log', '-g', '--date=unix', `--max-count=${REF_REFLOGS_LIMIT}`, REF_REFLOG_FORMAT, '--glob=refs/heads', '--glob=refs/remotes']),
    // Judged as if Shipshape's own refs were not there: a snapshot keeps lost commits from gc, it must not hide them.
    read(['log', '--reflog', `--max-count=${REFLOG_ONLY_LIMIT}`, COMMIT_FORMAT, '--not', ...kept]),
    // Prints a commit when HEAD holds anything no remote-tracking ref holds.
    read(['rev-list', '--max-count=1', 'HEAD', '--not', '--remotes']),
  ]);
  throwIfCancelled(options.signal);
  const status = parseStatusV2(statusText);

  // Only a detached HEAD or a branch ahead of its upstream can hold commits on no other ref.
  let headOnlyText = '';
  if (status.head && (status.branch === undefined || status.ahead > 0)) {
    const exclude = status.branch ? [`--exclude=${status.branch}`] : [];
    headOnlyText = await run(['log', `--max-count=${HEAD_ONLY_LIMIT}`, COMMIT_FORMAT, 'HEAD', '--not', ...exclude, '--branches', '--remotes', '--tags']);
  }

  return {
    now: Math.floor((options.now ?? Date.now()) / 1000),
    gitDir,
    status,
    inProgress: readInProgress(gitDir, status.branch),
    refs: parseRefs(refsText).filter((ref) => !ref.name.startsWith(SHIPSHAPE_REF_PREFIX)),
    headReflog: parseReflog(reflogText),
    refReflogs: parseRefReflogs(refReflogsText),
    reflogOnly: new Map(parseCommits(reflogOnlyText).map((commit) => [commit.sha, commit])),
    headOnly: parseCommits(headOnlyText),
    headPublished: status.head !== undefined && unpublishedText.trim() === '',
    appliedFixes,
  };
}

/**
 * The paths that differ between `target` and HEAD: `reset --keep target`
 * refuses when any of them has local changes. One call per target.
 */
export async function readPathsChangedSince(dir: string, target: string, options: GitOptions = {}): Promise<string[]> {
  const text = await createGit(dir, options).raw(['diff', '--name-only', '--no-renames', '-z', target, 'HEAD', '--']);
  return text.split('\0').filter((path) => path !== '');
}
