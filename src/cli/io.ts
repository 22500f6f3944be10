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
