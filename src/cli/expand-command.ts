import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ShipshapeError } from '../core/errors';
import { expandAzureFile, findingLine } from '../core/pipelines/azure/expand-file';
import type { LocatedFinding } from '../core/pipelines/located-findings';
import { detectKind } from '../core/pipelines/detect-kind';
import { checkGitLabConfig } from '../core/pipelines/gitlab/checks';
import { mergeGitLabConfig } from '../core/pipelines/gitlab/merge';
import { printMerged } from '../core/pipelines/gitlab/print';
import { listYamlFiles } from '../core/pipelines/gitlab/repository-files';
import { isRootName } from '../core/pipelines/gitlab/validate-gitlab-files';
import { parseSource } from '../core/pipelines/yaml/source-file';
import { parseArgs } from './args';
import { ExitCode, type CliIo } from './io';
import { defaultRoot } from './lint-command';

export const EXPAND_USAGE = `Usage: shipshape expand FILE [--param name=value]... [--root DIR]

Prints an Azure Pipelines file with its templates expanded (parameters,
\${{ if }}, \${{ each }}, \${{ insert }}, extends), as Azure DevOps'
"Download full YAML" does, offline. --param sets a pipeline parameter (repeat
it for several). Templates in other repositories and run-time values are not
resolved. A GitLab CI file (.gitlab-ci.yml and the like) prints its merged
configuration: include: local, inputs, extends, !reference and default:
resolved, as GitLab's pipeline editor shows the full configuration; includes
of other projects are not read. What is found on the way goes to stderr.
--root is where /-rooted templates, x@self and include: local resolve
(default: the git top-level).
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
  const text = readOrUndefined(file) ?? '';
  let findings: readonly LocatedFinding[];
  if (detectKind(relative(root, file).split('\\').join('/'), parseSource(text, file).doc) === 'gitlab-ci') {
    // A file named like `.gitlab-ci.yml` is a configuration; another is a fragment, told nothing about what others define.
    const fragment = !isRootName(file);
    const merged = mergeGitLabConfig({ file, repositoryRoot: root, read: readOrUndefined, list: () => listYamlFiles(root), fragment });
    io.out(printMerged(merged.root));
    findings = [...merged.problems, ...checkGitLabConfig(merged, { fragment })];
  } else {
    const expanded = expandAzureFile({ file, repositoryRoot: root, read: readOrUndefined, parameters });
    io.out(expanded.yaml);
    findings = expanded.findings;
  }
  const texts = new Map<string, string | undefined>();
  const read = (path: string): string | undefined => (texts.has(path) ? texts.get(path) : (texts.set(path, readOrUndefined(path)), texts.get(path)));
  for (const finding of findings) io.err(`${findingLine(finding, io.cwd, read)}\n`);
  return findings.some((finding) => finding.severity === 'error') ? ExitCode.findings : ExitCode.ok;
}
