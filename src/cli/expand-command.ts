import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ShipshapeError } from '../core/errors';
import { expandAzureFile, findingLine } from '../core/pipelines/azure/expand-file';
import { parseArgs } from './args';
import { ExitCode, type CliIo } from './io';
import { defaultRoot } from './lint-command';

export const EXPAND_USAGE = `Usage: shipshape expand FILE [--param name=value]... [--root DIR]

Prints an Azure Pipelines file with its templates expanded (parameters,
\${{ if }}, \${{ each }}, \${{ insert }}, extends), as Azure DevOps'
"Download full YAML" does, offline. --param sets a pipeline parameter (repeat
it for several). What is found on the way goes to stderr. Templates in other
repositories and run-time values are not resolved. --root is where /-rooted
templates and x@self resolve (default: the git top-level).
Exit codes: 0 expanded, 1 errors found, 2 usage error.
`;

const readOrUndefined = (file: string): string | undefined => {
  try {
    return statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
};

export async function expandCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--param', '--root'], ['--help', '-h']);
  if (args.options.has('--help') || args.options.has('-h')) {
    io.out(EXPAND_USAGE);
    return ExitCode.ok;
  }
  if (args.positionals.length !== 1) throw new ShipshapeError('usage', 'expand takes one file (shipshape expand --help)');
  const file = resolve(io.cwd, args.positionals[0] as string);
  if (!existsSync(file) || !statSync(file).isFile()) throw new ShipshapeError('usage', `no such file: ${args.positionals[0] as string}`);
  const parameters: Record<string, string> = {};
  for (const pair of args.options.get('--param') ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new ShipshapeError('usage', `--param takes name=value, not "${pair}"`);
    parameters[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const rootOption = args.options.get('--root')?.at(-1);
  const root = rootOption ? resolve(io.cwd, rootOption) : await defaultRoot(io.cwd, io.untrusted === true);
  const { yaml, findings } = expandAzureFile({ file, repositoryRoot: root, read: readOrUndefined, parameters });
  io.out(yaml);
  const texts = new Map<string, string | undefined>();
  const read = (path: string): string | undefined => (texts.has(path) ? texts.get(path) : (texts.set(path, readOrUndefined(path)), texts.get(path)));
  for (const finding of findings) io.err(`${findingLine(finding, io.cwd, read)}\n`);
  return findings.some((finding) => finding.severity === 'error') ? ExitCode.findings : ExitCode.ok;
}
