import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FromValidationWorker, ToValidationWorker, ValidationRequest } from './protocol';
import type { Logger } from '../../logger';
import type { Finding } from '../finding';
import type { PipelineKind } from '../pipeline-kind';
import type { WorkflowOutline } from '../workflow-outline';
import type { AzureOutline } from '../azure/pipeline-outline';
import type { GitLabOutline } from '../gitlab/pipeline-outline';
import { SupersedingQueue } from './superseding-queue';
import { serveValidation } from './validation-server';
import { errorMessage } from '../../errors';

/** What became of one validate() call. */
export type ValidationOutcome =
  | {
      readonly status: 'done';
      readonly kind: PipelineKind | undefined;
      readonly findings: readonly Finding[];
      readonly outline?: WorkflowOutline;
      readonly azureOutline?: AzureOutline;
      readonly gitlabOutline?: GitLabOutline;
    }
  /** A newer request for the same file replaced it, or it was cancelled. */
  | { readonly status: 'superseded' }
  /** The queue was full and it was the oldest waiting. */
  | { readonly status: 'dropped' }
  | { readonly status: 'failed'; readonly message: string };

export interface ValidationClientOptions {
  /** The bundled worker script (dist/validation-worker.js). */
  readonly workerPath: string;
  readonly logger: Logger;
  /** Requests waiting to be sent (one per file); default 4,000. */
  readonly maxQueued?: number;
  /** Requests the worker holds at once; a few keep it busy while answers travel back. Default 2. */
  readonly maxInFlight?: number;
  /** Restarts after crashes before validation moves into this thread; default 5. */
  readonly maxRestarts?: number;
}

interface Job {
  readonly id: number;
  readonly request: ValidationRequest;
  readonly resolve: (outcome: ValidationOutcome) => void;
  /** The caller has its answer (superseded, cancelled): the worker's reply only frees the slot. */
  settled: boolean;
  /** How many workers died while holding it: a file that kills the worker twice is given up. */
  crashes: number;
}

/**
 * Validates pipeline files in a worker thread so the caller's thread (the
 * extension host) never runs the rules. One pending request per file, newest
 * wins; urgent requests (open documents) before background ones (the index).
 * A worker that dies is restarted (logged); one that cannot start, or keeps
 * dying, is replaced by validation in this thread, with a warning.
 */
export class ValidationClient {
  private readonly queue: SupersedingQueue<Job>;
  private readonly inFlight = new Map<number, Job>();
  private readonly inFlightByPath = new Map<string, Job>();
  private worker: Worker | undefined;
  /** The worker said it loaded: a death after that is a crash, before it a failure to start. */
  private online = false;
  private lastError = '';
  private restarts = 0;
  /** The fallback: the same server, fed in this thread. */
  private local: EventEmitter | undefined;
  private nextId = 0;
  private disposed = false;

  constructor(private readonly options: ValidationClientOptions) {
    this.queue = new SupersedingQueue(options.maxQueued ?? 4000);
  }

  /** Where validation runs now. */
  get mode(): 'worker' | 'in-process' | 'not started' {
    return this.local ? 'in-process' : this.worker ? 'worker' : 'not started';
  }

  /** Validates one file's text; a newer request for the same path supersedes this one. */
  validate(request: ValidationRequest, urgent = false): Promise<ValidationOutcome> {
    if (this.disposed) return Promise.resolve({ status: 'superseded' });
    return new Promise((resolve) => {
      this.cancel(request.path);
      const job: Job = { id: ++this.nextId, request, resolve, settled: false, crashes: 0 };
      const { dropped } = this.queue.push(request.path, job, urgent);
      dropped?.resolve({ status: 'dropped' });
      this.pump();
    });
  }

