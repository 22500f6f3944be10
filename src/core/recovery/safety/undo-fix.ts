import type { GitOptions } from '../../git/git';
import { keepBeforeValues } from './backup-refs';
import { newEntryId, readJournal, withJournalLock, writeJournal, type JournalEntry } from './journal';
import { openRepository } from './repo-context';
import { changedRefs, describeHead, readHead, readRefs, sameHead } from './refs';
import { restoreSnapshot, rollBackTo } from './restore';
import { fixFailed, gitMessage, snapshotMissing, undoRefused } from './safety-errors';
import { refuseWhileLocked } from './preconditions';
import { readSnapshot, takeSnapshotIn, type Snapshot } from './snapshot';
import { LaterChangesError, pathsChangedBetween, readWorkState } from './work-state';

export interface UndoneFix {
  /** The entry that was undone, now marked 'undone'. */
  readonly undone: JournalEntry;
  /** The undo itself, recorded like a fix: undoing it redoes the fix. */
  readonly journalEntry: JournalEntry;
  /** The snapshot taken just before undoing. */
  readonly snapshotId: string;
}

const NOTHING_UNDONE = 'something changed since the fix; nothing was undone';

/**
 * Undoes the last applied journal entry (or the one whose snapshot is given):
 * only when every ref it moved, and HEAD, are still where it left them; then
 * refs, HEAD, index, working tree and git's operation files go back exactly.
 */
export interface UndoOptions extends GitOptions {
  /**
   * Undo even when files changed since the fix (the person confirmed): those
   * changes are in the undo's own snapshot, so undoing the undo brings them back.
   */
  readonly includeLaterChanges?: boolean;
}

export async function undoFix(repo: string, snapshotId?: string, options: UndoOptions = {}): Promise<UndoneFix> {
  const { includeLaterChanges = false, ...gitOptions } = options;
  const context = await openRepository(repo, gitOptions);
  return withJournalLock(context, async () => {
    const entries = await readJournal(context);
    const entry = snapshotId === undefined ? entries.filter((candidate) => candidate.status === 'applied').at(-1) : entries.find((candidate) => candidate.snapshot === snapshotId);
    if (entry === undefined) {
      throw snapshotMissing(snapshotId === undefined ? 'There is no applied fix to undo in this worktree.' : `No fix in this worktree's journal has snapshot ${snapshotId}.`);
    }
    if (entry.status === 'undone') throw undoRefused(`"${entry.title}" was already undone; nothing was undone.`);

    const refsNow = await readRefs(context.git);
    for (const [name, change] of Object.entries(entry.refs)) {
      const actual = refsNow.get(name) ?? null;
      if (actual !== change.after) {
        throw undoRefused(`${name} should be at ${change.after ?? '(deleted)'} but is at ${actual ?? '(deleted)'}: ${NOTHING_UNDONE}.`);
      }
    }
    const headNow = await readHead(context.git);
    if (!sameHead(headNow, entry.head.after)) {
      throw undoRefused(`HEAD should be ${describeHead(entry.head.after)} but is ${describeHead(headNow)}: ${NOTHING_UNDONE}.`);
    }

    await refuseWhileLocked(context, Object.keys(entry.refs), `Undoing "${entry.title}"`);
    if (entry.workAfter && !includeLaterChanges) {
      const later = await pathsChangedBetween(context, entry.workAfter, await readWorkState(context));
      if (later.length > 0) throw new LaterChangesError(entry.title, later);
    }
    const snapshot = await readSnapshot(context, entry.snapshot);
    const reason = `shipshape: undo "${entry.title}"`;
    const refs = Object.entries(entry.refs).map(([name, change]) => ({ name, current: change.after, target: change.before }));
    // The undo is itself undoable: a snapshot once the checks passed, before the first change.
    let beforeUndo: Snapshot | undefined;
    try {
      await restoreSnapshot(context, snapshot, refs, reason, async () => {
        beforeUndo = await takeSnapshotIn(context);
      });
    } catch (error) {
      if (beforeUndo === undefined) throw error; // refused or failed before any change
      await rollBackTo(context, beforeUndo, `undoing "${entry.title}" failed: ${gitMessage(error)}`);
      throw fixFailed(`Undoing "${entry.title}" failed: ${gitMessage(error)}. Nothing was undone: the repository was restored from snapshot ${beforeUndo.id}.`);
    }
    if (beforeUndo === undefined) throw fixFailed(`Undoing "${entry.title}" took no snapshot.`); // cannot happen: the hook always runs

    const moved = changedRefs(beforeUndo.refs ?? new Map(), await readRefs(context.git));
    await keepBeforeValues(context, beforeUndo.id, moved);
    const undo: JournalEntry = {
      id: newEntryId(),
      kind: 'undo',
      fixId: `undo:${entry.fixId}`,
      title: `Undo: ${entry.title}`,
      time: new Date().toISOString(),
      snapshot: beforeUndo.id,
      refs: moved,
      head: { before: headNow, after: await readHead(context.git) },
      status: 'applied',
      undoes: entry.id,
      workAfter: await readWorkState(context),
    };
    const undone: JournalEntry = { ...entry, status: 'undone' };
    await writeJournal(context, [...entries.map((candidate) => (candidate.id === entry.id ? undone : candidate)), undo]);
    return { undone, journalEntry: undo, snapshotId: beforeUndo.id };
  });
}
