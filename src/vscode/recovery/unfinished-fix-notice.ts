import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { RecoveryWorkspace } from './recovery-workspace';

/**
 * Once per interrupted fix (a fix whose process died half way, found in a
 * repository's journal), a warning that offers to roll it back: the next
 * undo does that, keeping what it left in a safety snapshot of its own.
 */
export function announceUnfinishedFixes(recovery: RecoveryWorkspace, logger: Logger): vscode.Disposable {
  const told = new Set<string>();
  return recovery.onDidChange(() => {
    for (const model of recovery.all) {
      const state = model.state;
      if (state.status !== 'ready' || !state.unfinishedFix || told.has(state.unfinishedFix.id)) continue;
      const entry = state.unfinishedFix;
      told.add(entry.id);
      logger.warn(`"${entry.title}" was interrupted before it finished (snapshot ${entry.snapshot})`);
      void vscode.window
        .showWarningMessage(
          `Shipshape: "${entry.title}" was interrupted before it finished. Roll it back to how things were before it? What it left is kept in a safety snapshot too.`,
          'Roll Back',
        )
        .then(async (choice) => {
          if (choice !== 'Roll Back') return;
          try {
            const title = await model.undo();
            void vscode.window.showInformationMessage(`Rolled back: ${title}.`);
          } catch (error) {
            void vscode.window.showErrorMessage(`Shipshape: ${describeError(error)}`);
          }
        });
    }
  });
}
