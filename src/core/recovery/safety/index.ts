/** The safety net of git recovery: every fix is applied over a snapshot and can be undone exactly. */
export { takeSnapshot, type Snapshot } from './snapshot';
export { applyFix, type ApplyFixOptions, type AppliedFix } from './apply-fix';
export { undoFix, type UndoneFix, type UndoOptions } from './undo-fix';
export { LaterChangesError, SNAPSHOT_FILE_LIMIT, type LeftOutFile } from './work-state';
export { describeUnfinishedFix, findUnfinishedFix } from './unfinished';
export { listSnapshots, deleteSnapshot, type SnapshotInfo } from './snapshots';
export { planPurge, purgeAfterSecretRemoval, type PurgeCasualty, type PurgePlan } from './purge';
export { readJournal, journalPath, type JournalEntry, type RefChange } from './journal';
export { openRepository, type RepoContext } from './repo-context';
export type { HeadState } from './refs';
export { SAFETY_ERROR_CODES } from './safety-errors';
