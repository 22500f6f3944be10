import { setMaxListeners } from 'node:events';

export interface CombinedSignal {
  readonly signal: AbortSignal;
  /** Stops listening to the sources; call it when the work the signal guards is over. */
  readonly dispose: () => void;
}

/**
 * A signal that aborts when any of `sources` does, with that source's reason. (AbortSignal.any is
 * not in Node 20's types here, and its listeners could not be removed from long-lived run signals.)
 */
export function anySignal(...sources: readonly AbortSignal[]): CombinedSignal {
  const controller = new AbortController();
  // Every step of a job (and of each nested composite action) listens to it.
  setMaxListeners(0, controller.signal);
  const aborted = sources.find((source) => source.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  const listeners = sources.map((source) => [source, () => controller.abort(source.reason)] as const);
  const dispose = () => {
    for (const [source, listener] of listeners) source.removeEventListener('abort', listener);
  };
  for (const [source, listener] of listeners) source.addEventListener('abort', listener, { once: true });
  controller.signal.addEventListener('abort', dispose, { once: true });
  return { signal: controller.signal, dispose };
}

/** A signal that never aborts: for work only a force-cancel or a timeout may stop. */
export const NEVER: AbortSignal = new AbortController().signal;

/** Why a signal aborted, in words: its reason when that is text, else "cancelled". */
export const abortReason = (signal: AbortSignal): string => (typeof signal.reason === 'string' ? signal.reason : 'cancelled');
