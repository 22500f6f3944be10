/**
 * Fixes a person asks for by name ("undo this commit", "bring back that
 * file"), as opposed to the situations diagnose() finds. Each intent reads
 * the few facts it needs and returns FixPlans for applyFix (which snapshots
 * first, so undoFix can put everything back), or throws a ShipshapeError:
 * 'fix-refused' when the repository's state rules it out, 'usage' for a
 * malformed request, 'not-a-repository' / 'git-missing' for the environment.
 */
export { undoCommit } from './undo-commit';
export { restoreDeletedFile } from './restore-deleted-file';
export { listDeletedFiles, type DeletedFile, type DeletedFilesOptions } from './deleted-files';
export { rewordLastCommit } from './reword-last-commit';
export { moveLastCommitsToNewBranch } from './move-to-new-branch';
export { discardLocalChanges, type DiscardOptions } from './discard-local-changes';
export { startOver } from './start-over';
export { workTreeRoot, type IntentOptions } from './intent-context';
export type { IntentName } from './intent-plan';
