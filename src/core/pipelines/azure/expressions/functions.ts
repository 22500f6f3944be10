/**
 * Azure Pipelines' expression functions: arity and where they may be used. From Microsoft's
 * "Expressions" reference; names compare case-insensitively as the service does.
 */
import type { AzureCall, AzureExprProblem } from './ast';

export interface AzureFunctionInfo {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Only at run time (`$[ ]`, `condition:`): status functions and `counter`. */
  readonly runtimeOnly?: true;
  readonly doc: string;
}

const MANY = Number.POSITIVE_INFINITY;

const FUNCTIONS: readonly AzureFunctionInfo[] = [
  { name: 'and', min: 2, max: MANY, doc: 'True if all parameters are true (short-circuits).' },
  { name: 'or', min: 2, max: MANY, doc: 'True if any parameter is true (short-circuits).' },
  { name: 'xor', min: 2, max: 2, doc: 'True if exactly one parameter is true.' },
  { name: 'not', min: 1, max: 1, doc: 'True if the parameter is false.' },
  { name: 'eq', min: 2, max: 2, doc: 'True if the parameters are equal (strings ignore case; the right side is converted to the left side’s type).' },
  { name: 'ne', min: 2, max: 2, doc: 'True if the parameters are not equal.' },
  { name: 'gt', min: 2, max: 2, doc: 'True if the left parameter is greater than the right.' },
  { name: 'ge', min: 2, max: 2, doc: 'True if the left parameter is greater than or equal to the right.' },
  { name: 'lt', min: 2, max: 2, doc: 'True if the left parameter is less than the right.' },
  { name: 'le', min: 2, max: 2, doc: 'True if the left parameter is less than or equal to the right.' },
  { name: 'in', min: 2, max: MANY, doc: 'True if the left parameter equals any of the others.' },
  { name: 'notIn', min: 2, max: MANY, doc: 'True if the left parameter equals none of the others.' },
  { name: 'contains', min: 2, max: 2, doc: 'True if the left string contains the right (ignoring case).' },
  { name: 'containsValue', min: 2, max: 2, doc: 'True if the array (or the object’s values) holds the value.' },
  { name: 'startsWith', min: 2, max: 2, doc: 'True if the left string starts with the right (ignoring case).' },
  { name: 'endsWith', min: 2, max: 2, doc: 'True if the left string ends with the right (ignoring case).' },
  { name: 'coalesce', min: 1, max: MANY, doc: 'The first parameter that is not null or an empty string.' },
  { name: 'convertToJson', min: 1, max: 1, doc: 'The value as JSON text.' },
  { name: 'counter', min: 2, max: 2, runtimeOnly: true, doc: 'A number that grows by one on each run with the same prefix, starting at the seed.' },
  { name: 'format', min: 1, max: MANY, doc: 'Replaces {0}, {1}… in the first parameter with the others.' },
  { name: 'iif', min: 3, max: 3, doc: 'The second parameter if the first is true, else the third.' },
  { name: 'join', min: 2, max: 2, doc: 'Joins the items of an array with the separator (first parameter).' },
  { name: 'length', min: 1, max: 1, doc: 'The length of a string, or the number of items of an array or object.' },
  { name: 'lower', min: 1, max: 1, doc: 'The string in lower case.' },
  { name: 'upper', min: 1, max: 1, doc: 'The string in upper case.' },
  { name: 'replace', min: 3, max: 3, doc: 'Replaces every occurrence of the second parameter in the first with the third.' },
  { name: 'split', min: 2, max: 2, doc: 'The string split at each delimiter, as an array.' },
  { name: 'trim', min: 1, max: 1, doc: 'The string without leading and trailing white space.' },
  { name: 'always', min: 0, max: 0, runtimeOnly: true, doc: 'Always true, even when the run was canceled.' },
  { name: 'canceled', min: 0, max: 0, runtimeOnly: true, doc: 'True if the run was canceled.' },
  { name: 'failed', min: 0, max: MANY, runtimeOnly: true, doc: 'True if a previous dependency (or the named jobs or stages) failed.' },
  { name: 'succeeded', min: 0, max: MANY, runtimeOnly: true, doc: 'True if previous dependencies (or the named jobs or stages) succeeded.' },
  { name: 'succeededOrFailed', min: 0, max: MANY, runtimeOnly: true, doc: 'True unless the run was canceled.' },
];

const BY_NAME = new Map(FUNCTIONS.map((info) => [info.name.toLowerCase(), info]));

export function azureFunction(name: string): AzureFunctionInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/**
 * What is wrong with a call before any argument is looked at: an unknown function, the wrong number
 * of arguments, a run-time-only function in `${{ }}`. One place for evaluation and checking alike.
 */
export function callProblem(call: AzureCall, compileTime: boolean): AzureExprProblem | undefined {
  const info = azureFunction(call.name);
  // Built only for a problem: every evaluated call asks.
  if (!info) return { message: `Unrecognized function: '${call.name}'.`, start: call.start, end: call.nameEnd };
  if (call.args.length < info.min || call.args.length > info.max) {
    const wanted = info.min === info.max ? `${info.min}` : info.max === Infinity ? `at least ${info.min}` : `${info.min} to ${info.max}`;
    return {
      message: `Function '${info.name}' takes ${wanted} parameter${wanted === '1' ? '' : 's'}, not ${call.args.length}.`,
      start: call.start,
      end: call.end,
    };
  }
  if (info.runtimeOnly && compileTime)
    return { message: `Function '${info.name}' is only available at run time, not in a template expression.`, start: call.start, end: call.nameEnd };
  return undefined;
}

export function azureFunctionNames(): readonly string[] {
  return FUNCTIONS.map((info) => info.name);
}
