import { errorMessage, ShipshapeError, type ErrorCode } from '../../errors';

/** The codes the safety net throws with. */
export const SAFETY_ERROR_CODES = {
  /** The plan says it cannot run now; nothing was done. */
  fixRefused: 'fix-refused',
  /** A step failed; the repository was restored from the snapshot. */
  fixFailed: 'fix-failed',
  /** Something moved since the fix; nothing was undone. */
  undoRefused: 'undo-refused',
  /** No such snapshot or journal entry. */
  snapshotMissing: 'snapshot-missing',
} as const satisfies Record<string, ErrorCode>;

export function fixRefused(message: string, hint?: string): ShipshapeError {
  return new ShipshapeError(SAFETY_ERROR_CODES.fixRefused, message, hint);
}

export function fixFailed(message: string, hint?: string): ShipshapeError {
  return new ShipshapeError(SAFETY_ERROR_CODES.fixFailed, message, hint);
}

export function undoRefused(message: string, hint?: string): ShipshapeError {
  return new ShipshapeError(SAFETY_ERROR_CODES.undoRefused, message, hint);
}

export function snapshotMissing(message: string, hint?: string): ShipshapeError {
  return new ShipshapeError(SAFETY_ERROR_CODES.snapshotMissing, message, hint);
}

/** Git's own words, first line, for messages. */
export function gitMessage(error: unknown): string {
  const text = errorMessage(error);
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}
