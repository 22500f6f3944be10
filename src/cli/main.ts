import { describeError, isShipshapeError } from '../core/errors';
import { readProductVersion } from '../core/product';
import { USAGE } from './help';
import { INTENT_COMMANDS } from './intent-commands';
import { ExitCode, type CliIo } from './io';
import { lintCommand } from './lint-command';
import { doctorCommand, fixCommand, snapshotsCommand } from './recovery-commands';
import { planCommand, runCommand } from './run-commands';

/** Runs the CLI on already-split arguments and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === 'help' || first === '-h' || first === '--help') {
      io.out(USAGE);
      return first === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (first === '-v' || first === '--version') {
      io.out(`${readProductVersion(__dirname)}\n`);
      return ExitCode.ok;
    }
    if (first === 'lint') return await lintCommand(rest, io);
    if (first === 'doctor') return await doctorCommand(rest, io);
    if (first === 'fix') return await fixCommand(rest, io);
    if (first === 'snapshots') return await snapshotsCommand(rest, io);
    if (first === 'plan') return await planCommand(rest, io);
    if (first === 'run') return await runCommand(rest, io);
    const intent = INTENT_COMMANDS.get(first);
    if (intent) return await intent(rest, io);
    if (first.startsWith('-')) return usageError(io, `unknown option "${first}"`);
    return usageError(io, `unknown command "${first}"`);
  } catch (error) {
    io.err(`shipshape: ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}

/** Usage and environment problems exit 2; a refused or failed fix, or any other failure, exits 1. */
export function exitCodeFor(error: unknown): number {
  if (!isShipshapeError(error)) return ExitCode.findings;
  switch (error.code) {
    case 'usage':
    case 'git-missing':
    case 'not-a-repository':
    case 'unreadable-file':
    case 'snapshot-missing':
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
  // `shipshape doctor | head` closes our stdout early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), cwd: process.cwd() };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
