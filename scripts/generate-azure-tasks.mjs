#!/usr/bin/env node
// Writes src/core/pipelines/azure/checks/azure-tasks-data.ts: the in-box Azure Pipelines tasks
// Shipshape knows (name, major, inputs with their aliases, inputs that must be given, deprecation),
// read from the task.json files of microsoft/azure-pipelines-tasks.
//
//   node scripts/generate-azure-tasks.mjs                      from scripts/data/azure-tasks.snapshot.jsonl
//   node scripts/generate-azure-tasks.mjs --from <checkout>    from a clone of microsoft/azure-pipelines-tasks
//                                                              (same task.json paths; rewrites the snapshot)
//
// The snapshot holds, per task.json, the fields this table needs exactly as the file has them (the
// rest trimmed), with the path and the commit it was read at: each generated entry names its source.
// Plain Node, no dependencies. Run `npx prettier --write` on the output after a refresh.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = 'microsoft/azure-pipelines-tasks';
const here = dirname(fileURLToPath(import.meta.url));
const SNAPSHOT = join(here, 'data', 'azure-tasks.snapshot.jsonl');
const OUTPUT = join(here, '..', 'src', 'core', 'pipelines', 'azure', 'checks', 'azure-tasks-data.ts');

const KEEP = ['name', 'aliases', 'required', 'defaultValue', 'visibleRule'];

/** The fields of a task.json this table reads (an input's other fields trimmed). */
function trim(task, path, commit) {
  return {
    path,
    commit,
    name: task.name,
    version: { Major: task.version.Major },
    ...(task.deprecated ? { deprecated: true } : {}),
    ...(task.deprecationMessage ? { deprecationMessage: task.deprecationMessage } : {}),
    inputs: (task.inputs ?? []).map((input) => Object.fromEntries(KEEP.filter((key) => key in input).map((key) => [key, input[key]]))),
  };
}

/**
 * Corrections over the snapshot, each with its evidence: the index the snapshot was read from keeps
 * older copies of some task.json files, which lack inputs later versions added (real pipelines in
 * ../shared/corpus/azure/real use them, and Microsoft's task reference documents them).
 */
const SUPPLEMENT = {
  'publishtestresults@2': {
    inputs: ['failTaskOnFailedTests', 'failTaskOnFailedUploads', 'failTaskOnMissingResultsFile'],
    reason: 'added after the 2.0.12 copy; documented in the PublishTestResults@2 reference, used by Azure/azure-sdk-tools',
  },
  'nugetauthenticate@1': {
    inputs: ['azureDevOpsServiceConnection', 'feedUrl'],
    reason: 'workload identity inputs added after the 1.213 copy; documented in the NuGetAuthenticate@1 reference, used by microsoft/terminal',
  },
  'pipauthenticate@1': {
    inputs: ['azureDevOpsServiceConnection', 'feedUrl'],
    reason: 'workload identity inputs added after the 1.167 copy; documented in the PipAuthenticate@1 reference',
  },
  'publishsymbols@2': {
    inputs: ['Manifest', 'SymbolExpirationInDays', 'Pat'],
    reason:
      'added after the 2.199 copy; Manifest and SymbolExpirationInDays documented in the PublishSymbols@2 reference, and microsoft/terminal passes the PAT either as the Pat input or in the environment',
  },
  'npmauthenticate@0': {
    inputs: ['azureDevOpsServiceConnection', 'feedUrl'],
    reason: 'workload identity inputs added after the 0.242 copy; documented in the npmAuthenticate@0 reference, used by Azure/azure-sdk-tools',
  },
  'manualvalidation@0': {
    inputs: ['approvers', 'allowApproversToApproveTheirOwnRuns'],
    optional: ['notifyUsers'],
    reason: 'the 0.0.2 copy predates approvers; documented in the ManualValidation@0 reference, and PowerShell/PowerShell approves without notifyUsers',
  },
  'npm@1': {
    inputs: ['publishPackageMetadata'],
    reason: 'added after the 1.0.27 copy; documented in the Npm@1 reference',
  },
  'azurewebapp@1': {
    optional: ['appType'],
    reason: "the 1.0.11 copy marks appType required with no default, but the task reads it as optional and Microsoft's own YAML example omits it",
  },
};

