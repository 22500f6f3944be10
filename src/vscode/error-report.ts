import { describeError, errorDetails, isShipshapeError } from '../core/errors';

/** What reportError does with an error, decided without `vscode` (unit-tested in plain Node). */
export interface ErrorReport {
  /** The notification: one line for a person, with the hint when there is one. */
  readonly shown: string;
  /**
   * The log: the same line, then what the notification leaves out: for a
   * GitError the git arguments, folder, exit code and whole stderr; for any
   * other Error its stack.
   */
  readonly logged: string;
  /** The button that helps: the git path setting when git cannot start, else the log. */
  readonly action: 'openSettings' | 'showLog';
}

export function errorReport(context: string, error: unknown): ErrorReport {
  const shown = `${context}: ${describeError(error)}`;
  const details = errorDetails(error);
  return {
    shown,
    logged: details ? `${shown}\n${details}` : shown,
    action: isShipshapeError(error) && error.code === 'git-missing' ? 'openSettings' : 'showLog',
  };
}
