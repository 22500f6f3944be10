import { ShipshapeError } from '../core/errors';
import { createGit } from '../core/git/git';
import { lintPaths } from '../core/pipelines/lint-paths';
import { findProjectRoot } from '../core/pipelines/project-root';
import type { PipelineKind } from '../core/pipelines/pipeline-kind';
import { ALL_RULES } from '../core/pipelines/rules-registry';
import { readProductVersion } from '../core/product';
import { oneOf, parseArgs } from './args';
import { formatGithub, formatJson, formatSarif, formatText, OUTPUT_FORMATS } from './formats/findings-formats';
import { ExitCode, type CliIo } from './io';
import { resolve } from 'node:path';

const KINDS: readonly PipelineKind[] = ['github-workflow', 'github-action', 'azure-pipelines', 'gitlab-ci'];

export const LINT_USAGE = `Usage: shipshape lint [PATH...] [--root DIR] [--kind github-workflow|github-action|azure-pipelines|gitlab-ci] [--format text|json|sarif|github]

Checks GitHub Actions workflows, action.yml files, Azure Pipelines files
(templates through the pipelines that use them) and GitLab CI files (included
files through the configuration that includes them). PATHs are files or folders
(default: the repository's pipeline files). --root is where ./ references
and /-rooted templates resolve (default: the git top-level, else the nearest
folder up holding .github or .git, else the current folder). --kind forces
how a file is read.
Exit codes: 0 no errors, 1 errors found, 2 usage error.
`;

/** The git top-level of `dir`; outside a repository or without git, the nearest folder up holding `.github` or `.git`. */
export async function defaultRoot(dir: string, untrusted: boolean): Promise<string> {
  try {
    return (await createGit(dir, { untrusted }).raw(['rev-parse', '--show-toplevel'])).trim() || findProjectRoot(dir);
  } catch {
    return findProjectRoot(dir);
  }
}

export async function lintCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--root', '--kind', '--format'], ['--help', '-h']);
  if (args.options.has('--help') || args.options.has('-h')) {
    io.out(LINT_USAGE);
    return ExitCode.ok;
  }
  const format = oneOf(args, '--format', OUTPUT_FORMATS, 'text');
  const kindOption = args.options.get('--kind')?.at(-1);
  const kind = kindOption === undefined ? undefined : oneOf(args, '--kind', KINDS, 'github-workflow');
  const rootOption = args.options.get('--root')?.at(-1);
  const root = rootOption ? resolve(io.cwd, rootOption) : await defaultRoot(io.cwd, io.untrusted === true);

  const report = await lintPaths({ paths: args.positionals, root, cwd: io.cwd, ...(kind ? { kind } : {}) });
  if (report.missing.length) throw new ShipshapeError('usage', `no such file or folder: ${report.missing.join(', ')}`);
  for (const problem of report.configProblems) io.err(`shipshape: ${problem}\n`);

  if (format === 'json') io.out(formatJson(report.files, io.cwd));
  else if (format === 'sarif')
    io.out(formatSarif(report.files, io.cwd, readProductVersion(__dirname), new Map(ALL_RULES.map((rule) => [rule.id, rule.description]))));
  else if (format === 'github') io.out(formatGithub(report.files, io.cwd));
  else io.out(formatText(report.files, io.cwd));

  const errors = report.files.reduce((sum, file) => sum + file.findings.filter((finding) => finding.severity === 'error').length, 0);
  return errors > 0 ? ExitCode.findings : ExitCode.ok;
}
