import { evaluateScalar, type Contexts, type EvaluationHooks } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';

/** Evaluates every `${{ }}` inside a YAML value (strings, lists, mappings), keeping types where GitHub does. */
export function evaluateDeep(value: unknown, contexts: Contexts, hooks?: EvaluationHooks): Value {
  if (typeof value === 'string') return value.includes('${{') ? evaluateScalar(value, contexts, hooks) : value;
  if (Array.isArray(value)) return value.map((item) => evaluateDeep(item, contexts, hooks));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, Value> = {};
    for (const [key, item] of Object.entries(value)) out[key] = evaluateDeep(item, contexts, hooks);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** A mapping of environment variables, evaluated, as strings (GitHub turns numbers and booleans into text). */
export function evaluateEnv(env: Readonly<Record<string, unknown>>, contexts: Contexts, hooks?: EvaluationHooks): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(env)) {
    const value = evaluateDeep(raw, contexts, hooks);
    out[key] = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

/** Text of a value as a step or log sees it. */
export const asText = (value: Value | undefined): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
