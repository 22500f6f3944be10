/**
 * The `spec:` header of a component or template file, as GitLab's Header entries validate it
 * (lib/gitlab/ci/config/header/*.rb): the header holds `spec`, spec holds `inputs`, `include` and
 * `component`, an input its known keys and a `type` GitLab knows. Told in the file itself, where
 * the mistake is written, whoever includes it.
 */
import { keyText, scalarText, valueOf, type ANode, type Origin } from '../yaml/located-tree';
import { checkKeys } from './check-keywords';
import type { GitLabFinding } from './finding';

const HEADER_KEYS = ['spec'];
const SPEC_KEYS = ['inputs', 'include', 'component'];
const INPUT_KEYS = ['default', 'description', 'options', 'regex', 'type', 'rules'];
const INPUT_TYPES = ['array', 'boolean', 'number', 'string'];

export interface HeaderProblem {
  readonly message: string;
  readonly origin: Origin;
}

export function headerProblems(header: ANode | undefined): HeaderProblem[] {
  const found: GitLabFinding[] = [];
  const spec = valueOf(header, 'spec');
  const inputs = valueOf(spec, 'inputs');
  checkKeys('header', header, HEADER_KEYS, 'gitlab-inputs', found);
  checkKeys('header:spec', spec, SPEC_KEYS, 'gitlab-inputs', found);
  for (const entry of inputs?.kind === 'map' ? inputs.entries : []) {
    const location = `header:spec:inputs:${keyText(entry)}`;
    checkKeys(location, entry.value, INPUT_KEYS, 'gitlab-inputs', found);
    const type = valueOf(entry.value, 'type');
    const text = scalarText(type);
    if (type?.kind === 'scalar' && !type.unknown && text !== undefined && !INPUT_TYPES.includes(text))
      found.push({ rule: 'gitlab-inputs', severity: 'error', message: `${location} input type unknown value: ${text}`, origin: type.origin });
  }
  return found.map(({ message, origin }) => ({ message, origin }));
}
