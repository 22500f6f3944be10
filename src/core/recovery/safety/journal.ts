import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ShipshapeError } from '../../errors';
import type { RepoContext } from './repo-context';
import type { HeadState } from './refs';
import type { WorkState } from './work-state';

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
  /**
   * 'applying' from before a fix's first change until it is recorded: found later, the fix was
   * interrupted (killed) and is rolled back by the next undo; 'rolled-back' once that happened.
   */
  readonly status: 'applying' | 'applied' | 'undone' | 'rolled-back';
  /** While applying: every ref before the fix (the snapshot's listing), so an interrupted fix can be rolled back. */
  readonly refsBefore?: Readonly<Record<string, string>>;
  /** For an undo: the entry it undid. */
  readonly undoes?: string;
  /** The index and working tree right after it (entries written before 2026-12 have none). */
  readonly workAfter?: WorkState;
}

interface JournalFile {
  readonly version: 1;
  readonly entries: readonly JournalEntry[];
}

/** The journal as `git rev-parse --git-path` names it (per worktree), for a reader without a RepoContext. */
export const JOURNAL_GIT_PATH = 'shipshape/journal.json';

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
    throw new ShipshapeError(
      'unreadable-file',
      `The undo journal ${path} is damaged.`,
      'Move it away to start a new journal; the snapshots stay under refs/shipshape/snapshots/.',
    );
  }
}

/**
 * The snapshots of the fixes still applied (not undone), from the journal at
 * `path`, for detection; a missing or damaged journal reads as none.
 */
export async function readAppliedFixSnapshots(path: string): Promise<string[]> {
  try {
    const file = JSON.parse(await readFile(path, 'utf8')) as Partial<JournalFile>;
    const entries = Array.isArray(file.entries) ? file.entries : [];
    return entries.filter((entry) => entry.kind === 'fix' && entry.status === 'applied' && /^[0-9a-z-]+$/.test(entry.snapshot)).map((entry) => entry.snapshot);
  } catch {
    return [];
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

/** The fix that was being applied when its process died, if any (the last entry still 'applying'). */
export function findUnfinished(entries: readonly JournalEntry[]): JournalEntry | undefined {
  return entries.filter((entry) => entry.status === 'applying').at(-1);
}

/** The entry once it is no longer being applied: its ref listing (only needed for a roll-back) is dropped. */
export function withoutRefsBefore(entry: JournalEntry): JournalEntry {
  const copy: { -readonly [K in keyof JournalEntry]?: JournalEntry[K] } = { ...entry };
  delete copy.refsBefore;
  return copy as JournalEntry;
}

export function newEntryId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** A lock older than this is left over from a process that died (when its owner cannot be checked). */
const STALE_LOCK_MS = 10 * 60 * 1000;
/** A lock still empty after this long was never finished by its writer. */
const EMPTY_LOCK_MS = 5_000;

/** Who holds the lock: `pid host` as written below; alive unless it is this machine's and gone. */
export function lockHolderIsGone(content: string, ageMs: number, isAlive: (pid: number) => boolean = processIsAlive): boolean {
  const [pid, host] = content.trim().split(/\s+/);
  if (!pid) return ageMs > EMPTY_LOCK_MS;
  if (host === hostname() && /^\d+$/.test(pid)) return !isAlive(Number(pid));
  return ageMs > STALE_LOCK_MS;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/** One fix or undo at a time per worktree, across processes (the editor and the CLI). */
export async function withJournalLock<T>(context: RepoContext, work: () => Promise<T>): Promise<T> {
  await mkdir(context.shipshapeDir, { recursive: true });
  const lock = join(context.shipshapeDir, 'lock');
  const handle = await open(lock, 'wx').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
    const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? 0);
    const holder = await readFile(lock, 'utf8').catch(() => '');
    if (!lockHolderIsGone(holder, age)) {
      const pid = holder.trim().split(/\s+/)[0];
      throw new ShipshapeError(
        'git-failed',
        `Another fix or undo is running in this repository${pid ? ` (process ${pid})` : ''}.`,
        `Wait for it to finish (or remove ${lock} if none is running).`,
      );
    }
    // Its process is gone (killed mid-fix): take the lock over; the journal says what it left unfinished.
    await rm(lock, { force: true });
    return open(lock, 'wx');
  });
  try {
    await handle.writeFile(`${process.pid} ${hostname()}\n`);
    await handle.close();
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
