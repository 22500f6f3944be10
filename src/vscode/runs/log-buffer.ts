// What the run panel keeps of a step's log: the last lines within a line and a size budget, so a
// chatty step costs bounded memory and a bounded DOM. The full log stays on disk.
import { LOG_VIEW_LINES, type LogLine, type LogStream } from '../../protocol/run-panel';

export interface ViewLimits {
  readonly maxLines: number;
  /** Characters (UTF-16 units), a close stand-in for bytes. */
  readonly maxChars: number;
  readonly maxLineChars: number;
}

export const VIEW_LIMITS: ViewLimits = { maxLines: LOG_VIEW_LINES, maxChars: 2 * 1024 * 1024, maxLineChars: 4_000 };

/** The runner's own notes are written to disk with this prefix; live updates carry the stream instead. */
export const RUNNER_PREFIX = '##[shipshape] ';

/** A very long line is cut in view: a minified bundle printed to stdout must not stall the panel. */
export function clipLine(line: LogLine, limits: ViewLimits = VIEW_LIMITS): LogLine {
  if (line.text.length <= limits.maxLineChars) return line;
  return { ...line, text: `${line.text.slice(0, limits.maxLineChars)} … [${line.text.length - limits.maxLineChars} more characters in the full log]` };
}

/** A line as the log file holds it. */
export function lineFromDisk(raw: string): LogLine {
  return raw.startsWith(RUNNER_PREFIX) ? { text: raw.slice(RUNNER_PREFIX.length), stream: 'runner' } : { text: raw, stream: 'stdout' };
}

/** Lines of one stream appended together; `start` moves past the lines dropped from the front. */
interface Chunk {
  readonly stream: LogStream;
  readonly lines: readonly string[];
  start: number;
  /** Characters of the lines from `start` on. */
  chars: number;
}

/**
 * The last lines of a step within the limits, and how many it wrote in all. Lines are kept in the
 * chunks they arrived in (no object per line): appending a chunk costs at most the lines that can
 * stay, and `LogLine`s are made only for what is read (`shown`, `tail`).
 */
export class BoundedLog {
  private chunks: Chunk[] = [];
  private head = 0;
  private kept = 0;
  private chars = 0;
  private written = 0;

  constructor(private readonly limits: ViewLimits = VIEW_LIMITS) {}

  /** Lines written so far, kept or not. */
  get total(): number {
    return this.written;
  }

  /** Lines kept. */
  get size(): number {
    return this.kept;
  }

  /** Chunk slots held, dropped ones included until the next compaction: what the log's memory grows with. */
  get slots(): number {
    return this.chunks.length;
  }

  /** Adds lines of one stream, in order; very long ones are clipped. */
  append(stream: LogStream, lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.written += lines.length;
    let tail = lines.length > this.limits.maxLines ? lines.slice(-this.limits.maxLines) : lines;
    if (tail.some((text) => text.length > this.limits.maxLineChars)) tail = tail.map((text) => clipLine({ text, stream }, this.limits).text);
    const chars = charsOf(tail);
    this.chunks.push({ stream, lines: tail, start: 0, chars });
    this.kept += tail.length;
    this.chars += chars;
    this.trim();
  }

  /** The kept lines, oldest first. */
  get shown(): LogLine[] {
    return this.tail(this.kept);
  }

  /** The last `count` kept lines (fewer when fewer are kept), oldest first. */
  tail(count: number): LogLine[] {
    const out: LogLine[] = [];
    let skip = this.kept - Math.min(Math.max(0, count), this.kept);
    for (let index = this.head; index < this.chunks.length; index++) {
      const chunk = this.chunks[index] as Chunk;
      const available = chunk.lines.length - chunk.start;
      if (skip >= available) {
        skip -= available;
        continue;
      }
      for (let line = chunk.start + skip; line < chunk.lines.length; line++) out.push({ text: chunk.lines[line] as string, stream: chunk.stream });
      skip = 0;
    }
    return out;
  }

