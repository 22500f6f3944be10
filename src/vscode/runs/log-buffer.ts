// What the run panel keeps of a step's log: the last lines within a line and a size budget, so a
// chatty step costs bounded memory and a bounded DOM. The full log stays on disk.
import { LOG_VIEW_LINES, type LogLine } from '../../protocol/run-panel';

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

/**
 * The lines of a batch the view can show: the last ones within the line and size budgets (at least
 * one). The view keeps only such a tail, so posting more costs the host (serializing the message)
 * and shows nothing more. Returns `lines` itself when it fits.
 */
export function viewTail(lines: readonly LogLine[], limits: ViewLimits = VIEW_LIMITS): readonly LogLine[] {
  let start = Math.max(0, lines.length - limits.maxLines);
  let chars = 0;
  for (let index = lines.length - 1; index >= start; index--) {
    chars += (lines[index] as LogLine).text.length;
    if (chars > limits.maxChars && index < lines.length - 1) {
      start = index + 1;
      break;
    }
  }
  return start === 0 ? lines : lines.slice(start);
}

/** A line as the log file holds it. */
export function lineFromDisk(raw: string): LogLine {
  return raw.startsWith(RUNNER_PREFIX) ? { text: raw.slice(RUNNER_PREFIX.length), stream: 'runner' } : { text: raw, stream: 'stdout' };
}

/** The last lines of a step within the limits, and how many it wrote in all. */
export class BoundedLog {
  private lines: LogLine[] = [];
  private start = 0;
  private chars = 0;
  private written = 0;

  constructor(private readonly limits: ViewLimits = VIEW_LIMITS) {}

  get total(): number {
    return this.written;
  }

  get size(): number {
    return this.lines.length - this.start;
  }

  /** Adds a line (clipped) and returns it as kept. */
  push(line: LogLine): LogLine {
    const kept = clipLine(line, this.limits);
    this.lines.push(kept);
    this.chars += kept.text.length;
    this.written++;
    while (this.size > this.limits.maxLines || (this.chars > this.limits.maxChars && this.size > 1)) {
      this.chars -= (this.lines[this.start] as LogLine).text.length;
      this.start++;
    }
    if (this.start > 1024 && this.start * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.start); // compact now and then: dropping from the front stays cheap
      this.start = 0;
    }
    return kept;
  }

  get shown(): LogLine[] {
    return this.lines.slice(this.start);
  }
}
