/**
 * Errors are values with codes. The core throws ShipshapeError; the editor
 * and the CLI turn the code into a message and an action in one place each.
 */
export type ErrorCode =
  | 'git-missing' // no git executable could be started
  | 'not-a-repository' // the folder is not inside a git work tree
  | 'git-failed' // git ran and reported an error
  | 'unreadable-file' // a file could not be read
  | 'usage' // the caller asked for something malformed
  | 'fix-refused' // a recovery fix cannot run now; nothing was done
  | 'fix-failed' // a step of a fix failed; the repository was restored from its snapshot
  | 'undo-refused' // something moved since the fix; nothing was undone
  | 'snapshot-missing' // no such safety snapshot or journal entry
  | 'cancelled' // the caller cancelled; whatever ran was stopped
  | 'untrusted'; // the work would run repository code, and the workspace is not trusted

export class ShipshapeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ShipshapeError';
  }
}

export function isShipshapeError(value: unknown): value is ShipshapeError {
  return value instanceof ShipshapeError;
}

/** One line for a person: the message, then what to do about it when we know. */
export function describeError(error: unknown): string {
  if (isShipshapeError(error)) return error.hint ? `${error.message} ${error.hint}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
