/**
 * Evaluates a parsed Azure expression over named values. Pure; never throws: an unknown
 * function or named value, a wrong number of arguments or a run-time-only function at compile
 * time comes back as a problem in Azure's words.
 */
import type { AzureCall, AzureExpr, AzureExprProblem } from './ast';
import { azureFunction, callProblem, type AzureFunctionInfo } from './functions';
import { AzureUnknown, AzureVersion, compareAzure, isAzureObject, isUnknown, toBoolean, toJson, toNumber, toText, whyOpen, type AzureValue } from './values';

export interface AzureScope {
  /** The named values this place allows (lower case), e.g. `parameters`, `variables`. */
  readonly names: { has(name: string): boolean };
  /** The value of an allowed name; undefined reads as null. */
  value(name: string): AzureValue | undefined;
  /** Compile time (`${{ }}`): status functions and `counter` are refused. */
  readonly compileTime: boolean;
}

export type AzureEvaluation = { readonly value: AzureValue; readonly problem?: undefined } | { readonly value?: undefined; readonly problem: AzureExprProblem };

class EvaluationProblem extends Error {
  constructor(readonly problem: AzureExprProblem) {
    super(problem.message);
  }
}

const problemAt = (node: { start: number; end: number }, message: string): never => {
  throw new EvaluationProblem({ message, start: node.start, end: node.end });
};

export function evaluateAzure(expr: AzureExpr, scope: AzureScope): AzureEvaluation {
  try {
    return { value: evaluate(expr, scope) };
  } catch (error) {
    if (error instanceof EvaluationProblem) return { problem: error.problem };
    throw error;
  }
}

function member(receiver: AzureValue | undefined, key: AzureValue | undefined): AzureValue {
  if (isUnknown(receiver)) return receiver;
  if (isUnknown(key)) return key;
  if (Array.isArray(receiver)) {
    const index = toNumber(key ?? null);
    return Number.isInteger(index) ? ((receiver as AzureValue[])[index] ?? null) : null;
  }
  if (isAzureObject(receiver)) {
    const written = toText(key ?? null);
    // Names are matched ignoring case; most are written as declared, which needs no scan.
    if (Object.prototype.hasOwnProperty.call(receiver, written)) return receiver[written] as AzureValue;
    const wanted = written.toLowerCase();
    for (const name in receiver) if (Object.prototype.hasOwnProperty.call(receiver, name) && name.toLowerCase() === wanted) return receiver[name] as AzureValue;
    const why = whyOpen(receiver);
    if (why !== undefined) return new AzureUnknown(why);
  }
  return null;
}

function evaluate(expr: AzureExpr, scope: AzureScope): AzureValue {
  switch (expr.kind) {
    case 'literal':
      return expr.version ? new AzureVersion(expr.value as string) : expr.value;
    case 'name': {
      const name = expr.name.toLowerCase();
      if (!scope.names.has(name)) return problemAt(expr, `Unrecognized named-value: '${expr.name}'.`);
      return scope.value(name) ?? null;
    }
    case 'property':
      return filterAware(evaluate(expr.receiver, scope), expr.receiver, expr.name);
    case 'index': {
      const key = evaluate(expr.index, scope);
      return filterAware(evaluate(expr.receiver, scope), expr.receiver, key);
    }
    case 'filter': {
      const value = evaluate(expr.receiver, scope);
      if (isUnknown(value)) return value;
      if (Array.isArray(value)) return value;
      if (isAzureObject(value)) return Object.values(value);
      return [];
    }
    case 'call':
      return call(expr, scope);
  }
}

/** After a filter (`x[*]`), a property applies to every item (`x[*].id`). The key, not a closure: every property read comes here. */
function filterAware(receiver: AzureValue, node: AzureExpr, key: AzureValue): AzureValue {
  if (node.kind === 'filter' && Array.isArray(receiver)) return (receiver as AzureValue[]).map((value) => member(value, key));
  return member(receiver, key);
}

