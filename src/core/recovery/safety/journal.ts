import type { WorkState } from './work-state';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ShipshapeError } from '../../errors';
import type { RepoContext } from './repo-context';
import type { HeadState } from './refs';

export interface RefChange {
  readonly before: string | null;
  readonly after: string | null;
}

/** One fix (or undo) that was applied, and what it moved; enough to check and reverse it. */
export interface JournalEntry {
  readonly id: string;
  readonly kind: 'fix' | 'undo';
  /** The FixPlan id; for an undo, `undo:` and the undone entry's fixId. */
  readonly fixId: string;
  readonly title: string;
  /** ISO 8601. */
  readonly time: string;
  /** The snapshot taken just before: undoing this entry restores it. */
  readonly snapshot: string;
  readonly refs: Readonly<Record<string, RefChange>>;
  readonly head: { readonly before: HeadState; readonly after: HeadState };
  readonly status: 'applied' | 'undone';
  /** For an undo: the entry it undid. */
  readonly undoes?: string;
  /** The index and working tree right after it (entries written before 2026-12 have none). */
  readonly workAfter?: WorkState;
}

interface JournalFile {
  readonly version: 1;
  readonly entries: readonly JournalEntry[];
}

export function journalPath(context: RepoContext): string {
  return join(context.shipshapeDir, 'journal.json');
}

export async function readJournal(context: RepoContext): Promise<JournalEntry[]> {
  const path = journalPath(context);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ShipshapeError('unreadable-file', `The undo journal ${path} could not be read.`);
  }
  try {
    const file = JSON.parse(text) as Partial<JournalFile>;
    if (file.version !== 1 || !Array.isArray(file.entries)) throw new Error('unknown shape');
    return [...file.entries];
  } catch {
    throw new ShipshapeError('unreadable-file', `The undo journal ${path} is damaged.`, 'Move it away to start a new journal; the snapshots stay under refs/shipshape/snapshots/.');
  }
}

/** Atomic: a reader sees the old journal or the new one, never half of one. */
export async function writeJournal(context: RepoContext, entries: readonly JournalEntry[]): Promise<void> {
  const path = journalPath(context);
  await mkdir(context.shipshapeDir, { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file: JournalFile = { version: 1, entries };
  try {
    await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function newEntryId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** A lock older than this is left over from a process that died. */
const STALE_LOCK_MS = 10 * 60 * 1000;

/** One fix or undo at a time per worktree, across processes (the editor and the CLI). */
export async function withJournalLock<T>(context: RepoContext, work: () => Promise<T>): Promise<T> {
  await mkdir(context.shipshapeDir, { recursive: true });
  const lock = join(context.shipshapeDir, 'lock');
  const handle = await open(lock, 'wx').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
    const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? 0);
    if (age < STALE_LOCK_MS) {
      throw new ShipshapeError('git-failed', 'Another fix or undo is running in this repository.', `Wait for it to finish (or remove ${lock} if none is running).`);
    }
    await rm(lock, { force: true });
    return open(lock, 'wx');
  });
  try {
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
