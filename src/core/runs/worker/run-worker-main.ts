// The run worker's entry (bundled as dist/run-worker.js): one local run per process, driven over
// Node's IPC channel by run-worker-client.ts. Forked by the editor so that a run never shares the
// extension host's event loop, memory or fate.
import type { FromWorker, ToWorker } from './run-worker-protocol';
import { serveRun } from './run-worker';
import { errorDetails, errorMessage } from '../../errors';

if (!process.send) {
  process.stderr.write('run-worker: start me with child_process.fork (an IPC channel is needed).\n');
  process.exit(2);
}

let lastSent = Promise.resolve();
const send = (message: FromWorker): void => {
  // Messages go out in order, so the last one written means all were.
  lastSent = new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()));
};

const finish = async (): Promise<void> => {
  await lastSent;
  process.disconnect?.();
  setTimeout(() => process.exit(), 1000).unref(); // should a stray handle keep us alive
};

serveRun({
  send,
  onMessage: (listener) => process.on('message', (message) => listener(message as ToWorker)),
  onDisconnect: (listener) => process.on('disconnect', listener),
}).then(finish, async (error: unknown) => {
  process.stderr.write(`run-worker: ${errorDetails(error) ?? errorMessage(error)}\n`);
  process.exitCode = 1;
  await finish();
});
