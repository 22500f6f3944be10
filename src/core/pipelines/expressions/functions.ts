import { lowercase } from '../lowercase';

/** The built-in functions: names, arities and the shape of their arguments. */

export interface FunctionSpec {
  /** The documented spelling; calls match it case-insensitively. */
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Status functions and hashFiles: only allowed at some workflow keys. */
  readonly special: boolean;
}

const spec = (name: string, minArgs: number, maxArgs: number, special = false): FunctionSpec => ({ name, minArgs, maxArgs, special });

/** Keyed by lowercase name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  [
    spec('contains', 2, 2),
    spec('startsWith', 2, 2),
    spec('endsWith', 2, 2),
    spec('format', 1, 255),
    spec('join', 1, 2),
    spec('toJSON', 1, 1),
    spec('fromJSON', 1, 1),
    spec('hashFiles', 1, 255, true),
    spec('success', 0, 0, true),
    spec('always', 0, 0, true),
    spec('cancelled', 0, 0, true),
    spec('failure', 0, 0, true),
    // case(pred1, value1, ..., default): an odd number of arguments, at least three.
    spec('case', 3, 255),
  ].map((fn) => [fn.name.toLowerCase(), fn]),
);

export const STATUS_FUNCTIONS: ReadonlySet<string> = new Set(['success', 'always', 'cancelled', 'failure']);

export function functionSpec(name: string): FunctionSpec | undefined {
  return FUNCTIONS.get(lowercase(name));
}

export function arityText(fn: FunctionSpec): string {
  const count = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (fn.minArgs === fn.maxArgs) return count(fn.minArgs);
  if (fn.maxArgs >= 255) return `at least ${count(fn.minArgs)}`;
  return `${fn.minArgs} or ${count(fn.maxArgs)}`;
}
