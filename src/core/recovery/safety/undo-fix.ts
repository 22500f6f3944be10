import type { GitOptions } from '../../git/git';
import { keepBeforeValues } from './backup-refs';
import { type JournalEntry, newEntryId, readJournal, withJournalLock, withoutRefsBefore, writeJournal } from './journal';
import { openRepository, type RepoContext } from './repo-context';
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
  /** When an interrupted undo was rolled back: the fix it was undoing, applied again (undo it by its snapshot). */
  readonly stillApplied?: JournalEntry;
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
    const undoable = (candidate: JournalEntry) => candidate.status === 'applied' || candidate.status === 'applying';
    const entry = snapshotId === undefined ? entries.filter(undoable).at(-1) : entries.find((candidate) => candidate.snapshot === snapshotId);
    if (entry === undefined) {
      throw snapshotMissing(
        snapshotId === undefined ? 'There is no applied fix to undo in this worktree.' : `No fix in this worktree's journal has snapshot ${snapshotId}.`,
      );
    }
    if (entry.status === 'undone' || entry.status === 'rolled-back')
      throw undoRefused(`"${entry.title}" was already ${entry.status === 'undone' ? 'undone' : 'rolled back'}; nothing was undone.`);
    if (entry.status === 'applying') return rollBackInterrupted(context, entries, entry);

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
    // The undo is itself undoable: a snapshot once the checks passed, before the first change;
    // and journaled as 'applying' then, so an undo killed half way is rolled back by the next undo.
    let beforeUndo: Snapshot | undefined;
    let applying: JournalEntry | undefined;
    try {
      await restoreSnapshot(context, snapshot, refs, reason, async () => {
        beforeUndo = await takeSnapshotIn(context);
        applying = {
          id: newEntryId(),
          kind: 'undo',
          fixId: `undo:${entry.fixId}`,
          title: `Undo: ${entry.title}`,
          time: new Date().toISOString(),
          snapshot: beforeUndo.id,
          refs: {},
          head: { before: headNow, after: headNow },
          status: 'applying',
          undoes: entry.id,
          refsBefore: Object.fromEntries(beforeUndo.refs ?? new Map()),
        };
        await writeJournal(context, [...entries, applying]);
      });
    } catch (error) {
      if (applying === undefined || beforeUndo === undefined) throw error; // refused or failed before any change
      await rollBackTo(context, beforeUndo, `undoing "${entry.title}" failed: ${gitMessage(error)}`);
      await writeJournal(context, entries).catch(() => undefined);
      throw fixFailed(`Undoing "${entry.title}" failed: ${gitMessage(error)}. Nothing was undone: the repository was restored from snapshot ${beforeUndo.id}.`);
    }
    if (beforeUndo === undefined || applying === undefined) throw fixFailed(`Undoing "${entry.title}" took no snapshot.`); // cannot happen: the hook always runs

    const moved = changedRefs(beforeUndo.refs ?? new Map(), await readRefs(context.git));
    await keepBeforeValues(context, beforeUndo.id, moved);
    const undo: JournalEntry = {
      ...withoutRefsBefore(applying),
      refs: moved,
      head: { before: headNow, after: await readHead(context.git) },
      status: 'applied',
      workAfter: await readWorkState(context),
    };
    const undone: JournalEntry = { ...entry, status: 'undone' };
    await writeJournal(context, [...entries.map((candidate) => (candidate.id === entry.id ? undone : candidate)), undo]);
    return { undone, journalEntry: undo, snapshotId: beforeUndo.id };
  });
}

/**
 * A fix (or an undo) whose process died half way (found 'applying' in the journal): its
 * refs, HEAD, index and files go back to its snapshot. What it left is first
 * kept in a snapshot of its own, and the roll-back is journaled like an undo,
 * so even this can be undone.
 */
async function rollBackInterrupted(context: RepoContext, entries: readonly JournalEntry[], entry: JournalEntry): Promise<UndoneFix> {
  await refuseWhileLocked(context, Object.keys(entry.refsBefore ?? {}), `Rolling back "${entry.title}"`);
  const left = await takeSnapshotIn(context);
  const snapshot = { ...(await readSnapshot(context, entry.snapshot)), refs: new Map(Object.entries(entry.refsBefore ?? {})) };
  await rollBackTo(context, snapshot, `rolling back the interrupted "${entry.title}"`);
  const moved = changedRefs(left.refs ?? new Map(), await readRefs(context.git));
  await keepBeforeValues(context, left.id, moved);
  const rolledBack: JournalEntry = { ...withoutRefsBefore(entry), status: 'rolled-back' };
  const undo: JournalEntry = {
    id: newEntryId(),
    kind: 'undo',
    fixId: `undo:${entry.fixId}`,
    title: `Roll back: ${entry.title}`,
    time: new Date().toISOString(),
    snapshot: left.id,
    refs: moved,
    head: { before: left.head, after: await readHead(context.git) },
    status: 'applied',
    undoes: entry.id,
    workAfter: await readWorkState(context),
  };
  await writeJournal(context, [...entries.map((candidate) => (candidate.id === entry.id ? rolledBack : candidate)), undo]);
  const stillApplied = entries.find((candidate) => candidate.id === entry.undoes && candidate.status === 'applied');
  return { undone: rolledBack, journalEntry: undo, snapshotId: left.id, ...(stillApplied ? { stillApplied } : {}) };
}
