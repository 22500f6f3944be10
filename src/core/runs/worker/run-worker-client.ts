import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ShipshapeError, type ErrorCode } from '../../errors';
import type { RunRequest, RunWorktree } from '../local-run';
import { removeJobTemps } from '../job-temp';
import { removeRunRepository } from '../run-repository';
import { RunStore } from '../run-store';
import type { RunRecord, RunUpdate } from '../run-types';
import { killStrayProcesses, runMarkerPrefix } from '../stray-processes';
import { RunProgress } from './crashed-run';
import type { FromWorker, ToWorker, WorkerRunRequest } from './run-worker-protocol';

export interface WorkerOptions {
  /** The worker's entry: dist/run-worker.js in the extension. */
  readonly workerPath: string;
  /** Node options of the worker (tests load TypeScript with tsx). */
  readonly execArgv?: readonly string[];
  /** Every message the worker sends, as it arrives (tests look at what crossed the channel). */
  readonly onMessage?: (message: FromWorker) => void;
}

/** How much of the worker's stderr is kept to explain a crash. */
const STDERR_TAIL = 4096;

/**
 * runLocally, in a child process: same request, same updates, same record. The editor's event
 * loop only receives batches of updates; cancel and force-cancel travel as messages. Should the
 * worker die, whatever its steps started is killed, the run is recorded as failed with the reason
 * and its isolated copy is removed (or kept, as `keepWorktree` says).
 */
export function runInWorker(request: RunRequest, options: WorkerOptions): Promise<RunRecord> {
  const { signal, forceSignal, onUpdate, onWorktree, ...plain } = request;
  const child = fork(options.workerPath, [], {
    execArgv: [...(options.execArgv ?? [])],
    // Electron's node (desktop VS Code) runs a script only with this; secrets never go in the env.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const progress = new RunProgress();
  const groups = new Set<number>();
  let worktree: RunWorktree | undefined;
  let stderr = '';
  let outcome: { record: RunRecord } | { error: Error } | undefined;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_TAIL)));

  const post = (message: ToWorker): void => {
    if (child.connected) child.send(message, (error) => void error); // a closed channel is reported by 'close'
  };
  const onCancel = () => post({ type: 'cancel' });
  const onForce = () => post({ type: 'force-cancel' });
  const deliver = (update: RunUpdate): void => {
    progress.fold(update);
    try {
      onUpdate?.(update);
    } catch {
      // As in-process: a listener's failure never stops the run it watches.
    }
  };

  child.on('message', (raw) => {
    const message = raw as FromWorker;
    options.onMessage?.(message);
    switch (message.type) {
      case 'updates':
        for (const update of message.updates) deliver(update);
        post({ type: 'ack' });
        return;
      case 'worktree':
        worktree = message.worktree;
        onWorktree?.(message.worktree);
        return;
      case 'process-group':
        groups.add(message.group);
        return;
      case 'finished':
        outcome = { record: message.record };
        return;
      case 'failed':
        outcome = { error: message.code ? new ShipshapeError(message.code as ErrorCode, message.message, message.hint) : new Error(message.message) };
        return;
    }
  });

  const start: WorkerRunRequest = plain;
  post({ type: 'start', request: start });
  if (signal?.aborted) onCancel();
  if (forceSignal?.aborted) onForce();
  signal?.addEventListener('abort', onCancel, { once: true });
  forceSignal?.addEventListener('abort', onForce, { once: true });

  return new Promise<RunRecord>((resolve, reject) => {
    let spawnError: Error | undefined;
    child.on('error', (error) => (spawnError ??= error));
    child.on('close', (code, exitSignal) => {
      signal?.removeEventListener('abort', onCancel);
      forceSignal?.removeEventListener('abort', onForce);
      if (outcome && 'record' in outcome) return resolve(outcome.record);
      if (outcome) return reject(outcome.error);
      const how = exitSignal ? `was killed (${exitSignal})` : `exited with code ${code}`;
      const detail = spawnError ? `: ${spawnError.message}` : stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : '';
      const reason = `the process running the run ${how}${detail}`;
      endCrashedRun({ request, progress, groups, worktree, reason, deliver }).then(
        (record) => (record ? resolve(record) : reject(new Error(`The run could not start: ${reason}.`))),
        reject,
      );
    });
  });
}

interface CrashedRun {
  readonly request: RunRequest;
  readonly progress: RunProgress;
  readonly groups: ReadonlySet<number>;
  readonly worktree: RunWorktree | undefined;
  readonly reason: string;
  readonly deliver: (update: RunUpdate) => void;
}

/** The worker died mid-run: stop what it started, clean up or keep its copy, record and announce the failed run. */
async function endCrashedRun({ request, progress, groups, worktree, reason, deliver }: CrashedRun): Promise<RunRecord | undefined> {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // ESRCH: that step's processes are gone already.
    }
  }
  if (progress.runId !== undefined) await killStrayProcesses(runMarkerPrefix(progress.runId));
  const keep = request.keepWorktree === 'always' || request.keepWorktree === 'on-failure'; // a crashed run has failed
  let kept: string | undefined;
  if (worktree && keep && existsSync(worktree.workspace)) kept = worktree.workspace;
  else if (worktree) {
    removeRunRepository(worktree.workspace);
    await rm(dirname(worktree.workspace), { recursive: true, force: true }).catch(() => undefined);
  }
  if (progress.runDir) await removeJobTemps(progress.runDir);
  const record = progress.crashRecord(reason, kept);
  if (!record) return undefined;
  try {
    new RunStore(request.storeDir, request.retain).save(record);
  } catch {
    // The record still reaches the caller; only the history misses it.
  }
  deliver({ type: 'run-finished', record });
  return record;
}
