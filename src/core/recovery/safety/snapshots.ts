import type { GitOptions } from '../../git/git';
import { readJournal, withJournalLock, writeJournal, type JournalEntry } from './journal';
import { openRepository } from './repo-context';
import type { HeadState } from './refs';
import { snapshotMissing } from './safety-errors';
import { deleteSnapshotRefs, listSnapshotIds, readSnapshot } from './snapshot';

export interface SnapshotInfo {
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  /** The work tree it was taken in: snapshots of every worktree are listed. */
  readonly worktree: string;
  readonly head: HeadState;
  /** This worktree's journal entry for the fix or undo the snapshot was taken for, if any. */
  readonly journalEntry?: JournalEntry;
}

/** Every snapshot in the repository, oldest first. */
export async function listSnapshots(repo: string, options: GitOptions = {}): Promise<SnapshotInfo[]> {
  const context = await openRepository(repo, options);
  const journal = await readJournal(context);
  const found: SnapshotInfo[] = [];
  for (const id of await listSnapshotIds(context)) {
    const snapshot = await readSnapshot(context, id).catch(() => undefined);
    if (snapshot === undefined) continue; // half deleted by hand: nothing to show
    const journalEntry = journal.find((entry) => entry.snapshot === id);
    found.push({ id, time: snapshot.time, worktree: snapshot.worktree, head: snapshot.head, ...(journalEntry ? { journalEntry } : {}) });
  }
  return found.sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
}

/** Removes a snapshot's refs and its journal entry; the fix it belonged to can then no longer be undone. */
export async function deleteSnapshot(repo: string, id: string, options: GitOptions = {}): Promise<void> {
  if (!/^[0-9a-z-]+$/.test(id)) throw snapshotMissing(`"${id}" is not a snapshot id.`);
  const context = await openRepository(repo, options);
  await withJournalLock(context, async () => {
    const deletedRefs = await deleteSnapshotRefs(context, id);
    const journal = await readJournal(context);
    const kept = journal.filter((entry) => entry.snapshot !== id);
    if (kept.length !== journal.length) await writeJournal(context, kept);
    if (deletedRefs === 0 && kept.length === journal.length) throw snapshotMissing(`There is no snapshot ${id}.`);
  });
}