function call(expr: AzureCall, scope: AzureScope): AzureValue {
  const problem = callProblem(expr, scope.compileTime);
  if (problem) throw new EvaluationProblem(problem);
  const info = azureFunction(expr.name) as AzureFunctionInfo;
  if (info.name === 'and' || info.name === 'or') return logical(info.name, expr.args, scope);
  if (info.name === 'iif') {
    const condition = evaluate(expr.args[0] as AzureExpr, scope);
    if (isUnknown(condition)) return condition;
    return evaluate(expr.args[toBoolean(condition) ? 1 : 2] as AzureExpr, scope);
  }
  if (info.name === 'coalesce') {
    for (const node of expr.args) {
      const value = evaluate(node, scope);
      if (isUnknown(value) || (value !== null && value !== '')) return value;
    }
    return null;
  }
  // Every argument is evaluated (problems in any of them are reported); an unknown one makes the answer unknown.
  const values = expr.args.map((node) => evaluate(node, scope));
  const unknown = values.find(isUnknown);
  if (unknown) return unknown;
  if (info.runtimeOnly) return new AzureUnknown(`${info.name}() is decided at run time`);
  // No closures over `values`: this runs for every call of every expression evaluated.
  const first = values[0] as AzureValue;
  const second = values[1] as AzureValue;
  switch (info.name) {
    case 'xor':
      return toBoolean(first) !== toBoolean(second);
    case 'not':
      return !toBoolean(first);
    case 'eq':
      return compareAzure(first, second) === 0;
    case 'ne':
      return compareAzure(first, second) !== 0;
    case 'gt':
      return (compareAzure(first, second) ?? 0) > 0;
    case 'ge':
      return compareAzure(first, second) !== undefined && (compareAzure(first, second) as number) >= 0;
    case 'lt':
      return (compareAzure(first, second) ?? 0) < 0;
    case 'le':
      return compareAzure(first, second) !== undefined && (compareAzure(first, second) as number) <= 0;
    case 'in':
    case 'notIn': {
      const [left, ...rest] = values;
      const found = rest.some((value) => compareAzure(left, value) === 0);
      return info.name === 'in' ? found : !found;
    }
    case 'contains':
      return toText(first).toUpperCase().includes(toText(second).toUpperCase());
    case 'startsWith':
      return toText(first).toUpperCase().startsWith(toText(second).toUpperCase());
    case 'endsWith':
      return toText(first).toUpperCase().endsWith(toText(second).toUpperCase());
    case 'containsValue': {
      const collection = first;
      const wanted = second;
      const items = Array.isArray(collection) ? (collection as AzureValue[]) : isAzureObject(collection) ? Object.values(collection) : [];
      return items.some((item) => compareAzure(item, wanted) === 0);
    }
    case 'convertToJson':
      return toJson(first);
    case 'format':
      return formatAzure(toText(first), values.slice(1));
    case 'join': {
      const items = second;
      if (Array.isArray(items)) return (items as AzureValue[]).map((item) => toText(item)).join(toText(first));
      return toText(items);
    }
    case 'length': {
      const value = first;
      if (typeof value === 'string') return value.length;
      if (Array.isArray(value)) return value.length;
      if (isAzureObject(value)) return Object.keys(value).length;
      return 0;
    }
    case 'lower':
      return toText(first).toLowerCase();
    case 'upper':
      return toText(first).toUpperCase();
    case 'replace':
      return toText(first).split(toText(second)).join(toText(values[2]));
    case 'split':
      return toText(second) === '' ? [toText(first)] : toText(first).split(toText(second));
    case 'trim':
      return toText(first).trim();
    default:
      return new AzureUnknown(`${info.name}() is not evaluated offline`);
  }
}

/** `and`/`or` short-circuit: a decisive known argument wins over unknown ones before it. */
function logical(name: 'and' | 'or', nodes: readonly AzureExpr[], scope: AzureScope): AzureValue {
  let unknown: AzureUnknown | undefined;
  for (const node of nodes) {
    const value = evaluate(node, scope);
    if (isUnknown(value)) unknown ??= value;
    else if (toBoolean(value) === (name === 'or')) return name === 'or';
  }
  return unknown ?? name === 'and';
}

/** `format('{0}-{1}', a, b)`; `{{` and `}}` print braces; a format specifier (`{0:yyyyMMdd}`) keeps the plain value. */
export function formatAzure(template: string, values: readonly AzureValue[]): string {
  return template.replace(/\{\{|\}\}|\{(\d+)(?::[^}]*)?\}/g, (match, index: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    return toText(values[Number(index)] ?? null);
  });
}
