import { describeError, isShipshapeError, ShipshapeError } from '../core/errors';
import { isGitError } from '../core/git/git-error';
import { readProductVersion } from '../core/product';
import { USAGE } from './help';
import { INTENT_COMMANDS } from './intent-commands';
import { ExitCode, processIo, type CliIo } from './io';
import { expandCommand } from './expand-command';
import { lintCommand } from './lint-command';
import { doctorCommand, fixCommand, snapshotsCommand } from './recovery-commands';
import { hookCommand, preflightCommand } from './preflight-commands';
import { planCommand, runCommand } from './run-commands';

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
    if (first === 'lint') return await lintCommand(rest, io);
    if (first === 'expand') return await expandCommand(rest, io);
    if (first === 'doctor') return await doctorCommand(rest, io);
    if (first === 'fix') return await fixCommand(rest, io);
    if (first === 'snapshots') return await snapshotsCommand(rest, io);
    if (first === 'plan') return await planCommand(rest, io);
    if (first === 'run') return await runCommand(rest, io);
    if (first === 'preflight') return await preflightCommand(rest, io);
    if (first === 'hook') return await hookCommand(rest, io);
    const intent = INTENT_COMMANDS.get(first);
    if (intent) return await intent(rest, io);
    if (first.startsWith('-')) return usageError(io, `unknown option "${first}"`);
    return usageError(io, `unknown command "${first}"`);
  } catch (error) {
    given.err(`shipshape: ${describeError(error)}\n`);
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
  // A closed stdout (`shipshape run | head -2`) drops the output, not the work: see guardedWriter.
  void runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
