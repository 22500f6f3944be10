import { describeError, isShipshapeError, ShipshapeError } from '../core/errors';
import { isGitError } from '../core/git/git-error';
import { readProductVersion } from '../core/product';
import { USAGE } from './help';
import { ExitCode, processIo, type CliIo } from './io';
import { tuneForShortProcess } from './short-process-tuning';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/**
 * Each command's module, loaded when it runs: a process loads only its command's code (lint needs
 * no git, child processes or crypto), which the bundle then evaluates lazily too.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): esbuild then defers the module's evaluation, and tsx (tests) resolves it */
const COMMANDS: ReadonlyMap<string, () => Command> = new Map<string, () => Command>([
  ['lint', () => (require('./lint-command') as typeof import('./lint-command')).lintCommand],
  ['expand', () => (require('./expand-command') as typeof import('./expand-command')).expandCommand],
  ['doctor', () => (require('./recovery-commands') as typeof import('./recovery-commands')).doctorCommand],
  ['fix', () => (require('./recovery-commands') as typeof import('./recovery-commands')).fixCommand],
  ['snapshots', () => (require('./recovery-commands') as typeof import('./recovery-commands')).snapshotsCommand],
  ['plan', () => (require('./run-commands') as typeof import('./run-commands')).planCommand],
  ['run', () => (require('./run-commands') as typeof import('./run-commands')).runCommand],
  ['preflight', () => (require('./preflight-commands') as typeof import('./preflight-commands')).preflightCommand],
  ['hook', () => (require('./preflight-commands') as typeof import('./preflight-commands')).hookCommand],
  ...['undo-commit', 'restore-file', 'reword', 'move-to-branch', 'discard', 'start-over'].map(
    (name) => [name, () => (require('./intent-commands') as typeof import('./intent-commands')).INTENT_COMMANDS.get(name) as Command] as const,
  ),
]);
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs the CLI on already-split arguments and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  try {
    const { args: plain, untrusted } = takeUntrusted(argv, given.env ?? process.env);
    const io: CliIo = { ...given, untrusted };
    const [first, ...rest] = plain;
    if (untrusted && first !== undefined && !READ_ONLY_COMMANDS.has(first) && !first.startsWith('-') && first !== 'help') {
      throw new ShipshapeError(
        'untrusted',
        `"shipshape ${first}" ${first === 'run' ? "runs the workflow's steps, code from the repository" : "changes the repository with git, which can run the repository's hooks"}, so it is refused with --untrusted (or SHIPSHAPE_UNTRUSTED=1).`,
        'Run it without --untrusted in a clone you trust.',
      );
    }
    if (first === undefined || first === 'help' || first === '-h' || first === '--help') {
      io.out(USAGE);
      return first === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (first === '-v' || first === '--version') {
      io.out(`${readProductVersion(__dirname)}\n`);
      return ExitCode.ok;
    }
    const command = COMMANDS.get(first);
    if (command) return await command()(rest, io);
    if (first.startsWith('-')) return usageError(io, `unknown option "${first}"`);
    return usageError(io, `unknown command "${first}"`);
  } catch (error) {
    given.err(`shipshape: ${describeError(error)}\n`);
    if (asksForJson(argv)) given.out(`${JSON.stringify({ error: errorJson(error) }, null, 2)}\n`);
    return exitCodeFor(error);
  }
}

/** The commands that only read: under --untrusted they run with git hardened (see core/git/untrusted.ts). */
const READ_ONLY_COMMANDS = new Set(['lint', 'expand', 'doctor', 'snapshots', 'plan', 'preflight']);

/**
 * `--untrusted` anywhere before a `--` (and SHIPSHAPE_UNTRUSTED=1) marks the
 * repository as untrusted, as a CI job checking a fork's contribution should.
 */
export function takeUntrusted(argv: readonly string[], env: NodeJS.ProcessEnv): { args: string[]; untrusted: boolean } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const tail = end < 0 ? [] : argv.slice(end);
  const flagged = head.includes('--untrusted');
  const fromEnv = env.SHIPSHAPE_UNTRUSTED !== undefined && !/^(|0|false|no)$/i.test(env.SHIPSHAPE_UNTRUSTED);
  return { args: [...head.filter((arg) => arg !== '--untrusted'), ...tail], untrusted: flagged || fromEnv };
}

/** `--json` or `--format json` before any `--`: a script reads stdout, so a failure is told there as JSON too. */
function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  return head.some((arg, index) => arg === '--json' || arg === '--format=json' || (arg === '--format' && head[index + 1] === 'json'));
}

const errorJson = (error: unknown): { code: string; message: string; hint?: string } =>
  isShipshapeError(error)
    ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
    : { code: 'internal', message: describeError(error) };

/** Usage and environment problems exit 2; a refused or failed fix, or any other failure, exits 1. */
export function exitCodeFor(error: unknown): number {
  if (!isShipshapeError(error)) return ExitCode.findings;
  // Git refusing a repository another user owns is the environment, not a failed fix.
  if (isGitError(error, 'DubiousOwnership')) return ExitCode.usage;
  switch (error.code) {
    case 'usage':
    case 'git-missing':
    case 'not-a-repository':
    case 'unreadable-file':
    case 'snapshot-missing':
    case 'untrusted':
      return ExitCode.usage;
    default:
      return ExitCode.findings;
  }
}

function usageError(io: CliIo, message: string): number {
  io.err(`shipshape: ${message} (see "shipshape --help")\n`);
  return ExitCode.usage;
}

if (require.main === module) {
  tuneForShortProcess(); // the process, not runCli: tests and other hosts import runCli and keep V8's defaults
  // A closed stdout (`shipshape run | head -2`) drops the output, not the work: see guardedWriter.
  void runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
