import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { announceProcessGroup } from './process-groups';
import { errorMessage } from '../errors';

export interface ProcessRunOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The whole environment of the process (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** How long the process group gets between SIGTERM and SIGKILL; 2000 ms unless set. */
  readonly killGraceMs?: number;
  /**
   * Leave what the process started in the background running after it exits normally (a server
   * one step starts and the next one uses); the caller kills `processGroup` later, as GitHub's
   * runner does at the end of the job. Timeouts and cancellation still kill the whole group.
   */
  readonly leaveBackgroundRunning?: boolean;
  /** Called once per complete line (without the line break), in order per stream; a final partial line is flushed at exit. Lines over 64 KiB are split. */
  readonly onLine: (stream: 'stdout' | 'stderr', line: string) => void;
}

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly durationMs: number;
  readonly spawnError?: string;
  /** The process group the process led, for killing background processes later. */
  readonly processGroup?: number;
}

/** Longest line handed to `onLine`, in UTF-16 code units; longer lines arrive in pieces. */
export const MAX_LINE_LENGTH = 64 * 1024;

const DEFAULT_KILL_GRACE_MS = 2000;
/** After the main process exits, how long a background child may keep stdout/stderr open. */
const STDIO_CLOSE_WAIT_MS = 200;
/** After SIGKILL of the group, how long to let the pipes drain before we stop reading. */
const DRAIN_AFTER_KILL_MS = 100;

/**
 * Runs one process in its own process group and reports its output line by line.
 * Never rejects. On timeout or abort the whole group gets SIGTERM, then SIGKILL after
 * the grace; when the process ends, whatever it left running in its group is killed too
 * (as GitHub's runner cleans up orphans), and stdio held open by an escaped grandchild
 * does not keep us waiting.
 */
export function runProcess(options: ProcessRunOptions): Promise<ProcessResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (options.signal?.aborted) {
    return Promise.resolve({ exitCode: null, signal: null, timedOut: false, cancelled: true, durationMs: 0 });
  }

  return new Promise<ProcessResult>((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        env: { ...options.env },
        detached: true, // a new process group (and session), so we can signal everything it starts
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      resolve({ exitCode: null, signal: null, timedOut: false, cancelled: false, durationMs: elapsed(), spawnError: describeSpawnError(error, options) });
      return;
    }

    if (child.pid !== undefined) announceProcessGroup(child.pid);
    const stdout = new LineSplitter((line) => options.onLine('stdout', line));
    const stderr = new LineSplitter((line) => options.onLine('stderr', line));
    let stdoutOpen = true;
    let stderrOpen = true;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let timedOut = false;
    let cancelled = false;
    let terminating = false;
    let graceOver = false;
    let settled = false;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, action: () => void): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, timerDelay(ms));
      timers.add(timer);
    };

    const leaveRunning = (): boolean => options.leaveBackgroundRunning === true && !terminating && !timedOut && !cancelled;
    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // ESRCH: the group is already gone, which is what we want.
      }
    };

    const finish = (spawnError?: string): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      options.signal?.removeEventListener('abort', onAbort);
      if (!leaveRunning()) killGroup('SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
      stdout.flush();
      stderr.flush();
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        cancelled,
        durationMs: elapsed(),
        ...(child.pid === undefined ? {} : { processGroup: child.pid }),
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };
    const finishIfDone = (): void => {
      if (exit && !stdoutOpen && !stderrOpen) finish();
    };
    // Kill what still holds the pipes, give them a moment to drain, then stop reading.
    const forceFinish = (): void => {
      if (leaveRunning()) {
        finish();
        return;
      }
      killGroup('SIGKILL');
      later(DRAIN_AFTER_KILL_MS, () => finish());
    };

    const terminate = (): void => {
      if (terminating || settled) return;
      terminating = true;
      killGroup('SIGTERM');
      later(options.killGraceMs ?? DEFAULT_KILL_GRACE_MS, () => {
        graceOver = true;
        killGroup('SIGKILL');
        if (exit) forceFinish();
      });
    };
    function onAbort(): void {
      if (exit) return; // it finished on its own; we are only collecting the last output
      cancelled = true;
      terminate();
    }

    child.stdout?.on('data', (chunk: Buffer) => stdout.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.write(chunk));
    child.stdout?.on('close', () => {
      stdoutOpen = false;
      finishIfDone();
    });
    child.stderr?.on('close', () => {
      stderrOpen = false;
      finishIfDone();
    });
    child.on('error', (error) => {
      // Only a failed spawn has no pid; other errors (a failed kill) change nothing here.
      if (child.pid === undefined) finish(describeSpawnError(error, options));
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      finishIfDone();
      if (settled) return;
      // While a termination grace runs, its timer decides; otherwise a background
      // child holding stdout gets only a short wait.
      if (!terminating || graceOver) later(STDIO_CLOSE_WAIT_MS, forceFinish);
    });

    if (options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0) {
      later(options.timeoutMs, () => {
        if (exit || settled) return;
        timedOut = true;
        terminate();
      });
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function describeSpawnError(error: unknown, options: ProcessRunOptions): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    // Node reports a missing working directory as ENOENT of the command too.
    if (!existsSync(options.cwd)) return `the working directory "${options.cwd}" does not exist`;
    return `"${options.command}" was not found (is it installed and on PATH?)`;
  }
  if (code === 'EACCES') return `"${options.command}" could not be run: permission denied (is it executable?)`;
  if (code === 'ENOTDIR') return `the working directory "${options.cwd}" is not a directory`;
  const message = errorMessage(error);
  return `"${options.command}" could not be started: ${message}`;
}

/**
 * Turns a byte stream into lines: UTF-8 decoded across chunk boundaries, `\n` or `\r\n`
 * line breaks removed, lines longer than MAX_LINE_LENGTH cut so memory stays bounded.
 */
class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly emit: (line: string) => void) {}

  write(chunk: Buffer): void {
    this.push(this.decoder.write(chunk));
  }

  /** Delivers what is left, a last line without a line break included. */
  flush(): void {
    this.push(this.decoder.end());
    if (this.pending !== '') this.emit(stripCarriageReturn(this.pending));
    this.pending = '';
  }

  private push(text: string): void {
    if (text === '') return;
    const buffer = this.pending + text;
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf('\n', start);
      if (newline === -1) break;
      this.emitLong(buffer.slice(start, newline), true);
      start = newline + 1;
    }
    this.pending = this.emitLong(buffer.slice(start), false);
  }

  /** Emits `line` in pieces of at most MAX_LINE_LENGTH; without `complete`, returns the short tail instead. */
  private emitLong(line: string, complete: boolean): string {
    let rest = line;
    while (rest.length > MAX_LINE_LENGTH) {
      // Never cut between the two halves of a surrogate pair.
      const cut = isHighSurrogate(rest.charCodeAt(MAX_LINE_LENGTH - 1)) ? MAX_LINE_LENGTH - 1 : MAX_LINE_LENGTH;
      this.emit(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (!complete) return rest;
    this.emit(stripCarriageReturn(rest));
    return '';
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** setTimeout fires at once for delays past 2^31 - 1 ms (24.8 days); a longer timeout is as good as none. */
export function timerDelay(ms: number): number {
  return Math.min(Math.max(0, ms), 2_147_483_647);
}
