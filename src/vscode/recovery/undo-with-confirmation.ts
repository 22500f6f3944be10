import * as vscode from 'vscode';
import { LaterChangesError } from '../../core/recovery/safety';
import type { RecoveryModel } from './recovery-model';

/**
 * Undoes a fix; when files changed since it, names them and asks before
 * replacing them (the undo keeps them in its own safety snapshot, so undoing
 * the undo brings them back). Undefined when the person declines.
 */
export async function undoConfirmingLaterChanges(model: RecoveryModel, snapshotId: string | undefined): Promise<string | undefined> {
  try {
    return await model.undo(snapshotId);
  } catch (error) {
    if (!(error instanceof LaterChangesError)) throw error;
    const shown = error.paths.slice(0, 10).join('\n') + (error.paths.length > 10 ? `\n… and ${error.paths.length - 10} more` : '');
    const choice = await vscode.window.showWarningMessage(
      `${error.paths.length === 1 ? 'A file' : `${error.paths.length} files`} changed since "${error.title}"`,
      {
        modal: true,
        detail: `${shown}\n\nUndoing the fix replaces ${error.paths.length === 1 ? 'it' : 'them'}. Your changes are kept in the undo's safety snapshot first: undoing the undo brings them back.`,
      },
      'Undo Anyway',
    );
    return choice === 'Undo Anyway' ? model.undo(snapshotId, true) : undefined;
  }
}
