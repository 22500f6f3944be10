import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../../git/git';
import { readWithNames } from './deep-git';
import { RAW_LOG_FORMAT, parseRawLog, type RawCommit } from './parse-raw-log';
import type { StashCommit } from './types';

/** Dangling commits looked at (a repository full of rebases has many), and stashes reported. */
export const DANGLING_COMMIT_LIMIT = 5000;
export const STASH_LIMIT = 20;
/** Dangling merges whose changes are read to find the stashes among them, newest first. */
const MERGE_LIMIT = 100;
/** Working-tree files hashed to tell a popped stash from a dropped one. */
const HASHED_PATH_LIMIT = 500;

/**
 * The stash-shaped commits among `dangling`, oldest first: at least two
 * parents, the second one's subject starts with "index on " (a third parent,
 * "untracked files on ", holds untracked files). Three git calls however many
 * there are (two when none is a merge). A stash whose files are all in the working tree as saved was
 * applied (`stash pop` leaves the same dangling commit as `stash drop`).
 */
export async function readStashCommits(git: Git, top: string, dangling: readonly string[]): Promise<StashCommit[]> {
  // Parents first, without diffs: only the commits shaped like a stash are read in full.
  const merges = parseParents(
    await readWithNames(git, ['log', '--no-walk=unsorted', '--stdin', '--format=%H%x00%P%x00%ct'], lines(dangling.slice(0, DANGLING_COMMIT_LIMIT))),
  )
    .filter((commit) => commit.parents.length >= 2)
    .sort((a, b) => b.time - a.time)
    .slice(0, MERGE_LIMIT);
  if (merges.length === 0) return [];
  // The merges' own changes (against the commit they were made on) and their helpers' (the untracked one has no parent).
  const wanted = [...new Set(merges.flatMap((merge) => [merge.sha, ...merge.parents.slice(1, 3)]))];
  const read = new Map(
    parseRawLog(
      await readWithNames(
        git,
        ['log', '--no-walk=unsorted', '--stdin', '--root', '-m', '--first-parent', '--raw', '-z', '--no-abbrev', '--no-renames', RAW_LOG_FORMAT],
        lines(wanted),
      ),
    ).map((commit) => [commit.sha, commit]),
  );
  const shaped = merges
    .flatMap((merge) => read.get(merge.sha) ?? [])
    .filter((merge) => read.get(merge.parents[1] ?? '')?.subject.startsWith('index on '))
    .sort((a, b) => b.time - a.time || a.sha.localeCompare(b.sha))
    .slice(0, STASH_LIMIT);
  const untrackedOf = (merge: RawCommit): RawCommit | undefined => {
    const third = read.get(merge.parents[2] ?? '');
    return third?.subject.startsWith('untracked files on ') ? third : undefined;
  };

  // What each stash saved, path -> blob ('' = the stash deleted it).
  const saved = new Map(
    shaped.map((merge) => {
      const files = new Map<string, string>();
      for (const change of merge.changes) files.set(change.path, change.status === 'D' ? '' : change.newBlob);
      for (const change of untrackedOf(merge)?.changes ?? []) files.set(change.path, change.newBlob);
      return [merge.sha, files] as const;
    }),
  );
  const onDisk = await hashWorkingFiles(git, top, [...new Set([...saved.values()].flatMap((files) => [...files.keys()]))]);

  return shaped
    .map((merge): StashCommit => {
      const files = saved.get(merge.sha) ?? new Map<string, string>();
      const applied = files.size > 0 && [...files].every(([path, blob]) => onDisk.has(path) && onDisk.get(path) === (blob || undefined));
      return {
        sha: merge.sha,
        parents: merge.parents,
        time: merge.time,
        subject: merge.subject,
        paths: merge.changes.map((change) => change.path),
        untrackedPaths: (untrackedOf(merge)?.changes ?? []).map((change) => change.path),
        applied,
      };
    })
    .reverse();
}

/**
 * The blob each path's working-tree file would become if added now (path ->
 * sha; undefined = no such file). Unknown paths (past the limit) are left out,
 * so a stash touching them never counts as applied.
 */
export async function hashWorkingFiles(git: Git, top: string, paths: readonly string[]): Promise<Map<string, string | undefined>> {
  const known = new Map<string, string | undefined>();
  const limited = paths.slice(0, HASHED_PATH_LIMIT);
  const present = limited.filter((path) => isFile(join(top, path)));
  const presentSet = new Set(present);
  for (const path of limited) if (!presentSet.has(path)) known.set(path, undefined);
  if (present.length === 0) return known;
  // --stdin-paths: one process for all files, and paths never look like options.
  const shas = (await readWithNames(git, ['hash-object', '--stdin-paths'], lines(present))).split('\n');
  present.forEach((path, i) => known.set(path, shas[i]?.trim() || undefined));
  return known;
}

/** `git log --format=%H%x00%P%x00%ct`: each commit's parents and time. */
export function parseParents(text: string): { sha: string; parents: string[]; time: number }[] {
  return text.split('\n').flatMap((line) => {
    const [sha = '', parents = '', time = ''] = line.split('\0');
    return /^[0-9a-f]{40,64}$/.test(sha) ? [{ sha, parents: parents.split(' ').filter((parent) => parent !== ''), time: Number(time) || 0 }] : [];
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function lines(items: readonly string[]): string {
  return items.length === 0 ? '' : `${items.join('\n')}\n`;
}
