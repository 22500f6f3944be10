/**
 * Evaluation with GitHub's semantics, for the local runner: `&&`/`||` return an operand,
 * comparisons coerce as the runner does, property access ignores case, filters (`.*`) map.
 * Throws only an Error with a message for a person (bad syntax, bad format string, invalid JSON).
 */
import type { CallExpr, Expr } from './ast';
import { childrenOf } from './ast';
import { parseFormatString } from './format-string';
import { arityText, functionSpec, STATUS_FUNCTIONS } from './functions';
import { parseExpression } from './parser';
import { extractExpressions, isSingleExpression } from './templates';
import { compareValues, getProperty, isPrimitive, isTruthy, kindOf, looseEquals, toDisplayString, toNumber, type Value } from './values';
import { errorMessage } from '../../errors';

export type StatusFunction = 'success' | 'failure' | 'cancelled' | 'always';

export interface EvaluationHooks {
  /** The job's status functions; without it success() and always() are true, failure() and cancelled() false. */
  status?(name: StatusFunction): boolean;
  /** hashFiles(); without it a call throws, since evaluation does no I/O. */
  hashFiles?(patterns: string[]): string;
}

export type Contexts = Readonly<Record<string, Value>>;

/** Arrays made by a filter: a following property or index maps over their items. */
const filtered = new WeakSet<readonly Value[]>();

const makeFiltered = (items: Value[]): Value[] => {
  filtered.add(items);
  return items;
};

export function evaluate(expr: Expr, contexts: Contexts, hooks: EvaluationHooks = {}): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'context':
      return getProperty(contexts, expr.name) ?? null;
    case 'property':
      return access(evaluate(expr.receiver, contexts, hooks), expr.name);
    case 'index': {
      const receiver = evaluate(expr.receiver, contexts, hooks);
      return access(receiver, evaluate(expr.index, contexts, hooks));
    }
    case 'filter':
      return filter(evaluate(expr.receiver, contexts, hooks));
    case 'call':
      return call(expr, contexts, hooks);
    case 'not':
      return !isTruthy(evaluate(expr.operand, contexts, hooks));
    case 'binary': {
      const left = evaluate(expr.left, contexts, hooks);
      if (expr.operator === '&&') return isTruthy(left) ? evaluate(expr.right, contexts, hooks) : left;
      if (expr.operator === '||') return isTruthy(left) ? left : evaluate(expr.right, contexts, hooks);
      const right = evaluate(expr.right, contexts, hooks);
      switch (expr.operator) {
        case '==':
          return looseEquals(left, right);
        case '!=':
          return !looseEquals(left, right);
        case '<':
          return compareValues(left, right) === -1;
        case '>':
          return compareValues(left, right) === 1;
        case '<=':
          return looseEquals(left, right) || compareValues(left, right) === -1;
        case '>=':
          return looseEquals(left, right) || compareValues(left, right) === 1;
      }
    }
  }
}

/** `value.key` or `value[key]`: null when there is no such property or item. */
function access(value: Value, key: Value): Value {
  if (Array.isArray(value) && filtered.has(value)) {
    const out: Value[] = [];
    for (const item of value as readonly Value[]) {
      const found = item !== null && typeof item === 'object' ? lookup(item, key) : undefined;
      if (found !== undefined) out.push(found);
    }
    return makeFiltered(out);
  }
  if (value !== null && typeof value === 'object') return lookup(value, key) ?? null;
  return null;
}

function lookup(container: Value[] | readonly Value[] | { readonly [key: string]: Value }, key: Value): Value | undefined {
  if (!isPrimitive(key)) return undefined;
  if (Array.isArray(container)) {
    const index = toNumber(key);
    return Number.isInteger(index) && index >= 0 && index < container.length ? container[index] : undefined;
  }
  return getProperty(container as { readonly [key: string]: Value }, toDisplayString(key));
}

/** `value.*`: the items of an array or the values of an object; over filtered items, one level flatter. */
function filter(value: Value): Value {
  if (Array.isArray(value)) {
    const items = value as readonly Value[];
    if (!filtered.has(items)) return makeFiltered([...items]);
    const out: Value[] = [];
    for (const item of items) {
      if (Array.isArray(item)) out.push(...(item as readonly Value[]));
      else if (item !== null && typeof item === 'object') out.push(...Object.values(item));
    }
    return makeFiltered(out);
  }
  if (value !== null && typeof value === 'object') return makeFiltered(Object.values(value));
  return makeFiltered([]);
}

function call(expr: CallExpr, contexts: Contexts, hooks: EvaluationHooks): Value {
  const fn = functionSpec(expr.name);
  if (!fn) throw new Error(`Unknown function "${expr.name}".`);
  const count = expr.args.length;
  if (count < fn.minArgs || count > fn.maxArgs)
    throw new Error(`Function "${fn.name}" takes ${arityText(fn)}, but ${count} ${count === 1 ? 'was' : 'were'} given.`);
  const name = fn.name.toLowerCase();
  if (name === 'case') return caseOf(expr, contexts, hooks);
  if (STATUS_FUNCTIONS.has(name)) return statusOf(name as StatusFunction, hooks);
  const args = expr.args.map((arg) => evaluate(arg, contexts, hooks));
  const [first = null, second = null] = args;
  switch (name) {
    case 'contains':
      if (Array.isArray(first)) return (first as readonly Value[]).some((item) => looseEquals(second, item));
      return isPrimitive(first) && isPrimitive(second) && foldCase(toDisplayString(first)).includes(foldCase(toDisplayString(second)));
    case 'startswith':
      return isPrimitive(first) && isPrimitive(second) && foldCase(toDisplayString(first)).startsWith(foldCase(toDisplayString(second)));
    case 'endswith':
      return isPrimitive(first) && isPrimitive(second) && foldCase(toDisplayString(first)).endsWith(foldCase(toDisplayString(second)));
    case 'format':
      return format(toDisplayString(first), args.slice(1));
    case 'join': {
      if (isPrimitive(first)) return toDisplayString(first);
      if (!Array.isArray(first)) return '';
      const separator = count > 1 && isPrimitive(second) ? toDisplayString(second) : ',';
      return (first as readonly Value[]).map(toDisplayString).join(separator);
    }
    case 'tojson':
      return JSON.stringify(first, null, 2);
    case 'fromjson':
      return fromJson(toDisplayString(first));
    case 'hashfiles':
      if (!hooks.hashFiles) throw new Error('hashFiles() needs access to the workspace files, and none was given.');
      return hooks.hashFiles(args.map(toDisplayString));
    default:
      throw new Error(`Function "${fn.name}" cannot be evaluated here.`);
  }
}

