import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { Severity } from './finding';
import { errorMessage } from '../errors';
import { unsafeRegexReason } from '../patterns/safe-regex';

/** `.github/shipshape.yaml`: what the repository tells the validator. */
export interface ShipshapeConfig {
  /** Custom runner labels (globs) that are not reported as unknown. */
  readonly runnerLabels: readonly string[];
  /** Known `vars.*` names; undefined means vars are not checked. */
  readonly configVariables: readonly string[] | undefined;
  /** Per file glob: regular expressions; a finding whose message matches is dropped. */
  readonly ignore: readonly { readonly glob: string; readonly patterns: readonly RegExp[] }[];
  /** Per rule: off, or a severity that replaces the rule's own. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  /** The `azure:` entries: Azure Pipelines files, tasks and repositories the repository knows. */
  readonly azure: AzureConfig;
}

export interface AzureConfig {
  /** Globs (from the repository root) of Azure Pipelines files the names alone would miss. */
  readonly files: readonly string[];
  /** Custom tasks by `name@major` in lower case; `inputs` undefined: any input is accepted. */
  readonly tasks: Readonly<Record<string, CustomTask>>;
  /** Repository aliases (`template: x@alias`) to local folders, as written (relative to the repository root, or absolute). */
  readonly repositories: Readonly<Record<string, string>>;
}

export interface CustomTask {
  /** `Name@N` as the config writes it. */
  readonly reference: string;
  readonly inputs: readonly string[] | undefined;
}

export const CONFIG_PATH = '.github/shipshape.yaml';
/** actionlint's config, read when ours is absent: its runner labels and config variables mean the same. */
export const ACTIONLINT_CONFIG_PATHS = ['.github/actionlint.yaml', '.github/actionlint.yml'] as const;
export const EMPTY_AZURE_CONFIG: AzureConfig = { files: [], tasks: {}, repositories: {} };
export const EMPTY_CONFIG: ShipshapeConfig = { runnerLabels: [], configVariables: undefined, ignore: [], rules: {}, azure: EMPTY_AZURE_CONFIG };

export interface ConfigProblem {
  readonly message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * Reads the config text leniently: what is well-formed is used, each problem
 * is reported once; a broken config never stops validation.
 */
export function parseConfig(text: string, path: string = CONFIG_PATH): { config: ShipshapeConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return { config: EMPTY_CONFIG, problems: [{ message: `${path} is not valid YAML: ${errorMessage(error).split('\n')[0]}` }] };
  }
  if (raw === null || raw === undefined) return { config: EMPTY_CONFIG, problems };
  if (!isRecord(raw)) return { config: EMPTY_CONFIG, problems: [{ message: `${path} must be a mapping.` }] };

  const runner = raw['self-hosted-runner'];
  const runnerLabels = isRecord(runner) ? strings(runner.labels) : [];
  const variables = raw['config-variables'];
  const configVariables = Array.isArray(variables) ? strings(variables) : undefined;

  const ignore: { glob: string; patterns: RegExp[] }[] = [];
  if (isRecord(raw.paths)) {
    for (const [glob, entry] of Object.entries(raw.paths)) {
      const patterns: RegExp[] = [];
      for (const source of isRecord(entry) ? strings(entry.ignore) : []) {
        const unsafe = unsafeRegexReason(source);
        if (unsafe) {
          problems.push({ message: `Ignore pattern ${JSON.stringify(source.slice(0, 80))} under paths."${glob}" is not used: ${unsafe}.` });
          continue;
        }
        try {
          patterns.push(new RegExp(source));
        } catch {
          problems.push({ message: `Ignore pattern ${JSON.stringify(source)} under paths."${glob}" is not a valid regular expression.` });
        }
      }
      ignore.push({ glob, patterns });
    }
  }

  const rules: Record<string, Severity | 'off'> = {};
  if (isRecord(raw.rules)) {
    for (const [rule, level] of Object.entries(raw.rules)) {
      if (level === 'off' || level === 'error' || level === 'warning' || level === 'info') rules[rule] = level;
      else problems.push({ message: `rules.${rule} must be off, error, warning or info.` });
    }
  }
  const azure = parseAzureConfig(raw.azure, path, problems);
  return { config: { runnerLabels, configVariables, ignore, rules, azure }, problems };
}

/** A task reference a config may name: `Name@N`, `publisher.extension.contribution.Name@N` or `GUID@N`. */
const TASK_REFERENCE = /^[A-Za-z0-9_.-]+@\d+$/;

/** The `azure:` mapping; every entry that is not of the documented shape is one problem, and left out. */
function parseAzureConfig(raw: unknown, path: string, problems: ConfigProblem[]): AzureConfig {
  if (raw === undefined || raw === null) return EMPTY_AZURE_CONFIG;
  if (!isRecord(raw)) {
    problems.push({ message: `azure in ${path} must be a mapping (files, tasks, repositories).` });
    return EMPTY_AZURE_CONFIG;
  }
  for (const key of Object.keys(raw))
    if (!['files', 'tasks', 'repositories'].includes(key))
      problems.push({ message: `azure.${key} in ${path} is not a known entry (files, tasks, repositories).` });

  const files: string[] = [];
  if (raw.files !== undefined) {
    if (!Array.isArray(raw.files)) problems.push({ message: `azure.files in ${path} must be a list of globs.` });
    else
      for (const glob of raw.files) {
        if (typeof glob === 'string' && glob.trim() !== '') files.push(glob.trim().replace(/^\.\//, ''));
        else problems.push({ message: `azure.files in ${path} holds ${JSON.stringify(glob)}, which is not a glob.` });
      }
  }

  const tasks: Record<string, CustomTask> = {};
  if (raw.tasks !== undefined) {
    if (!isRecord(raw.tasks)) problems.push({ message: `azure.tasks in ${path} must be a mapping of Name@N to its inputs.` });
    else
      for (const [reference, entry] of Object.entries(raw.tasks)) {
        if (!TASK_REFERENCE.test(reference)) {
          problems.push({ message: `azure.tasks."${reference}" in ${path} is not a task reference: write Name@N (for example MyTask@1).` });
          continue;
        }
        const inputs = entry === null ? undefined : Array.isArray(entry) ? entry : isRecord(entry) ? entry.inputs : entry;
        if (inputs !== undefined && (!Array.isArray(inputs) || inputs.some((input) => typeof input !== 'string'))) {
          problems.push({ message: `azure.tasks."${reference}" in ${path} must be a list of input names (or empty, for any inputs).` });
          continue;
        }
        tasks[reference.toLowerCase()] = { reference, inputs: inputs as string[] | undefined };
      }
  }

  const repositories: Record<string, string> = {};
  if (raw.repositories !== undefined) {
    if (!isRecord(raw.repositories)) problems.push({ message: `azure.repositories in ${path} must be a mapping of alias to a local folder.` });
    else
      for (const [alias, folder] of Object.entries(raw.repositories)) {
        if (alias.toLowerCase() === 'self') problems.push({ message: `azure.repositories.self in ${path} is not used: self is always this repository.` });
        else if (typeof folder !== 'string' || folder.trim() === '')
          problems.push({ message: `azure.repositories.${alias} in ${path} must be a folder path.` });
        else repositories[alias] = folder.trim();
      }
  }
  return { files, tasks, repositories };
}

/** The config's repository folders, absolute (relative ones are read from the repository root). */
export function azureRepositoryFolders(config: ShipshapeConfig, root: string): Record<string, string> {
  const folders: Record<string, string> = {};
  for (const [alias, folder] of Object.entries(config.azure.repositories)) folders[alias] = resolve(root, folder);
  return folders;
}
