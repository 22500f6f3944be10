import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ShipshapeError } from '../core/errors';
import { azureRole } from '../core/pipelines/azure/roles';
import { printExpanded } from '../core/pipelines/azure/templates/print';
import { parseTemplateFile } from '../core/pipelines/azure/templates/tree';
import { validateAzurePipeline } from '../core/pipelines/azure/validate-azure';
import { printable } from '../core/printable';
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

/** 1-based line and column of an offset, for stderr. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

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
  const text = readOrUndefined(file) ?? '';
  const role = azureRole(parseTemplateFile(file, text).root);
  const { expansion, findings } = validateAzurePipeline({ file, repositoryRoot: root, read: readOrUndefined, parameters, template: role !== 'pipeline' });
  io.out(printExpanded(expansion.root));
  const texts = new Map<string, string>();
  for (const finding of findings) {
    const source = texts.get(finding.origin.file) ?? readOrUndefined(finding.origin.file) ?? '';
    texts.set(finding.origin.file, source);
    const where = `${relative(io.cwd, finding.origin.file).split('\\').join('/')}:${lineAndColumn(source, finding.origin.start)}`;
    io.err(`${printable(`${where}: ${finding.severity}: ${finding.message} [${finding.rule}]`)}\n`);
  }
  return findings.some((finding) => finding.severity === 'error') ? ExitCode.findings : ExitCode.ok;
}
