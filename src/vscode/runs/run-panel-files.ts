// The run panel's file access: the tail of a step's log (bounded bytes, however big the file) and
// where an annotation points, kept inside the repository.
import { existsSync, realpathSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { LogLine } from '../../protocol/run-panel';
import { clipLine, lineFromDisk, VIEW_LIMITS, type ViewLimits } from './log-buffer';

const CHUNK = 1024 * 1024;

/** Newlines in [from, to), read in chunks: a huge file is never held in memory. */
async function countNewlines(handle: FileHandle, from: number, to: number): Promise<number> {
  const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(to - from, 1)));
  let count = 0;
  for (let position = from; position < to;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, to - position), position);
    if (bytesRead === 0) break;
    for (let at = buffer.indexOf(10); at >= 0 && at < bytesRead; at = buffer.indexOf(10, at + 1)) count++;
    position += bytesRead;
  }
  return count;
}

/** The last lines of a log file within the limits, and how many lines the file holds. */
export async function readLogTail(file: string, limits: ViewLimits = VIEW_LIMITS): Promise<{ lines: LogLine[]; total: number }> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    // One byte more than the budget: a tail that starts just after a newline loses no line.
    const start = Math.max(0, size - limits.maxChars - 1);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const before = start > 0 ? await countNewlines(handle, 0, start) : 0;
    let text = buffer.toString('utf8');
    const inTail = (text.match(/\n/g) ?? []).length;
    if (start > 0) text = text.slice(text.indexOf('\n') + 1); // the first line began before the tail
    const raw = text.split('\n');
    const complete = raw[raw.length - 1] === '';
    if (complete) raw.pop();
    const lines = raw.slice(-limits.maxLines).map((line) => clipLine(lineFromDisk(line), limits));
    return { lines, total: before + inTail + (complete ? 0 : 1) };
  } finally {
    await handle.close();
  }
}

const escapes = (path: string) => path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path);

/**
 * The file an annotation names, inside the repository; undefined when it would leave it. Paths
 * in the run's isolated copy (tools often print absolute ones) map back to the repository.
 */
export function annotationFile(root: string, file: string, runId: string): string | undefined {
  const normal = file.split('\\').join('/');
  const marker = `/shipshape-run-${runId}/workspace/`;
  const at = normal.indexOf(marker);
  const target = resolve(root, at >= 0 ? normal.slice(at + marker.length) : file);
  if (relative(root, target) === '' || escapes(relative(root, target))) return undefined;
  try {
    // A link out of the repository: checked on the nearest part of the path that exists.
    if (escapes(relative(realpathSync(root), realpathSync(existingAncestor(target))))) return undefined;
  } catch {
    return undefined;
  }
  return target;
}

function existingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** The repository a run belongs to: from the absolute workflow path it started with, else a folder holding the workflow. */
export function repositoryRoot(workflow: string | undefined, started: string | undefined, folders: readonly string[]): string | undefined {
  if (!workflow) return undefined;
  const suffix = workflow.split('/').join(sep);
  if (started && isAbsolute(started) && started.endsWith(`${sep}${suffix}`)) return started.slice(0, -(suffix.length + 1));
  return folders.find((folder) => existsSync(join(folder, workflow)));
}

/** What a run entry tells of its repository: the root its record names, else the absolute workflow it started with. */
export interface RunWhere {
  readonly id: string;
  readonly record?: { readonly repositoryRoot?: string; readonly workflow: string };
  readonly plan?: { readonly workflow: string };
  readonly request?: { readonly workflow: string };
}

/** The repository of a run; older records are matched against the workspace's folders. */
export function runRoot(entry: RunWhere, folders: readonly string[]): string | undefined {
  return entry.record?.repositoryRoot ?? repositoryRoot(entry.record?.workflow ?? entry.plan?.workflow, entry.request?.workflow, folders);
}

/** Where a problem of a run's plan points: a file inside the repository and a 0-based line and column; undefined when it names no place. */
export function problemLocation(
  entry: RunWhere,
  problem: { readonly file?: string; readonly line?: number; readonly column?: number },
  folders: readonly string[],
): { file: string; line: number; column: number } | undefined {
  const root = problem.file ? runRoot(entry, folders) : undefined;
  const file = root && problem.file ? annotationFile(root, problem.file, entry.id) : undefined;
  return file ? { file, line: Math.max(0, (problem.line ?? 1) - 1), column: Math.max(0, (problem.column ?? 1) - 1) } : undefined;
}
