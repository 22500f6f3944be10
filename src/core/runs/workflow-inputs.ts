import type { Value } from '../pipelines/expressions/values';
import { isPlain } from './workflow-model';

export interface ResolvedInputs {
  /** The `inputs` context: defaults filled in, booleans and numbers typed. */
  readonly values: Record<string, Value>;
  readonly problems: readonly string[];
}

/**
 * workflow_dispatch inputs as GitHub resolves them: given values over defaults, `boolean` and
 * `number` typed, `choice` checked against its options, `required` enforced. Inputs the workflow
 * does not declare are a problem too (GitHub rejects the dispatch).
 */
export function resolveDispatchInputs(on: unknown, given: Readonly<Record<string, string>>): ResolvedInputs {
  const declared = isPlain(on) && isPlain(on.workflow_dispatch) && isPlain(on.workflow_dispatch.inputs) ? on.workflow_dispatch.inputs : {};
  const values: Record<string, Value> = {};
  const problems: string[] = [];
  for (const [name, rawSpec] of Object.entries(declared)) {
    const spec = isPlain(rawSpec) ? rawSpec : {};
    const type = typeof spec.type === 'string' ? spec.type : 'string';
    const provided = given[name];
    const fallback = spec.default;
    if (provided === undefined && spec.required === true && fallback === undefined) {
      problems.push(`input "${name}" is required; give it with --input ${name}=VALUE`);
    }
    const textValue = provided ?? (fallback === undefined || fallback === null ? '' : String(fallback));
    if (type === 'boolean') {
      if (provided !== undefined && !/^(true|false)$/i.test(provided)) problems.push(`input "${name}" is a boolean; "${provided}" is neither true nor false`);
      values[name] = /^true$/i.test(textValue);
    } else if (type === 'number') {
      const number = Number(textValue);
      if (textValue !== '' && Number.isNaN(number)) problems.push(`input "${name}" is a number; "${textValue}" is not`);
      values[name] = textValue === '' ? '' : number;
    } else {
      if (type === 'choice' && Array.isArray(spec.options) && provided !== undefined && !spec.options.map(String).includes(provided)) {
        problems.push(`input "${name}" must be one of ${spec.options.map((option) => `"${String(option)}"`).join(', ')}, not "${provided}"`);
      }
      values[name] = textValue;
    }
  }
  for (const name of Object.keys(given)) {
    if (!(name in declared)) problems.push(`input "${name}" is not declared under on.workflow_dispatch.inputs`);
  }
  return { values, problems };
}
