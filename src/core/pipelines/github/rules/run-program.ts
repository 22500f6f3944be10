import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { concurrencyLimit } from '../../../concurrency/limit';
import type { ProgramOutput } from './external-program';

/** How far one linter run may go: an editor re-checks on every pause in typing. */
export interface ProgramLimits {
  readonly timeoutMs: number;
  /** stdout and stderr together; more means the run is given up (a cut report cannot be read). */
  readonly maxOutputBytes: number;
}

export const PROGRAM_LIMITS: ProgramLimits = { timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 };
/** Linter processes running at once, across all files being validated. */
export const MAX_PROGRAMS_AT_ONCE = 4;
const CACHE_LIMIT = 500;

const limited = concurrencyLimit(MAX_PROGRAMS_AT_ONCE);
const results = new Map<string, ProgramOutput | undefined>();

/**
 * Runs a program asynchronously with an argument array (never through a
 * shell), `input` on stdin, in the temp folder, within `limits`. Undefined
 * when it could not start, timed out, printed too much, was killed or the
 * signal aborted it. Finished results are remembered by input: editors
 * re-check unchanged scripts on every keystroke.
 */
export async function runProgram(
  program: string,
  args: readonly string[],
  input: string,
  signal?: AbortSignal,
  limits: ProgramLimits = PROGRAM_LIMITS,
): Promise<ProgramOutput | undefined> {
  const key = [program, ...args, input].join('\0');
  if (results.has(key)) return results.get(key);
  const outcome = await limited(() => (signal?.aborted ? Promise.resolve('aborted' as const) : spawnOnce(program, args, input, signal, limits)));
  if (outcome === 'aborted') return undefined; // not the program's answer: not remembered
  if (results.size >= CACHE_LIMIT) results.delete(results.keys().next().value as string);
  results.set(key, outcome);
  return outcome;
}

function spawnOnce(
  program: string,
  args: readonly string[],
  input: string,
  signal: AbortSignal | undefined,
  limits: ProgramLimits,
): Promise<ProgramOutput | undefined | 'aborted'> {
  return new Promise((resolve) => {
    // Its own process group (POSIX), so a kill reaches whatever it started too.
    const child = spawn(program, [...args], {
      cwd: tmpdir(),
      windowsHide: true,
      shell: false,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (outcome: ProgramOutput | undefined | 'aborted') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    // Settles at once: a killed program's pipes may stay open while its children die.
    const stop = (outcome: undefined | 'aborted') => {
      settle(outcome);
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const timer = setTimeout(() => stop(undefined), limits.timeoutMs);
    const onAbort = () => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.maxOutputBytes) stop(undefined);
      else into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    // A program that exits without reading its input closes the pipe: not an error of ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('error', () => settle(undefined));
    child.on('close', (status) =>
      settle(status === null ? undefined : { status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}
