/**
 * `variables:` entries as GitLab's Variable entry reads them (lib/gitlab/ci/config/entry/variable.rb):
 * a name that is a string or an integer; a value that is a string, number or boolean (or null), or a
 * mapping of the data keys the place allows (`value`, `description`, `expand`, `options` at the top
 * level; `value`, `expand` in a job), with `expand` a boolean, `description` a string, `options` a
 * list of strings holding `value`. GitLab names any character in a name; the shell that cannot read
 * `$MY-VAR` is the runner's business, not the configuration's, so names are not judged further.
 * Messages are GitLab's words after its location (`variables:NAME`, `jobs:x:variables:NAME`).
 */
import { keyText, type AMap, type ANode, type AScalar } from '../yaml/located-tree';
import { findingAt as at, type GitLabFinding } from './finding';

export const TOP_LEVEL_VARIABLE_DATA = ['value', 'description', 'expand', 'options'];
export const JOB_VARIABLE_DATA = ['value', 'expand'];

/** GitLab's AlphanumericValidator: a String, Symbol or Integer. */
const alphanumeric = (node: ANode): boolean =>
  node.kind === 'scalar' && (node.unknown === true || typeof node.value === 'string' || (typeof node.value === 'number' && Number.isInteger(node.value)));

/** GitLab's ScalarValidator: a string, number or boolean. */
const scalar = (node: ANode): boolean => node.kind === 'scalar' && node.value !== null;

/** A boolean to GitLab's YAML 1.1 reader (Psych), where `yes`, `no`, `on`, `off` are booleans too. */
const boolean = (node: ANode): boolean =>
  node.kind === 'scalar' && (node.unknown === true || typeof node.value === 'boolean' || /^(?:yes|no|on|off|true|false)$/i.test(String(node.value)));

/**
 * Whether GitLab's YAML reader (Psych, YAML 1.1) gives a name as a string or an integer: a plain
 * (unquoted: its text as long as its place) `true`, `yes`, `on`, `null`, `~` or `1.5` is not one.
 * The tree keeps names as text, so the place tells quoted from plain.
 */
const nameIsText = (key: AScalar): boolean => {
  const text = String(key.value ?? '');
  const plain = key.origin.end - key.origin.start === text.length;
  return !(plain && /^(?:true|false|yes|no|on|off|null|~|[-+]?\d*\.\d+)$/i.test(text)) && key.value !== null;
};

const isNull = (node: ANode | undefined): boolean => node?.kind === 'scalar' && node.value === null;

export function checkVariables(location: string, variables: ANode | undefined, allowed: readonly string[], out: GitLabFinding[]): void {
  if (!variables || (variables.kind === 'scalar' && (variables.value === null || variables.unknown)) || (variables.kind === 'seq' && variables.reference))
    return;
  // GitLab's Variables entry: `validates :config, type: Hash`.
  if (variables.kind !== 'map') {
    out.push({ rule: 'gitlab-variables', severity: 'error', message: `${location} config should be a hash`, ...at(variables) });
    return;
  }
  for (const entry of variables.entries) {
    const here = `${location}:${keyText(entry)}`;
    const say = (message: string, node: ANode): void => {
      out.push({ rule: 'gitlab-variables', severity: 'error', message: `${here} ${message}`, ...at(node) });
    };
    if (!nameIsText(entry.key)) say('key must be an alphanumeric string', entry.key);
    const value = entry.value;
    if (value.kind === 'seq' && value.reference) continue;
    if (value.kind !== 'map') {
      if (!scalar(value) && !isNull(value)) say('variable definition must be either a string or a hash', value);
      continue;
    }
    checkData(value, allowed, say);
  }
}

function checkData(data: AMap, allowed: readonly string[], say: (message: string, node: ANode) => void): void {
  const extra = data.entries.filter((entry) => !allowed.includes(keyText(entry)));
  if (extra.length) say(`config uses invalid data keys: ${extra.map(keyText).join(', ')}`, (extra[0] as { key: AScalar }).key);
  const field = (key: string): ANode | undefined => data.entries.find((entry) => keyText(entry) === key && allowed.includes(key))?.value;
  const value = field('value');
  if (value && !isNull(value) && !scalar(value)) say('config value must be a scalar', value);
  const description = field('description');
  if (description && !isNull(description) && !alphanumeric(description)) say('config description must be an alphanumeric string', description);
  const expand = field('expand');
  if (expand && !isNull(expand) && !boolean(expand)) say('config expand should be a boolean value', expand);
  const options = field('options');
  if (!options || isNull(options) || (options.kind === 'seq' && options.reference)) return;
  const texts = options.kind === 'seq' ? options.items.map((item) => (item.kind === 'scalar' && typeof item.value === 'string' ? item.value : undefined)) : [];
  if (options.kind !== 'seq' || texts.some((text) => text === undefined)) {
    say('config options should be an array of strings', options);
    return;
  }
  // GitLab compares the value as written: a number is not the string option that reads the same.
  const chosen = value?.kind === 'scalar' ? value.value : undefined;
  if (value?.kind === 'scalar' && value.unknown) return;
  if (texts.length && !(typeof chosen === 'string' && texts.includes(chosen))) say('config value must be present in options', value ?? options);
}
