import { errorMessage, isShipshapeError } from '../../errors';
import { runLocally } from '../local-run';
import { onProcessGroupStarted } from '../process-groups';
import type { RunUpdate } from '../run-types';
import { maskDeep, SecretMasker } from '../secret-masker';
import type { FromWorker, ToWorker, WorkerRunRequest } from './run-worker-protocol';
import { UpdateBatcher } from './update-batcher';

/** The worker's end of the IPC channel (the process object in the child). */
export interface ParentChannel {
  send(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
  /** The editor went away: the run is force-cancelled, cleans up and the worker ends. */
  onDisconnect(listener: () => void): void;
}

/** Serves one run: waits for `start`, streams masked updates in batches, ends with `finished` or `failed`. Resolves when the last message is sent. */
export function serveRun(channel: ParentChannel): Promise<void> {
  const cancel = new AbortController();
  const force = new AbortController();
  let batcher: UpdateBatcher | undefined;
  let started: ((request: WorkerRunRequest) => void) | undefined;
  const request = new Promise<WorkerRunRequest>((resolve) => (started = resolve));
  channel.onMessage((message) => {
    if (message.type === 'start') started?.(message.request);
    else if (message.type === 'cancel') cancel.abort();
    else if (message.type === 'force-cancel') force.abort();
    else if (message.type === 'ack') batcher?.ack();
  });
  channel.onDisconnect(() => {
    cancel.abort();
    force.abort();
  });
  return request.then(async (runRequest) => {
    const masker = new SecretMasker();
    for (const value of Object.values(runRequest.secrets ?? {})) masker.add(value);
    const sending = new UpdateBatcher({ send: (updates) => channel.send({ type: 'updates', updates }) });
    batcher = sending;
    onProcessGroupStarted((group) => channel.send({ type: 'process-group', group }));
    try {
      const record = await runLocally({
        ...runRequest,
        signal: cancel.signal,
        forceSignal: force.signal,
        onUpdate: (update) => sending.push(maskUpdate(update, masker)),
        onWorktree: (worktree) => channel.send({ type: 'worktree', worktree }),
      });
      await sending.drain();
      channel.send({ type: 'finished', record: maskDeep(record, masker) });
    } catch (error) {
      await sending.drain();
      const message = masker.mask(errorMessage(error));
      channel.send({
        type: 'failed',
        message,
        ...(isShipshapeError(error) ? { code: error.code, ...(error.hint ? { hint: masker.mask(error.hint) } : {}) } : {}),
      });
    } finally {
      onProcessGroupStarted(undefined);
    }
  });
}

/**
 * Log lines are masked where they are made; this second pass covers every other string an update
 * carries (outputs, reasons, names), so no secret of the request crosses the IPC channel.
 */
export function maskUpdate(update: RunUpdate, masker: SecretMasker): RunUpdate {
  if (masker.size === 0) return update;
  if (update.type === 'log') return { ...update, lines: update.lines.map((line) => masker.mask(line)) };
  return maskDeep(update, masker);
}
