import type { ErrorObject } from 'ajv';
import { suggest } from '../github/data/suggest';
import { expectationOf, isAlternatives, isCustom, isRequiredOneOf, type SelectedError } from './error-selection';

/** Names the place an instance path points at, the way a person would. */
export function describePlace(
  segments: readonly string[],
  document: 'workflow' | 'action' | 'config',
  stepName: (job: string, index: number) => string | undefined,
): string {
  const [first, second, third, fourth] = segments;
  if (segments.length === 0) return `the ${document}`;
  if (document === 'workflow' && first === 'jobs' && second !== undefined) {
    if (third === 'steps' && fourth !== undefined && segments.length === 4) {
      const index = Number(fourth);
      const name = stepName(second, index);
      return `step ${name ? `"${name}"` : index + 1} of job "${second}"`;
    }
    if (segments.length === 2) return `job "${second}"`;
    return `"${segments.slice(2).join('.')}" of job "${second}"`;
  }
  if (document === 'workflow' && first === 'on' && second !== undefined && segments.length === 2) return `the "${second}" event`;
  return `"${segments.join('.')}"`;
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function joinAlternatives(words: readonly string[]): string {
  // The expression form goes last: "a number or an expression".
  const unique = [...new Set(words)].sort((a, b) => Number(a.startsWith('an expression')) - Number(b.startsWith('an expression')));
  if (unique.length <= 1) return unique[0] ?? 'something else';
  const head = unique.slice(0, -1).join(', ');
  return `${head}${head.includes(' or ') ? ',' : ''} or ${unique[unique.length - 1]}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One sentence for one selected schema error. `where` names the instance's parent place; `key` its own name. */
export function schemaMessage(error: SelectedError, key: string | undefined, where: string, parentPlace: string, valueText?: string): string {
  // The value as the file writes it, when the caller has it (a number's own digits).
  const show = (value: unknown): string => valueText ?? showValue(value);
  if (isCustom(error)) return `${capitalize(where)} ${error.sentence}`;
  if (isRequiredOneOf(error)) {
    // Steps may also be wait/cancel steps (a preview); people mean uses or run.
    const preferred = error.keys.includes('uses') && error.keys.includes('run') ? ['uses', 'run'] : error.keys;
    const keys = preferred.map((k) => `"${k}"`);
    return `${capitalize(where)} needs ${keys.length === 2 ? `${keys[0]} or ${keys[1]}` : `one of ${keys.join(', ')}`}.`;
  }
  if (isAlternatives(error)) {
    return `${key ? `"${key}" in ${parentPlace}` : capitalize(where)} must be ${joinAlternatives(error.expected)}, not ${show(error.data)}.`;
  }
  const ajvError = error as ErrorObject;
  const params = ajvError.params as Record<string, unknown>;
  switch (ajvError.keyword) {
    case 'additionalProperties': {
      const unknown = String(params.additionalProperty);
      const known = Object.keys((ajvError.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = suggest(unknown, known);
      return `Unknown key "${unknown}" in ${where}.${hint ? ` Did you mean "${hint}"?` : ''}`;
    }
    case 'required':
      return `${capitalize(where)} is missing the required key "${String(params.missingProperty)}".`;
    case 'type':
    case 'pattern':
    case 'const':
      return `${key ? `"${key}" in ${parentPlace}` : capitalize(where)} must be ${joinAlternatives(expectationOf(ajvError))}, not ${show(ajvError.data)}.`;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof ajvError.data === 'string' ? suggest(ajvError.data, allowed) : undefined;
      const subject = key ? `"${key}" in ${parentPlace}` : capitalize(where);
      // Long lists (events, icons) help nobody in one line: name the value and suggest.
      if (allowed.length > 12) return `${show(ajvError.data)} is not a valid value for ${subject}.${hint ? ` Did you mean "${hint}"?` : ''}`;
      return `${subject} must be one of ${allowed.join(', ')}, not ${show(ajvError.data)}.${hint ? ` Did you mean "${hint}"?` : ''}`;
    }
    case 'false schema':
      return `"${key ?? ''}" cannot be used in ${parentPlace} with the keys it has.`;
    case 'minItems':
    case 'minProperties':
      return Number(params.limit) <= 1
        ? `${key ? `"${key}" in ${parentPlace}` : capitalize(where)} must not be empty.`
        : `${capitalize(where)} needs at least ${String(params.limit)} entries.`;
    case 'maxItems':
    case 'maxProperties':
      return `${capitalize(where)} has more than the ${String(params.limit)} entries allowed.`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${key ? `"${key}" in ${parentPlace}` : capitalize(where)} must be ${String(params.comparison)} ${String(params.limit)}.`;
    case 'not':
      return `${capitalize(where)} has a combination of keys that is not allowed.`;
    case 'dependencies':
    case 'dependentRequired':
      return `${capitalize(where)} has "${String(params.property)}", which needs "${String(params.missingProperty)}" too.`;
    case 'oneOf':
      return `${capitalize(where)} matches more than one allowed form; remove the keys that do not belong together.`;
    default:
      return `${capitalize(where)}: ${ajvError.message ?? 'is not valid'}.`;
  }
}