function statusOf(name: StatusFunction, hooks: EvaluationHooks): boolean {
  if (hooks.status) return hooks.status(name);
  return name === 'success' || name === 'always';
}

/** case(cond1, value1, cond2, value2, ..., default): conditions are evaluated in order and must be booleans. */
function caseOf(expr: CallExpr, contexts: Contexts, hooks: EvaluationHooks): Value {
  const args = expr.args;
  if (args.length % 2 === 0) throw new Error(`Function "case" takes an odd number of arguments, but ${args.length} were given.`);
  for (let i = 0; i + 1 < args.length; i += 2) {
    const condition = evaluate(args[i] as Expr, contexts, hooks);
    if (typeof condition !== 'boolean') throw new Error(`Argument ${i + 1} of "case" must be a boolean, but it is ${kindOf(condition)}.`);
    if (condition) return evaluate(args[i + 1] as Expr, contexts, hooks);
  }
  return evaluate(args[args.length - 1] as Expr, contexts, hooks);
}

function format(template: string, values: readonly Value[]): string {
  const parsed = parseFormatString(template);
  if (parsed.error !== undefined) throw new Error(`The format string ${JSON.stringify(template)} is invalid: ${parsed.error}.`);
  return parsed.pieces
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      if (piece.index >= values.length)
        throw new Error(`The format string ${JSON.stringify(template)} uses {${piece.text}}, but only ${values.length} values were given.`);
      return toDisplayString(values[piece.index] ?? null);
    })
    .join('');
}

function fromJson(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (error) {
    const reason = errorMessage(error).split('\n')[0];
    const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
    throw new Error(`fromJSON() could not parse ${shown}: ${reason}`);
  }
}

const foldCase = (text: string): string => text.toUpperCase();

/** Parses and evaluates the source of one expression; syntax problems become an Error. */
export function evaluateSource(source: string, contexts: Contexts, hooks: EvaluationHooks = {}): Value {
  return evaluate(parseOrThrow(source), contexts, hooks);
}

function parseOrThrow(source: string): Expr {
  const { expr, problems } = parseExpression(source);
  if (!expr) throw new Error(`Cannot evaluate "${source.trim()}": ${problems[0]?.message ?? 'it is not an expression.'}`);
  return expr;
}

/** Replaces each `${{ }}` in `text` with the string form of its value; `inlined` is told each of those strings. */
export function evaluateTemplate(text: string, contexts: Contexts, hooks: EvaluationHooks = {}, inlined?: (value: string) => void): string {
  let out = '';
  let last = 0;
  for (const part of extractExpressions(text)) {
    if (!part.closed) throw new Error(`The expression starting at offset ${part.start} is not closed with "}}".`);
    const value = toDisplayString(evaluateSource(part.source, contexts, hooks));
    inlined?.(value);
    out += text.slice(last, part.start) + value;
    last = part.end;
  }
  return out + text.slice(last);
}

/** A YAML scalar: exactly one `${{ }}` keeps its value's type (a number, an object); anything else is a string. */
export function evaluateScalar(text: string, contexts: Contexts, hooks: EvaluationHooks = {}): Value {
  if (isSingleExpression(text)) return evaluateSource(extractExpressions(text)[0]?.source ?? '', contexts, hooks);
  return evaluateTemplate(text, contexts, hooks);
}

/**
 * An `if:` condition as GitHub runs it: the `${{ }}` wrapper is optional, and a condition that calls
 * no status function means `success() && (condition)`. Text around a `${{ }}` makes the whole a
 * string, which is truthy whenever it is not empty.
 */
export function evaluateCondition(condition: string, contexts: Contexts, hooks: EvaluationHooks = {}): boolean {
  const text = condition.trim();
  if (text === '') return statusOf('success', hooks);
  if (!isSingleExpression(text) && text.includes('${{')) {
    const usesStatus = extractExpressions(text).some((part) => callsStatusFunction(parseOrThrow(part.source)));
    if (!usesStatus && !statusOf('success', hooks)) return false;
    return isTruthy(evaluateTemplate(text, contexts, hooks));
  }
  const source = isSingleExpression(text) ? (extractExpressions(text)[0]?.source ?? '') : text;
  const expr = parseOrThrow(source);
  if (!callsStatusFunction(expr) && !statusOf('success', hooks)) return false;
  return isTruthy(evaluate(expr, contexts, hooks));
}

/** True when the expression calls success(), failure(), cancelled() or always() anywhere. */
export function callsStatusFunction(expr: Expr): boolean {
  if (expr.kind === 'call' && STATUS_FUNCTIONS.has(expr.name.toLowerCase())) return true;
  return childrenOf(expr).some(callsStatusFunction);
}
