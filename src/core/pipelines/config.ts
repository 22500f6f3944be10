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
}

export const CONFIG_PATH = '.github/shipshape.yaml';
/** actionlint's config, read when ours is absent: its runner labels and config variables mean the same. */
export const ACTIONLINT_CONFIG_PATHS = ['.github/actionlint.yaml', '.github/actionlint.yml'] as const;
export const EMPTY_CONFIG: ShipshapeConfig = { runnerLabels: [], configVariables: undefined, ignore: [], rules: {} };

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
  return { config: { runnerLabels, configVariables, ignore, rules }, problems };
}