const isTrue = (value) => value === true || value === 'true';
/**
 * An input Azure DevOps needs a value for, which a person must write: required, no default, and
 * no visibleRule (an input shown only for some values of another is often rightly absent).
 */
const mustBeGiven = (input) => isTrue(input.required) && String(input.defaultValue ?? '').trim() === '' && !input.visibleRule;

function readSnapshot() {
  return readFileSync(SNAPSHOT, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function fromCheckout(folder, paths) {
  const commit = execFileSync('git', ['-C', folder, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  return paths.map((path) => trim(JSON.parse(readFileSync(join(folder, path), 'utf8').replace(/^\uFEFF/, '')), path, commit));
}

function render(tasks) {
  const lines = [
    '// Generated by scripts/generate-azure-tasks.mjs; do not edit: change the snapshot or refresh from a checkout.',
    `// Source: ${REPOSITORY}, each task.json at the commit named below (repository, path, commit).`,
    ...tasks.map((task) => `//   ${REPOSITORY} ${task.path} ${task.commit}`),
    '// Corrections over those copies (SUPPLEMENT in the script), with their evidence:',
    ...Object.entries(SUPPLEMENT).map(
      ([key, fix]) =>
        `//   ${key}: ${[...(fix.inputs ?? []).map((name) => `+${name}`), ...(fix.optional ?? []).map((name) => `${name} optional`)].join(', ')}: ${fix.reason}`,
    ),
    '',
    '/** An in-box task major: its inputs (each `[name, ...aliases]`), those a step must give, and whether it is deprecated. */',
    'export interface InBoxTask {',
    '  /** `Name@N` as Microsoft writes it. */',
    '  readonly reference: string;',
    '  readonly inputs: readonly (readonly string[])[];',
    '  /** Required inputs with no default and no visibleRule (a step without them fails). */',
    '  readonly required: readonly string[];',
    "  /** Microsoft's deprecation message, or '' when the major is deprecated without one. */",
    '  readonly deprecated?: string;',
    '}',
    '',
    '/** By `name@major` in lower case (task names are case-insensitive). */',
    'export const IN_BOX_TASKS: Readonly<Record<string, InBoxTask>> = {',
  ];
  const sorted = [...tasks].sort((a, b) => `${a.name}@${a.version.Major}`.toLowerCase().localeCompare(`${b.name}@${b.version.Major}`.toLowerCase()));
  for (const task of sorted) {
    const reference = `${task.name}@${task.version.Major}`;
    const fix = SUPPLEMENT[reference.toLowerCase()] ?? {};
    const inputs = [
      ...task.inputs.map((input) => [input.name, ...(input.aliases ?? []).filter((alias) => alias !== input.name)]),
      ...(fix.inputs ?? []).map((name) => [name]),
    ];
    const required = task.inputs
      .filter(mustBeGiven)
      .map((input) => input.name)
      .filter((name) => !(fix.optional ?? []).includes(name));
    const deprecated = task.deprecated ? `, deprecated: ${JSON.stringify(task.deprecationMessage ?? '')}` : '';
    lines.push(
      `  ${JSON.stringify(reference.toLowerCase())}: { reference: ${JSON.stringify(reference)}, inputs: ${JSON.stringify(inputs)}, required: ${JSON.stringify(required)}${deprecated} },`,
    );
  }
  lines.push('};', '');
  return lines.join('\n');
}

const fromIndex = process.argv.indexOf('--from');
let tasks = readSnapshot();
if (fromIndex > 0) {
  tasks = fromCheckout(
    process.argv[fromIndex + 1],
    tasks.map((task) => task.path),
  );
  writeFileSync(SNAPSHOT, tasks.map((task) => JSON.stringify(task)).join('\n') + '\n');
}
writeFileSync(OUTPUT, render(tasks));
console.log(`wrote ${OUTPUT}: ${tasks.length} task majors`);
