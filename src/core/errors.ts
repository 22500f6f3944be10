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

  /** What the log should hold beyond the message (a subclass such as GitError says more); undefined: the stack will do. */
  get details(): string | undefined {
    return undefined;
  }
}

export function isShipshapeError(value: unknown): value is ShipshapeError {
  return value instanceof ShipshapeError;
}

/*
 * The only place that turns an unknown thrown value into text (a lint rule
 * refuses `error instanceof Error ? error.message : String(error)` elsewhere):
 * - describeError: for a person, the message and what to do about it;
 * - errorMessage: the bare message, to build into another sentence or a record;
 * - errorDetails: for the log, what a person is not shown.
 */

/** One line for a person: the message, then what to do about it when we know. */
export function describeError(error: unknown): string {
  if (isShipshapeError(error)) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return errorMessage(error);
}

/** The bare message of anything thrown (no hint): an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * For the log, what a one-line message leaves out: a git failure's arguments,
 * exit code and whole stderr (GitError.details); any other error's stack.
 * Undefined when there is nothing beyond the message.
 */
export function errorDetails(error: unknown): string | undefined {
  if (isShipshapeError(error) && error.details !== undefined) return error.details;
  return error instanceof Error ? error.stack : undefined;
}
