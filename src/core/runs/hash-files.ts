import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { abortReason, anySignal, NEVER } from './abort-signals';
import { fileSelected, folderWanted, isWithin, pathParts, readHashPatterns, searchRoots, type HashFilesRequest } from './hash-file-patterns';

export interface HashFilesOptions {
  /** GITHUB_WORKSPACE: patterns are relative to it and only files inside it count. */
  readonly workspace: string;
  readonly signal?: AbortSignal;
  /** The runner gives up after 120 s. */
  readonly timeoutMs?: number;
  readonly home?: string;
}

const RUNNER_TIMEOUT_MS = 120_000;

/**
 * hashFiles() as GitHub's runner computes it: the SHA-256 of the concatenated SHA-256 digests of
 * the matching files (folders and files outside the workspace left out), in the order the runner
 * finds them; '' when nothing matches. One difference: `.git` is never read (here it is a link to
 * the user's repository, and its contents change with every git command).
 */
export async function hashFiles(args: readonly string[], options: HashFilesOptions): Promise<string> {
  const workspace = resolve(options.workspace);
  const request = readHashPatterns(args, workspace, options.home ?? homedir());
  const timeoutMs = options.timeoutMs ?? RUNNER_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(`hashFiles('${args.join(', ')}') couldn't finish within ${timeoutMs / 1000} seconds.`), timeoutMs);
  const stop = anySignal(options.signal ?? NEVER, deadline.signal);
  try {
    const total = createHash('sha256');
    let count = 0;
    for await (const file of matchingFiles(request, workspace, stop.signal)) {
      total.update(await fileDigest(file, stop.signal));
      count++;
    }
    return count > 0 ? total.digest('hex') : '';
  } catch (error) {
    if (stop.signal.aborted) throw new Error(abortReason(stop.signal));
    throw error;
  } finally {
    clearTimeout(timer);
    stop.dispose();
  }
}

async function fileDigest(path: string, signal: AbortSignal): Promise<Buffer> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash, { signal });
  return hash.digest();
}

interface Item {
  readonly parts: readonly string[];
  /** Depth below its search root, for symbolic-link cycles. */
  readonly level: number;
}

const pathOf = (parts: readonly string[]): string => (parts.length <= 1 ? '/' : parts.join('/'));
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The files to hash, in the runner's order: each search root in pattern order, depth first,
 * entries in byte order (what readdir gives on Linux). Folders no pattern can reach are not read.
 */
async function* matchingFiles(request: HashFilesRequest, workspace: string, signal: AbortSignal): AsyncGenerator<string> {
  const inside = pathParts(workspace);
  for (const root of searchRoots(request.patterns)) {
    const start = startWithin(root, inside);
    if (!start || start.slice(inside.length).includes('.git')) continue;
    const stack: Item[] = [{ parts: start, level: 1 }];
    const chain: string[] = [];
    while (stack.length > 0) {
      signal.throwIfAborted();
      const item = stack.pop() as Item;
      const path = pathOf(item.parts);
      const stats = await entryStats(path, request.followSymbolicLinks);
      if (!stats) continue;
      if (stats.isDirectory()) {
        if (!folderWanted(request.patterns, item.parts) || (request.followSymbolicLinks && (await isCycle(path, item.level, chain)))) continue;
        const entries = (await readdir(path)).filter((name) => name !== '.git').sort(byteOrder);
        stack.push(...entries.reverse().map((name) => ({ parts: [...item.parts, name], level: item.level + 1 })));
      } else if (fileSelected(request.patterns, item.parts) && !(await linksToFolder(path, stats))) {
        yield path;
      }
    }
  }
}

/** Where a search root meets the workspace: inside it as is, around it the workspace itself, elsewhere nothing. */
function startWithin(root: readonly string[], workspace: readonly string[]): readonly string[] | undefined {
  if (isWithin(root, workspace)) return root;
  return isWithin(workspace, root) ? workspace : undefined;
}

/** lstat, or stat when following links; undefined for what vanished (or, when following, a broken link, as the runner omits those). */
async function entryStats(path: string, follow: boolean): Promise<Stats | undefined> {
  try {
    return await (follow ? stat(path) : lstat(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A link (not followed) to a folder is skipped like a folder; a broken one fails, as the runner's stat does. */
async function linksToFolder(path: string, stats: Stats): Promise<boolean> {
  if (!stats.isSymbolicLink()) return false;
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`hashFiles: ${path} is a broken symbolic link`);
    throw error;
  }
}

/** Following links, a folder already on the way down (by its real path) would loop. */
async function isCycle(path: string, level: number, chain: string[]): Promise<boolean> {
  const real = await realpath(path);
  chain.length = Math.min(chain.length, level - 1);
  if (chain.includes(real)) return true;
  chain.push(real);
  return false;
}
