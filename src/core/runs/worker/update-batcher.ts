import type { RunUpdate } from '../run-types';

export interface BatcherOptions {
  /** Sends one batch; the batcher sends no other until `ack()` says it was handled. */
  readonly send: (updates: RunUpdate[]) => void;
  /** How long updates wait for company before a batch goes (a full batch goes at once). */
  readonly intervalMs?: number;
  /** Most updates (each log line counts as one), and most log characters, in one batch. */
  readonly maxBatch?: number;
  readonly maxBatchChars?: number;
  /** Log waiting to be sent beyond which new lines are only counted, not queued. */
  readonly maxPendingChars?: number;
}

// Grouped per step, a batch of 500 lines parses on the editor's side in a fraction of a millisecond
// (one string per line, no object per line). Larger batches (2,000 lines) let ~3x more of a flood
// reach the editor live, which cost it more in all (garbage collection: 752 ms busy of a 50 MB run
// against 487 ms at 500; bench/README.md); the panel shows at most 2,000 lines a second anyway.
const DEFAULTS = { intervalMs: 50, maxBatch: 500, maxBatchChars: 128 * 1024, maxPendingChars: 8 * 1024 * 1024 };

type LogUpdate = Extract<RunUpdate, { type: 'log' }>;

const charsOf = (lines: readonly string[]): number => {
  let chars = 0;
  for (const line of lines) chars += line.length;
  return chars;
};

/** What an update counts for in a batch: its lines for a log update, else one. */
const unitsOf = (update: RunUpdate): number => (update.type === 'log' ? update.lines.length : 1);

/**
 * A batch with its log lines grouped: consecutive lines of one step and stream become one update
 * holding them all, even when other steps' lines come between (parallel jobs). Any other update
 * closes every group, so each step's lines stay in order among themselves and against every
 * non-log update; only lines of different steps may trade places. Pure; the input is not changed.
 */
export function groupLogUpdates(updates: readonly RunUpdate[]): RunUpdate[] {
  const grouped: RunUpdate[] = [];
  /** The group a step's next line may join: step -> (its stream, its lines). */
  const open = new Map<string, { stream: LogUpdate['stream']; lines: string[] }>();
  for (const update of updates) {
    if (update.type !== 'log') {
      open.clear();
      grouped.push(update);
      continue;
    }
    const step = `${update.key}\u0000${update.index}`;
    const group = open.get(step);
    if (group && group.stream === update.stream) {
      for (const line of update.lines) group.lines.push(line);
      continue;
    }
    const lines = [...update.lines];
    open.set(step, { stream: update.stream, lines });
    grouped.push({ type: 'log', key: update.key, index: update.index, stream: update.stream, lines });
  }
  return grouped;
}

/** What the receiver shows in place of the lines a busy receiver did not get live. */
export const skippedNote = (count: number): string => `${count} line(s) not streamed live (the editor was busy); the step's log file has every line.`;

/**
 * Run updates for a slow receiver across an IPC hop: batched every interval, one batch in flight
 * until acknowledged (backpressure), each batch's log lines grouped per step (groupLogUpdates), and,
 * while the receiver lags by more than the pending limit, log lines counted instead of queued and
 * replaced by one note per step. Everything but log lines always goes through, in order. Log files on disk are written before this and stay complete.
 */
export class UpdateBatcher {
  private readonly options: typeof DEFAULTS & BatcherOptions;
  private queue: RunUpdate[] = [];
  /** Updates queued, each log line counted. */
  private queuedUnits = 0;
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
        this.countSkipped(update.key, update.index, update.lines.length);
        return;
      }
      this.queueSkippedNote(update.key, update.index);
      this.pendingChars += charsOf(update.lines);
    } else if (update.type === 'step-finished') {
      this.queueSkippedNote(update.key, update.result.index);
    }
    this.enqueue(update);
    if (this.queuedUnits >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs);
  }

  /** The receiver handled the last batch. */
  ack(): void {
    this.inFlight = false;
    if (this.queue.length === 0) {
      const drained = this.drained;
      this.drained = undefined;
      drained?.();
    } else if (this.queuedUnits >= this.options.maxBatch || this.drained) this.flush();
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
    let units = 0;
    let chars = 0;
    while (count < this.queue.length && units < this.options.maxBatch && chars < this.options.maxBatchChars) {
      const update = this.queue[count++] as RunUpdate;
      units += unitsOf(update);
      if (update.type === 'log') chars += charsOf(update.lines);
    }
    const batch = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    this.queuedUnits -= units;
    this.pendingChars -= chars;
    this.inFlight = true;
    this.options.send(groupLogUpdates(batch));
  }

  private enqueue(update: RunUpdate): void {
    this.queue.push(update);
    this.queuedUnits += unitsOf(update);
  }

  private countSkipped(key: string, index: number, lines: number): void {
    const id = `${key}\u0000${index}`;
    const entry = this.skipped.get(id) ?? { key, index, count: 0 };
    entry.count += lines;
    this.skipped.set(id, entry);
  }

  private queueSkippedNote(key: string, index: number): void {
    const id = `${key}\u0000${index}`;
    const entry = this.skipped.get(id);
    if (!entry) return;
    this.skipped.delete(id);
    this.enqueue({ type: 'log', key, index, stream: 'runner', lines: [skippedNote(entry.count)] });
  }
}
