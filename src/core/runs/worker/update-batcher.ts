import type { RunUpdate } from '../run-types';

export interface BatcherOptions {
  /** Sends one batch; the batcher sends no other until `ack()` says it was handled. */
  readonly send: (updates: RunUpdate[]) => void;
  /** How long updates wait for company before a batch goes (a full batch goes at once). */
  readonly intervalMs?: number;
  /** Most updates, and most log characters, in one batch. */
  readonly maxBatch?: number;
  readonly maxBatchChars?: number;
  /** Log waiting to be sent beyond which new lines are only counted, not queued. */
  readonly maxPendingChars?: number;
}

const DEFAULTS = { intervalMs: 50, maxBatch: 500, maxBatchChars: 128 * 1024, maxPendingChars: 8 * 1024 * 1024 };

/** What the receiver shows in place of the lines a busy receiver did not get live. */
export const skippedNote = (count: number): string => `${count} line(s) not streamed live (the editor was busy); the step's log file has every line.`;

/**
 * Run updates for a slow receiver across an IPC hop: batched every interval, one batch in flight
 * until acknowledged (backpressure), and, while the receiver lags by more than the pending limit,
 * log lines counted instead of queued and replaced by one note per step. Everything but log lines
 * always goes through, in order. Log files on disk are written before this and stay complete.
 */
export class UpdateBatcher {
  private readonly options: typeof DEFAULTS & BatcherOptions;
  private queue: RunUpdate[] = [];
  private pendingChars = 0;
  private inFlight = false;
  private timer: NodeJS.Timeout | undefined;
  /** Lines not queued per step (job key + index), noted before the step's next queued update. */
  private readonly skipped = new Map<string, { key: string; index: number; count: number }>();
  private drained: (() => void) | undefined;

  constructor(options: BatcherOptions) {
    this.options = { ...DEFAULTS, ...options };
  }

  push(update: RunUpdate): void {
    if (update.type === 'log') {
      if (this.pendingChars >= this.options.maxPendingChars) {
        this.countSkipped(update.key, update.index);
        return;
      }
      this.queueSkippedNote(update.key, update.index);
      this.pendingChars += update.line.length;
    } else if (update.type === 'step-finished') {
      this.queueSkippedNote(update.key, update.result.index);
    }
    this.queue.push(update);
    if (this.queue.length >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs);
  }

  /** The receiver handled the last batch. */
  ack(): void {
    this.inFlight = false;
    if (this.queue.length === 0) {
      const drained = this.drained;
      this.drained = undefined;
      drained?.();
    } else if (this.queue.length >= this.options.maxBatch || this.drained) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs);
  }

  /** Resolves when everything pushed so far was sent and acknowledged. */
  drain(): Promise<void> {
    for (const { key, index } of [...this.skipped.values()]) this.queueSkippedNote(key, index);
    if (this.queue.length === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => {
      this.drained = resolve;
      this.flush();
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.queue.length === 0) return;
    let count = 0;
    let chars = 0;
    while (count < this.queue.length && count < this.options.maxBatch && chars < this.options.maxBatchChars) {
      const update = this.queue[count++] as RunUpdate;
      if (update.type === 'log') chars += update.line.length;
    }
    const batch = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    this.pendingChars -= chars;
    this.inFlight = true;
    this.options.send(batch);
  }

  private countSkipped(key: string, index: number): void {
    const id = `${key}\u0000${index}`;
    const entry = this.skipped.get(id) ?? { key, index, count: 0 };
    entry.count++;
    this.skipped.set(id, entry);
  }

  private queueSkippedNote(key: string, index: number): void {
    const id = `${key}\u0000${index}`;
    const entry = this.skipped.get(id);
    if (!entry) return;
    this.skipped.delete(id);
    this.queue.push({ type: 'log', key, index, stream: 'runner', line: skippedNote(entry.count) });
  }
}
