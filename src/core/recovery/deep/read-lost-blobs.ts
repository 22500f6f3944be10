import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../../git/git';
import { catFileBatch, readWithNames } from './deep-git';
import { CLOCK_SLACK, resetBefore } from './index-resets';
import { bestMatch, lineCounts } from './line-similarity';
import { BATCH_CHECK_FORMAT, looksBinary, parseBatch, parseBatchCheck } from './parse-batch';
import { hashWorkingFiles, lines } from './read-stashes';
import type { IndexReset, LostBlob, PathGuess } from './types';

/** Blobs reported, and dangling blobs whose write time is looked up. */
export const LOST_BLOB_LIMIT = 50;
const DANGLING_BLOB_LIMIT = 5000;
/** Contents larger than this are neither previewed nor compared. */
export const READ_LIMIT = 1024 * 1024;
/** Tracked files stat'ed for the reset's write time, and compared per blob by size. */
const STAT_LIMIT = 20_000;
const SIZE_NEIGHBOURS = 10;
const CANDIDATE_LIMIT = 300;
const PREVIEW_LINES = 5;

interface TreeFile {
  readonly mode: string;
  readonly sha: string;
  readonly size: number;
  readonly path: string;
}

/**
 * Dangling blobs that a reset of the index threw away: blobs no commit, tree
 * or index entry holds, written (`git add`) between HEAD's previous move and
 * such a reset. Only loose objects carry a write time; packed ones are left
 * out. Each gets a guessed path: the tracked file sharing most of its lines,
 * looked for among files the reset rewrote (their modification time is the
 * reset's) and files of a similar size. Content already in that file is not lost.
 */
export async function readLostBlobs(
  git: Git,
  top: string,
  objectsDir: string,
  dangling: readonly string[],
  resets: readonly IndexReset[],
): Promise<LostBlob[]> {
  if (resets.length === 0 || dangling.length === 0) return [];
  const timed = dangling
    .slice(0, DANGLING_BLOB_LIMIT)
    .map((sha) => ({ sha, time: looseObjectTime(objectsDir, sha) }))
    .flatMap(({ sha, time }) => {
      const reset = time === undefined ? undefined : resetBefore(resets, time);
      return reset && time !== undefined ? [{ sha, time, reset }] : [];
    })
    .sort((a, b) => b.time - a.time || a.sha.localeCompare(b.sha))
    .slice(0, LOST_BLOB_LIMIT);
  if (timed.length === 0) return [];

  const sizes = parseBatchCheck(await readWithNames(git, ['cat-file', BATCH_CHECK_FORMAT], lines(timed.map((blob) => blob.sha))));
  const readable = timed.filter((blob) => (sizes.get(blob.sha)?.size ?? Infinity) <= READ_LIMIT);
  const contents = await readContents(
    git,
    readable.map((blob) => blob.sha),
  );

  const texts = new Map([...contents].filter(([, content]) => !looksBinary(content)).map(([sha, content]) => [sha, content.toString('utf8')]));
  const guesses = texts.size > 0 ? await guessPaths(git, top, texts, timed, sizes) : new Map<string, PathGuess>();
  const onDisk = await hashWorkingFiles(git, top, [...new Set([...guesses.values()].map((guess) => guess.path))]);

  return timed.flatMap(({ sha, time, reset }): LostBlob[] => {
    const text = texts.get(sha);
    const guess = guesses.get(sha);
    if (guess && onDisk.get(guess.path) === sha) return []; // the file holds it: nothing was lost
    const allLines = text === undefined ? [] : text.replace(/\n$/, '').split('\n');
    return [
      {
        sha,
        size: sizes.get(sha)?.size ?? 0,
        time,
        reset,
        binary: contents.has(sha) && text === undefined,
        lines: text === undefined ? 0 : allLines.length,
        preview: allLines.slice(0, PREVIEW_LINES).map((line) => line.slice(0, 120)),
        guess,
      },
    ];
  });
}

async function guessPaths(
  git: Git,
  top: string,
  texts: ReadonlyMap<string, string>,
  blobs: readonly { sha: string; reset: IndexReset }[],
  sizes: ReadonlyMap<string, { size: number }>,
): Promise<Map<string, PathGuess>> {
  const tree = parseTreeListing(await git.raw(['ls-tree', '-r', '-l', '-z', 'HEAD'])).filter(
    (file) => file.size <= READ_LIMIT && /^100(644|755)$/.test(file.mode),
  );
  const resetTimes = [...new Set(blobs.map((blob) => blob.reset.time))];
  const rewritten = tree.slice(0, STAT_LIMIT).filter((file) => {
    const modified = modifiedAt(join(top, file.path));
    return modified !== undefined && resetTimes.some((time) => Math.abs(modified - time) <= CLOCK_SLACK);
  });
  const picked = new Map(rewritten.map((file) => [file.path, file]));
  const bySize = [...tree].sort((a, b) => a.size - b.size);
  for (const sha of texts.keys()) {
    for (const file of nearestBySize(bySize, sizes.get(sha)?.size ?? 0, SIZE_NEIGHBOURS)) picked.set(file.path, file);
  }
  const candidates = [...picked.values()].slice(0, CANDIDATE_LIMIT);
  const contents = await readContents(git, [...new Set(candidates.map((file) => file.sha))]);
  const compared = candidates.flatMap((file) => {
    const content = contents.get(file.sha);
    return content && !looksBinary(content) ? [{ file, lines: lineCounts(content.toString('utf8')) }] : [];
  });
  const guesses = new Map<string, PathGuess>();
  for (const [sha, text] of texts) {
    const best = bestMatch(lineCounts(text), compared);
    if (best) guesses.set(sha, { path: best.candidate.file.path, mode: best.candidate.file.mode, similarity: Math.round(best.similarity * 100) / 100 });
  }
  return guesses;
}

/** About `count` files around `size` in a list sorted by size (a binary search, then a window). */
function nearestBySize(bySize: readonly TreeFile[], size: number, count: number): readonly TreeFile[] {
  let low = 0;
  let high = bySize.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((bySize[middle]?.size ?? 0) < size) low = middle + 1;
    else high = middle;
  }
  const start = Math.max(0, Math.min(low - (count >> 1), bySize.length - count));
  return bySize.slice(start, start + count);
}

/** Contents of the given objects, read in one `cat-file --batch`. */
async function readContents(git: Git, shas: readonly string[]): Promise<Map<string, Buffer>> {
  return new Map(parseBatch(await catFileBatch(git, lines(shas))).map((object) => [object.sha, object.content]));
}

/** Parses `git ls-tree -r -l -z`: "<mode> <type> <sha> <size>\t<path>" per NUL-terminated entry. */
export function parseTreeListing(text: string): TreeFile[] {
  const files: TreeFile[] = [];
  for (const entry of text.split('\0')) {
    const match = /^(\d{6}) blob ([0-9a-f]+) +(\d+)\t(.+)$/s.exec(entry);
    if (match) files.push({ mode: match[1] as string, sha: match[2] as string, size: Number(match[3]), path: match[4] as string });
  }
  return files;
}

/** A loose object's file is written once, by `git add` (or refreshed when written again): its time is the add's. */
function looseObjectTime(objectsDir: string, sha: string): number | undefined {
  return modifiedAt(join(objectsDir, sha.slice(0, 2), sha.slice(2)));
}

function modifiedAt(path: string): number | undefined {
  try {
    return Math.floor(statSync(path).mtimeMs / 1000);
  } catch {
    return undefined;
  }
}
