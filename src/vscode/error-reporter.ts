import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { Commands, Settings } from './constants';
import { errorReport } from './error-report';

/**
 * Turns any error into one message with the action that helps, in one place:
 * commands never show raw exceptions. The log gets what the message leaves
 * out (git's arguments, exit code and stderr, or the stack): see errorReport.
 */
export async function reportError(logger: Logger, context: string, error: unknown): Promise<void> {
  const report = errorReport(context, error);
  logger.error(report.logged);
  if (report.action === 'openSettings') {
    const choice = await vscode.window.showErrorMessage(report.shown, 'Open Settings');
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', Settings.gitPath);
    return;
  }
  const choice = await vscode.window.showErrorMessage(report.shown, 'Show Log');
  if (choice) await vscode.commands.executeCommand(Commands.showLog);
}

/** Wraps a command handler so a failure becomes a reported message, never an unhandled rejection. */
export function guarded<A extends unknown[], R>(logger: Logger, context: string, handler: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R | undefined> => {
    try {
      return await handler(...args);
    } catch (error) {
      await reportError(logger, context, error);
      return undefined;
    }
  };
}
