import * as vscode from 'vscode';
import { describeError, isShipshapeError } from '../core/errors';
import type { Logger } from '../core/logger';
import { Commands, Settings } from './constants';

/**
 * Turns any error into one message with the action that helps, in one place:
 * commands never show raw exceptions.
 */
export async function reportError(logger: Logger, context: string, error: unknown): Promise<void> {
  logger.error(`${context}: ${describeError(error)}`);
  const message = `${context}: ${describeError(error)}`;
  if (isShipshapeError(error) && error.code === 'git-missing') {
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', Settings.gitPath);
    return;
  }
  const choice = await vscode.window.showErrorMessage(message, 'Show Log');
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
