import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { createGit, type GitOptions } from '../../git/git';
import { findRef } from '../facts/queries';
import type { RecoveryFacts } from '../facts/types';
import { throwIfCancelled } from '../../git/git-error';
import { indexResets } from './index-resets';
import { parseFsck } from './parse-fsck';
import { danglingBehindOurRefs } from './pinned-by-our-refs';
import { readLostBlobs } from './read-lost-blobs';
import { readRiskyFacts } from './read-risky';
import { readStashCommits } from './read-stashes';
import type { DeepFacts } from './types';

/** Progress for a person: what is being done, and how far along (0..1) when known. */
export type ProgressReporter = (message: string, fraction?: number) => void;

export interface DeepFactsOptions extends GitOptions {
  readonly onProgress?: ProgressReporter;
}

/**
 * The object scan. `--connectivity-only` skips reading blobs (3x faster, the
 * same objects found); `--dangling` lists only the tips of what nothing
 * holds, so a dropped stash is one commit, and a blob inside a lost commit's
 * tree is not mistaken for lost staged work; `--no-reflogs` counts what only
 * a reflog holds as lost too. Never `--lost-found`: it writes into .git.
 */
export const FSCK_ARGS = ['fsck', '--connectivity-only', '--dangling', '--no-reflogs', '--no-progress'] as const;

/**
 * Reads what the deep detectors need: the unpushed-commit scan first (cheap),
 * then fsck (the slow part: ~0.1 s at 5,000 commits, ~2 s at 50,000), then
 * the dangling stashes and blobs. Cancelled through options.signal: the
 * running git process is killed and a ShipshapeError thrown.
 */
/** The autostash commits git keeps for a merge or rebase in progress (MERGE_AUTOSTASH, rebase-merge or rebase-apply autostash). */
async function readAutostashes(gitDir: string): Promise<string[]> {
  const files = ['MERGE_AUTOSTASH', join('rebase-merge', 'autostash'), join('rebase-apply', 'autostash')];
  const found = await Promise.all(
    files.map((file) =>
      readFile(join(gitDir, file), 'utf8').then(
        (text) => text.trim(),
        () => '',
      ),
    ),
  );
  return found.filter((sha) => /^[0-9a-f]{40,64}$/.test(sha));
}

export async function readDeepFacts(dir: string, facts: RecoveryFacts, options: DeepFactsOptions = {}): Promise<DeepFacts> {
  const progress: ProgressReporter = options.onProgress ?? (() => undefined);
  const [top = dir, objectsPath = ''] = (await createGit(dir, options).raw(['rev-parse', '--show-toplevel', '--git-path', 'objects'])).split('\n');
  const objectsDir = isAbsolute(objectsPath) ? objectsPath : resolve(dir, objectsPath);
  const git = createGit(top, options);

  progress('Looking for secrets and large files in commits not yet pushed', 0.05);
  const risky = await readRiskyFacts(git, facts);

  progress('Scanning every object for lost work (git fsck)', 0.15);
  const found = parseFsck(await git.lenient([...FSCK_ARGS]));
  // fsck counts Shipshape's snapshots as holding; what only they hold is lost work all the same.
  const fsck = { ...found, commits: [...found.commits, ...(await danglingBehindOurRefs(git, found.commits, facts.appliedFixes))] };
  throwIfCancelled(options.signal);
  progress(`Found ${fsck.commits.length} dangling commits and ${fsck.blobs.length} dangling blobs`, 0.7);

  progress('Looking for dropped stashes', 0.75);
  // With --no-reflogs every stash below stash@{0} (held only by refs/stash's reflog) looks dangling too.
  const live = findRef(facts, 'refs/stash') ? parseStashList((await git.tryRaw(['log', '-g', '--format=%H%x00%ct', 'refs/stash'])) ?? '') : [];
  // An operation in progress (merge --autostash, rebase) holds its autostash in a file, not a ref.
  const liveShas = new Set([...live.map((stash) => stash.sha), ...(await readAutostashes(facts.gitDir))]);
  const stashes = await readStashCommits(
    git,
    top,
    fsck.commits.filter((sha) => !liveShas.has(sha)),
  );

  progress('Looking for staged changes lost to a reset', 0.85);
  const resets = indexResets(
    facts.headReflog,
    [...live, ...stashes].map((stash) => stash.time),
  );
  const lostBlobs = await readLostBlobs(git, top, objectsDir, fsck.blobs, resets);
  throwIfCancelled(options.signal);

  const pruneExpire = (await git.tryRaw(['config', '--get', 'gc.pruneExpire']))?.trim() || undefined;
  return { fsck, stashes, lostBlobs, risky, pruneExpire };
}

/** `git log -g --format=%H%x00%ct refs/stash`: the stash list, newest first. */
function parseStashList(text: string): { sha: string; time: number }[] {
  return text.split('\n').flatMap((line) => {
    const [sha = '', time = ''] = line.split('\0');
    return /^[0-9a-f]{40,64}$/.test(sha) ? [{ sha, time: Number(time) || 0 }] : [];
  });
}
