// The messages between the editor and the run worker, a Node child process that runs one local run.
// Everything here crosses Node's IPC channel as JSON: plain data only, no functions or signals.
import type { RunRequest, RunWorktree } from '../local-run';
import type { RunRecord, RunUpdate } from '../run-types';

/** What of a RunRequest travels to the worker: the callbacks and signals stay with the caller. */
export type WorkerRunRequest = Omit<RunRequest, 'signal' | 'forceSignal' | 'onUpdate' | 'onWorktree'>;

/** Editor -> worker. Secrets travel only here, inside `start`: never in argv or the environment. */
export type ToWorker =
  | { readonly type: 'start'; readonly request: WorkerRunRequest }
  /** GitHub's cancel: always() steps still run. */
  | { readonly type: 'cancel' }
  /** The second cancel: everything stops. */
  | { readonly type: 'force-cancel' }
  /** The editor has handled the last batch; the worker may send the next. */
  | { readonly type: 'ack' };

/** Worker -> editor. */
export type FromWorker =
  /** Run updates in order, secrets already masked; at most one batch is unacknowledged. */
  | { readonly type: 'updates'; readonly updates: readonly RunUpdate[] }
  /** Where the isolated copy goes, before it is made. */
  | { readonly type: 'worktree'; readonly worktree: RunWorktree }
  /** A process group a step started: the editor kills it should the worker die. */
  | { readonly type: 'process-group'; readonly group: number }
  | { readonly type: 'finished'; readonly record: RunRecord }
  /** The run could not start (no repository, a workflow not in the commit...). */
  | { readonly type: 'failed'; readonly message: string; readonly code?: string; readonly hint?: string };