  /** Settles the pending request for `path` as superseded and stops its linters. */
  cancel(path: string): void {
    this.queue.take(path)?.resolve({ status: 'superseded' });
    const running = this.inFlightByPath.get(path);
    if (!running) return;
    this.settle(running, { status: 'superseded' });
    this.post({ type: 'cancel', id: running.id });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (let job = this.queue.shift(); job; job = this.queue.shift()) job.resolve({ status: 'superseded' });
    for (const job of this.inFlight.values()) this.settle(job, { status: 'superseded' });
    this.inFlight.clear();
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private pump(): void {
    const max = this.options.maxInFlight ?? 2;
    while (!this.disposed && this.inFlight.size < max) {
      const job = this.queue.shift();
      if (!job) return;
      this.inFlight.set(job.id, job);
      this.inFlightByPath.set(job.request.path, job);
      this.post({ type: 'validate', id: job.id, request: job.request });
    }
  }

  private post(message: ToValidationWorker): void {
    if (this.local) this.local.emit('message', message);
    else (this.worker ?? this.startWorker())?.postMessage(message);
  }

  private answer(message: Exclude<FromValidationWorker, { type: 'ready' }>): void {
    const job = this.inFlight.get(message.id);
    if (!job) return;
    this.inFlight.delete(message.id);
    this.settle(
      job,
      message.type === 'result'
        ? {
            status: 'done',
            kind: message.kind,
            findings: message.findings,
            ...(message.outline ? { outline: message.outline } : {}),
            ...(message.azureOutline ? { azureOutline: message.azureOutline } : {}),
            ...(message.gitlabOutline ? { gitlabOutline: message.gitlabOutline } : {}),
          }
        : { status: 'failed', message: message.message },
    );
    this.pump();
  }

  private settle(job: Job, outcome: ValidationOutcome): void {
    if (this.inFlightByPath.get(job.request.path) === job) this.inFlightByPath.delete(job.request.path);
    if (job.settled) return;
    job.settled = true;
    job.resolve(outcome);
  }

  private startWorker(): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerPath);
    } catch (error) {
      this.fallBack(`the validation worker could not start (${errorMessage(error)})`);
      return undefined;
    }
    this.worker = worker;
    this.online = false;
    worker.unref(); // never keeps the host (or a test run) alive
    worker.on('message', (message: FromValidationWorker) => {
      if (message.type === 'ready') this.online = true;
      else this.answer(message);
    });
    worker.on('error', (error: Error) => {
      this.lastError = error.message;
      this.options.logger.error(`Validation worker error: ${error.message}`);
    });
    worker.on('exit', (code) => this.exited(worker, code));
    return worker;
  }

  /** A worker we did not stop ended: start another (or fall back) and send its work again. */
  private exited(worker: Worker, code: number): void {
    if (this.disposed || worker !== this.worker) return;
    this.worker = undefined;
    if (!this.online) this.fallBack(`the validation worker could not start (exit code ${code}${this.lastError ? `: ${this.lastError}` : ''})`);
    else if (++this.restarts > (this.options.maxRestarts ?? 5)) this.fallBack(`the validation worker stopped ${this.restarts} times`);
    else this.options.logger.warn(`Validation worker stopped (exit code ${code}); restarting it`);
    const lost = [...this.inFlight.values()];
    this.inFlight.clear();
    this.inFlightByPath.clear();
    for (const job of lost) this.resend(job, this.online);
    this.pump();
  }

  private resend(job: Job, crashed: boolean): void {
    if (job.settled) return;
    if (crashed) job.crashes++;
    if (job.crashes >= 2) job.resolve({ status: 'failed', message: 'the validation worker stopped twice while validating this file' });
    else if (this.queue.has(job.request.path)) job.resolve({ status: 'superseded' });
    else this.queue.push(job.request.path, job, true).dropped?.resolve({ status: 'dropped' });
  }

  private fallBack(reason: string): void {
    this.options.logger.warn(`Validating pipeline files in the extension host instead: ${reason}`);
    const local = new EventEmitter();
    serveValidation({ on: (event, listener) => local.on(event, listener), postMessage: (message) => message.type !== 'ready' && this.answer(message) });
    this.local = local;
  }
}
