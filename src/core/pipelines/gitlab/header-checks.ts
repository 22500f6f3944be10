/**
 * The `spec:` header of a component or template file, as GitLab's Header entries validate it
 * (lib/gitlab/ci/config/header/*.rb): the header holds `spec`, spec holds `inputs`, `include` and
 * `component`, an input its known keys and a `type` GitLab knows. Told in the file itself, where
 * the mistake is written, whoever includes it.
 */
import { keyText, scalarText, valueOf, type AEntry, type ANode, type Origin } from '../yaml/located-tree';

const HEADER_KEYS = ['spec'];
const SPEC_KEYS = ['inputs', 'include', 'component'];
const INPUT_KEYS = ['default', 'description', 'options', 'regex', 'type', 'rules'];
const INPUT_TYPES = ['array', 'boolean', 'number', 'string'];

export interface HeaderProblem {
  readonly message: string;
  readonly origin: Origin;
}

function unknownKeys(location: string, node: ANode | undefined, allowed: readonly string[], out: HeaderProblem[]): void {
  if (node?.kind !== 'map') return;
  const extra = node.entries.filter((entry) => keyText(entry) !== '<<' && !allowed.includes(keyText(entry)));
  if (extra.length)
    out.push({ message: `${location} config contains unknown keys: ${extra.map(keyText).join(', ')}`, origin: (extra[0] as AEntry).key.origin });
}

export function headerProblems(header: ANode | undefined): HeaderProblem[] {
  const out: HeaderProblem[] = [];
  unknownKeys('header', header, HEADER_KEYS, out);
  const spec = valueOf(header, 'spec');
  unknownKeys('header:spec', spec, SPEC_KEYS, out);
  const inputs = valueOf(spec, 'inputs');
  if (inputs?.kind !== 'map') return out;
  for (const entry of inputs.entries) {
    const location = `header:spec:inputs:${keyText(entry)}`;
    unknownKeys(location, entry.value, INPUT_KEYS, out);
    const type = valueOf(entry.value, 'type');
    const text = scalarText(type);
    if (type?.kind === 'scalar' && !type.unknown && text !== undefined && !INPUT_TYPES.includes(text))
      out.push({ message: `${location} input type unknown value: ${text}`, origin: type.origin });
  }
  return out;
}
