import { constants } from 'node:os';
import type { Writable } from 'node:stream';
import { errorMessage } from '../core/errors';
import { printable } from '../core/printable';

/** Where the CLI writes; tests pass a recorder, the binary passes the process streams. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  /** `--untrusted` or SHIPSHAPE_UNTRUSTED=1: read-only commands harden git; the others refuse. */
  readonly untrusted?: boolean;
  /** The environment (process.env when absent). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Prints lines of human-readable output, each made printable: repository text inside cannot add lines or escape sequences. */
export function printLines(io: CliIo, ...lines: readonly string[]): void {
  io.out(lines.map((line) => `${printable(line)}\n`).join(''));
}

/** The exit codes every subcommand shares. */
export const ExitCode = {
  ok: 0,
  findings: 1, // findings reported, or the requested work failed
  usage: 2, // bad arguments or an environment problem (no git, not a repository)
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code of a command a signal stopped once it cleaned up: 128 + the signal's number, as a shell reports a process the signal killed. */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

/** Errors that only mean nobody reads any more: the pipe's reader left (`| head`), the terminal went away. */
const READER_GONE = new Set(['EPIPE', 'EIO', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

/**
 * Writes to `stream` until it fails, then drops the rest: a reader closing the pipe (`shipshape run
 * | head -2`) or a terminal going away must not stop the command, whose work (a run, its record,
 * cleaning its copy) goes on and whose exit code still tells the outcome. `onLost` hears a failure
 * other than a reader leaving (a full disk under `> file`).
 */
export function guardedWriter(stream: Writable, onLost: (error: NodeJS.ErrnoException) => void = () => undefined): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    if (!READER_GONE.has(error.code ?? '')) onLost(error);
  });
  return (text) => {
    if (open && !stream.destroyed) stream.write(text);
  };
}

/** The binary's io: this process's streams, each guarded; a lost stdout is said on stderr unless its reader just left. */
export function processIo(): CliIo {
  const err = guardedWriter(process.stderr);
  const out = guardedWriter(process.stdout, (error) => err(`shipshape: output stopped: ${errorMessage(error)}\n`));
  return { out, err, cwd: process.cwd() };
}