  private trim(): void {
    const { maxLines, maxChars } = this.limits;
    while (this.kept > maxLines || (this.chars > maxChars && this.kept > 1)) {
      const chunk = this.chunks[this.head] as Chunk;
      const available = chunk.lines.length - chunk.start;
      if (this.kept - available >= maxLines) {
        // The line budget alone drops the whole chunk: no need to go line by line.
        this.dropChunk(chunk, available);
        continue;
      }
      const text = chunk.lines[chunk.start] as string;
      chunk.start++;
      chunk.chars -= text.length;
      this.chars -= text.length;
      this.kept--;
      if (chunk.start === chunk.lines.length) this.dropChunk(chunk, 0);
    }
    if (this.head > 64 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head); // compact now and then: dropping from the front stays cheap
      this.head = 0;
    }
  }

  private dropChunk(chunk: Chunk, lines: number): void {
    this.kept -= lines;
    this.chars -= chunk.chars;
    chunk.chars = 0;
    this.head++;
  }
}

function charsOf(lines: readonly string[]): number {
  let chars = 0;
  for (const line of lines) chars += line.length;
  return chars;
}

/** How many lines a second a panel is sent of a live step: a burst at once, then a steady rate. */
export interface LineRate {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * What a live step's panel may be sent. More than a person can read, far fewer than a flood
 * prints (a 50 MB base64 step writes ~150,000 lines a second): posting a webview message costs the
 * extension host in proportion to its lines. The step's end still shows its exact last lines.
 */
export const PANEL_LINE_RATE: LineRate = { perSecond: 2_000, burst: 2_000 };

/** Lines that may be sent now, as of `at` (ms). */
export interface LineAllowance {
  readonly lines: number;
  readonly at: number;
}

/**
 * A token bucket: how many of `wanted` lines may be sent at `now` (ms) and the allowance left.
 * No allowance yet means a full burst; it refills at `perSecond` up to `burst`. Pure.
 */
export function takeLines(
  allowance: LineAllowance | undefined,
  now: number,
  wanted: number,
  rate: LineRate = PANEL_LINE_RATE,
): { granted: number; left: LineAllowance } {
  const elapsed = allowance ? Math.max(0, now - allowance.at) : 0;
  const available = allowance ? Math.min(rate.burst, allowance.lines + (elapsed * rate.perSecond) / 1000) : rate.burst;
  const granted = Math.max(0, Math.min(Math.floor(wanted), Math.floor(available)));
  return { granted, left: { lines: available - granted, at: now } };
}

/** A live step's log in a panel: the rate cap's allowance, and whether the view missed a line. */
export interface LiveLogState {
  readonly allowance: LineAllowance | undefined;
  /** Some line was never posted since the view's log was last reset: the view has a gap. */
  readonly gapped: boolean;
}

export const FRESH_LIVE_LOG: LiveLogState = { allowance: undefined, gapped: false };

/**
 * What one flush of a panel posts, given the lines waiting (`kept` of the `written` since the last
 * flush, the rest beyond the view's budget): live, the newest lines the rate cap allows
 * (`append`, possibly none); at the step's end, the rest (`append`), or the step's exact last lines
 * (`tail`) when the view missed any, so the finished step shows its true tail. Pure.
 */
export function planFlush(
  state: LiveLogState,
  waiting: { readonly kept: number; readonly written: number },
  live: boolean,
  now: number,
  rate: LineRate = PANEL_LINE_RATE,
): { post: 'append' | 'tail'; count: number; state: LiveLogState } {
  let gapped = state.gapped || waiting.written > waiting.kept;
  if (!live) return gapped ? { post: 'tail', count: 0, state: FRESH_LIVE_LOG } : { post: 'append', count: waiting.kept, state };
  const { granted, left } = takeLines(state.allowance, now, waiting.kept, rate);
  gapped ||= granted < waiting.kept;
  return { post: 'append', count: granted, state: { allowance: left, gapped } };
}
