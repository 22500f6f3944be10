/**
 * Type checking of a parsed expression, after actionlint's rules: contexts and their properties,
 * functions (name, arity, argument types, format() placeholders, fromJSON() literals),
 * availability of contexts and special functions at a workflow key, and meaningless comparisons.
 * Never throws.
 */
import type { CallExpr, Expr, ExprProblem, ProblemCode } from './ast';
import { SPECIAL_FUNCTIONS } from './availability';
import { CONTEXT_TYPES } from './contexts';
import { parseFormatString } from './format-string';
import { arityText, FUNCTIONS, functionSpec } from './functions';
import { didYouMean } from './suggest';
import { lowercase } from '../lowercase';
import {
  anyType,
  arrayOf,
  boolType,
  describeType,
  mergeTypes,
  nullType,
  numberType,
  propertyType,
  stringType,
  typeOfJson,
  type ExprType,
  type ObjectType,
} from './types';
import { errorMessage } from '../../errors';

export interface CheckScope {
  /**
   * Types of contexts the caller knows (matrix, steps, needs, inputs, env, vars, secrets, jobs, ...);
   * they replace the defaults of CONTEXT_TYPES, which supply every other context.
   */
  readonly contexts: Readonly<Record<string, ExprType>>;
  /** Lowercase names of the contexts usable where the expression sits; undefined: all of them. */
  readonly available?: ReadonlySet<string>;
  /** Special functions usable there (always, cancelled, failure, hashFiles, success); undefined: all of them. */
  readonly functions?: ReadonlySet<string>;
}

export interface CheckResult {
  readonly type: ExprType;
  readonly problems: ExprProblem[];
}

export function checkExpression(expr: Expr, scope: CheckScope): CheckResult {
  let checker: Checker | undefined;
  try {
    checker = new Checker(scope);
    const type = checker.check(expr);
    return { type, problems: checker.problems };
  } catch (error) {
    // Only a hand-built tree deeper than the parser allows, or a malformed scope, can get here.
    const message = errorMessage(error);
    return {
      type: anyType,
      problems: [
        ...(checker?.problems ?? []),
        { code: 'limit', message: `The expression could not be checked (${message}).`, start: expr.start, end: expr.end, severity: 'error' },
      ],
    };
  }
}

/** Lowercase copies of the availability sets, made once per set: a workflow checks thousands of expressions against a few rows. */
const lowercaseSets = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
function lowercased(names: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!names) return undefined;
  let lower = lowercaseSets.get(names);
  if (!lower) {
    lower = new Set([...names].map((name) => name.toLowerCase()));
    lowercaseSets.set(names, lower);
  }
  return lower;
}

class Checker {
  readonly problems: ExprProblem[] = [];
  /** The caller's contexts (a handful, looked up by lowercase name); the built-in ones are looked up in CONTEXT_TYPES after them. */
  private readonly scopeContexts: CheckScope['contexts'];
  private readonly available: ReadonlySet<string> | undefined;
  private readonly functions: ReadonlySet<string> | undefined;

  /** How many property reads that are the whole left side of `||` or `&&` (a test of whether a value is there) enclose the one being checked. */
  private presenceTests = 0;

  constructor(scope: CheckScope) {
    this.scopeContexts = scope.contexts;
    this.available = lowercased(scope.available);
    this.functions = lowercased(scope.functions);
  }

  private contextType(key: string): ExprType | undefined {
    // The last name that lowercases to `key` wins, as a map filled in order would have it.
    let found: ExprType | undefined;
    for (const name in this.scopeContexts) if (lowercase(name) === key) found = this.scopeContexts[name];
    return found ?? (Object.prototype.hasOwnProperty.call(CONTEXT_TYPES, key) ? CONTEXT_TYPES[key] : undefined);
  }

  /** Every context name, built-in ones first (the order suggestions are made in). */
  private contextNames(): IterableIterator<string> {
    const names = new Map<string, true>();
    for (const name of Object.keys(CONTEXT_TYPES)) names.set(name, true);
    for (const name in this.scopeContexts) names.set(lowercase(name), true);
    return names.keys();
  }

  check(expr: Expr): ExprType {
    switch (expr.kind) {
      case 'literal':
        return literalType(expr.value);
      case 'context':
        return this.checkContext(expr.name, expr);
      case 'property':
        return this.property(expr, this.check(expr.receiver), expr.name, expr.receiver);
      case 'index':
        return this.checkIndex(expr);
      case 'filter':
        return this.filter(expr, this.check(expr.receiver));
      case 'call':
        return this.checkCall(expr);
      case 'not':
        this.check(expr.operand);
        return boolType;
      case 'binary':
        if (expr.operator === '&&' || expr.operator === '||') {
          // `a.b.c || x`, `a.b && ...`: the left side tests whether a value is there.
          const presence = expr.left.kind === 'property' || expr.left.kind === 'index' ? 1 : 0;
          this.presenceTests += presence;
          const left = this.narrowed(expr.left, expr.operator === '||');
          this.presenceTests -= presence;
          return mergeTypes(left, this.check(expr.right));
        }
        this.compare(expr.operator, this.check(expr.left), this.check(expr.right), expr, isEventRoot(expr.left) || isEventRoot(expr.right));
        return boolType;
    }
  }

  /** The type of `expr` when its value is known to be truthy (or falsy): `a && 60 || 20` is a number. */
  private narrowed(expr: Expr, truthy: boolean): ExprType {
    if (expr.kind === 'binary' && ((expr.operator === '&&' && truthy) || (expr.operator === '||' && !truthy))) {
      this.narrowed(expr.left, truthy);
      return this.narrowed(expr.right, truthy);
    }
    return this.check(expr);
  }

  private checkContext(name: string, at: Expr): ExprType {
    const key = lowercase(name);
    const type = this.contextType(key);
    if (!type) {
      this.report('unknown-context', `Unknown context "${name}".${didYouMean(name, this.contextNames())}`, at);
      return anyType;
    }
    if (this.available && !this.available.has(key)) {
      const names = [...this.available].sort();
      const allowed = names.length === 0 ? 'no context is available here' : `available here: ${names.map((n) => `"${n}"`).join(', ')}`;
      this.report('context-unavailable', `Context "${name}" is not available at this key (${allowed}).`, at);
      // One finding says it: its properties are not checked against a context that is not there.
      return anyType;
    }
    return type;
  }

  private property(at: Expr, receiverType: ExprType, name: string, receiver: Expr): ExprType {
    switch (receiverType.kind) {
      case 'any':
      case 'null':
        return anyType;
      case 'object':
        return this.objectProperty(at, receiverType, name, receiver);
      case 'array': {
        if (!receiverType.filtered) {
          this.report('type-mismatch', `${subject(receiver)} is an array, so it has no property "${name}".`, at);
          return anyType;
        }
        const elem = receiverType.elem;
        if (elem.kind === 'object') return arrayOf(this.objectProperty(at, elem, name, receiver), true);
        if (elem.kind === 'any' || elem.kind === 'array' || elem.kind === 'null') return arrayOf(anyType, true);
        this.report('type-mismatch', `The items filtered by ${subject(receiver)} are ${plural(elem)}, so they have no property "${name}".`, at);
        return arrayOf(anyType, true);
      }
      default:
        this.report('type-mismatch', `${subject(receiver)} is ${describeType(receiverType)}, so it has no property "${name}".`, at);
        return anyType;
    }
  }

  private objectProperty(at: Expr, object: ObjectType, name: string, receiver: Expr): ExprType {
    const type = propertyType(object, name);
    if (type) return type;
    const path = pathOf(receiver);
    const owner = receiver.kind === 'context' ? `Context "${receiver.name}"` : path ? `Object "${path}"` : 'The object';
    if (object.missingIsNull) {
      const message = `${owner} has no property "${name}" in any row of this job's matrix: GitHub evaluates it to an empty string.`;
      this.report('unknown-property', message, at, 'warning');
      return anyType;
    }
    const origin = object.origin ? ` in ${object.origin}` : '';
    // At the name: in `github.event.head_commit.messag` the mistake is the last word.
    const where = object.payload && at.kind === 'property' ? { start: at.nameStart, end: at.end } : at;
    if (object.elsewhere?.has(lowercase(name))) {
      // `github.event.pull_request.number || github.ref` in a push workflow: null here, by design.
      if (this.presenceTests === 0)
        this.report('unknown-property', `${owner} has no property "${name}"${origin}: only other events send it, so here it is always null.`, where, 'warning');
      return anyType;
    }
    if (object.undeclaredMayExist) {
      const message = `${owner} has no property "${name}"${origin}: it is empty unless the action sets it without declaring it.`;
      this.report('unknown-property', `${message}${didYouMean(name, Object.keys(object.props))}`, where, 'warning');
      return anyType;
    }
    this.report('unknown-property', `${owner} has no property "${name}"${origin}.${didYouMean(name, Object.keys(object.props))}`, where);
    return anyType;
  }

  private checkIndex(expr: Extract<Expr, { kind: 'index' }>): ExprType {
    const indexType = this.check(expr.index);
    const receiverType = this.check(expr.receiver);
    const literal = expr.index.kind === 'literal' ? expr.index.value : undefined;
    switch (receiverType.kind) {
      case 'any':
      case 'null':
        return anyType;
      case 'object':
        if (typeof literal === 'string') return this.property(expr, receiverType, literal, expr.receiver);
        if (indexType.kind === 'object' || indexType.kind === 'array') {
          this.report('type-mismatch', `An object cannot be indexed by ${describeType(indexType)}.`, expr.index);
          return anyType;
        }
        return receiverType.additional ?? anyType;
      case 'array':
        if (typeof literal === 'string' || ['object', 'array', 'bool', 'null'].includes(indexType.kind)) {
          this.report('type-mismatch', `An array index must be a number, not ${describeType(indexType)}.`, expr.index);
          return anyType;
        }
        return receiverType.filtered ? arrayOf(anyType, true) : receiverType.elem;
      default:
        this.report('type-mismatch', `${subject(expr.receiver)} is ${describeType(receiverType)}, so it cannot be indexed.`, expr);
        return anyType;
    }
  }

  private filter(at: Expr, receiverType: ExprType): ExprType {
    switch (receiverType.kind) {
      case 'any':
        return arrayOf(anyType, true);
      case 'object':
        return arrayOf(valuesType(receiverType), true);
      case 'array': {
        if (!receiverType.filtered) return arrayOf(receiverType.elem, true);
        // A filter over filtered items flattens them one more level.
        const elem = receiverType.elem;
        return arrayOf(elem.kind === 'array' ? elem.elem : elem.kind === 'object' ? valuesType(elem) : anyType, true);
      }
      default:
        this.report(
          'type-mismatch',
          `The filter "*" needs an object or an array, but ${subject(receiverOf(at), 'the value')} is ${describeType(receiverType)}.`,
          at,
        );
        return anyType;
    }
  }

  private checkCall(call: CallExpr): ExprType {
    const argTypes = call.args.map((arg) => this.check(arg));
    const fn = functionSpec(call.name);
    const at = { start: call.start, end: call.nameEnd };
    if (!fn) {
      const names = [...FUNCTIONS.values()].map((f) => f.name);
      this.report('unknown-function', `Unknown function "${call.name}".${didYouMean(call.name, names)}`, at);
      return anyType;
    }
    const key = lowercase(fn.name);
    if (fn.special && this.functions && !this.functions.has(key)) {
      const keys = SPECIAL_FUNCTIONS.get(key) ?? [];
      this.report(
        'function-unavailable',
        `Function "${fn.name}" is not available at this key; it is only allowed in ${listOr(keys.map((k) => `"${k}"`))}.`,
        at,
      );
    }
    const count = call.args.length;
    if (count < fn.minArgs || count > fn.maxArgs) {
      this.report('arity', `Function "${fn.name}" takes ${arityText(fn)}, but ${count} ${count === 1 ? 'was' : 'were'} given.`, call);
      return returnType(key, argTypes);
    }
    if (key === 'case' && count % 2 === 0) {
      this.report('arity', `Function "case" takes an odd number of arguments (condition and value pairs, then a default), but ${count} were given.`, call);
    }
    call.args.forEach((arg, index) => this.checkArgument(fn.name, key, index, count, arg, argTypes));
    if (key === 'format') this.checkFormat(call);
    if (key === 'fromjson') return this.checkFromJson(call);
    return returnType(key, argTypes);
  }

  private checkArgument(name: string, key: string, index: number, count: number, arg: Expr, argTypes: readonly ExprType[]): void {
    const type = argTypes[index] ?? anyType;
    const rule = argumentRule(key, index, count, argTypes);
    const composite = type.kind === 'object' || type.kind === 'array';
    if (rule === 'scalar' && composite) {
      this.report('argument-type', `Argument ${index + 1} of "${name}" should be a string, but it is ${describeType(type)}.`, arg);
    } else if (rule === 'scalar-or-array' && type.kind === 'object') {
      this.report('argument-type', `Argument ${index + 1} of "${name}" should be a string or an array, but it is an object.`, arg);
    } else if (rule === 'bool' && type.kind !== 'bool' && type.kind !== 'any') {
      this.report('argument-type', `Argument ${index + 1} of "${name}" is a condition and must be a boolean, but it is ${describeType(type)}.`, arg);
    }
  }

  private checkFormat(call: CallExpr): void {
    const first = call.args[0];
    if (first?.kind !== 'literal' || typeof first.value !== 'string') return;
    const shown = quoteShort(first.value);
    const parsed = parseFormatString(first.value);
    if (parsed.error !== undefined) {
      this.report('format-placeholders', `Format string ${shown} is invalid: ${parsed.error}.`, first);
      return;
    }
    const given = call.args.length - 1;
    // Each index once, in order, shown with the digits the string writes.
    const used = new Map<number, string>();
    for (const piece of parsed.pieces) if (typeof piece !== 'string' && !used.has(piece.index)) used.set(piece.index, piece.text);
    for (const [index, text] of [...used].sort(([a], [b]) => a - b)) {
      if (index >= given) {
        this.report(
          'format-placeholders',
          `Format string ${shown} uses placeholder {${text}}, but only ${given} value${given === 1 ? ' is' : 's are'} given.`,
          first,
        );
      }
    }
    call.args.slice(1).forEach((arg, index) => {
      if (!used.has(index)) this.report('format-placeholders', `Format string ${shown} has no placeholder {${index}} for this argument.`, arg, 'warning');
    });
  }

  private checkFromJson(call: CallExpr): ExprType {
    const arg = call.args[0];
    if (arg?.kind !== 'literal' || typeof arg.value !== 'string') return anyType;
    try {
      return typeOfJson(JSON.parse(arg.value));
    } catch (error) {
      const reason = errorMessage(error).split('\n')[0]?.replace(/\.$/, '');
      this.report('fromjson-literal', `fromJSON() is given a string that is not valid JSON (${reason}).`, arg);
      return anyType;
    }
  }

  private compare(operator: string, left: ExprType, right: ExprType, at: Expr, eventRoot: boolean): void {
    // A webhook payload's object may be absent (null) at run time: comparing it is a presence test.
    // `github.event` itself is always an object.
    const composite = (t: ExprType): boolean => (t.kind === 'object' && (!t.payload || eventRoot)) || t.kind === 'array';
    const scalar = (t: ExprType): boolean => t.kind === 'number' || t.kind === 'bool' || t.kind === 'string';
    if (operator === '==' || operator === '!=') {
      const outcome = operator === '==' ? 'it is always false' : 'it is always true';
      if ((composite(left) && scalar(right)) || (scalar(left) && composite(right))) {
        this.report(
          'object-comparison',
          `Comparing ${describeType(left)} with ${describeType(right)} using "${operator}" is meaningless: ${outcome}.`,
          at,
          'warning',
        );
      } else if (composite(left) && composite(right) && !canBeEqual(left, right)) {
        const message = `Comparing ${describeWithItems(left)} with ${describeWithItems(right)} using "${operator}" is meaningless: ${outcome}.`;
        this.report('object-comparison', message, at, 'warning');
      }
      return;
    }
    const unordered = (t: ExprType): boolean => composite(t) || t.kind === 'null' || t.kind === 'bool';
    if (unordered(left) || unordered(right)) {
      this.report('object-comparison', `Comparing ${describeType(left)} with ${describeType(right)} using "${operator}" is meaningless.`, at, 'warning');
    }
  }

  private report(code: ProblemCode, message: string, at: { start: number; end: number }, severity: 'error' | 'warning' = 'error'): void {
    this.problems.push({ code, message, start: at.start, end: at.end, severity });
  }
}

/**
 * Whether two objects or arrays can be equal, as actionlint judges it: an object never equals an
 * array, and arrays only when their items can be equal (scalars convert to one another).
 */
function canBeEqual(left: ExprType, right: ExprType): boolean {
  if (left.kind === 'any' || right.kind === 'any' || left.kind === 'null' || right.kind === 'null') return true;
  if (left.kind === 'array' && right.kind === 'array') return canBeEqual(left.elem, right.elem);
  const composite = (t: ExprType): boolean => t.kind === 'object' || t.kind === 'array';
  if (composite(left) || composite(right)) return left.kind === right.kind;
  return true;
}

/** "an array of numbers", "an object": arrays named with their items, for comparisons of two composites. */
function describeWithItems(type: ExprType): string {
  if (type.kind !== 'array' || type.elem.kind === 'any') return describeType(type);
  return `an array of ${plural(type.elem)}`;
}

type ArgumentRule = 'any' | 'scalar' | 'scalar-or-array' | 'bool';

function argumentRule(key: string, index: number, count: number, argTypes: readonly ExprType[]): ArgumentRule {
  switch (key) {
    case 'contains':
      return index === 0 ? 'scalar-or-array' : argTypes[0]?.kind === 'array' || argTypes[0]?.kind === 'any' ? 'any' : 'scalar';
    case 'startswith':
    case 'endswith':
    case 'fromjson':
    case 'hashfiles':
      return 'scalar';
    case 'format':
      return index === 0 ? 'scalar' : 'any';
    case 'join':
      return index === 0 ? 'scalar-or-array' : 'scalar';
    case 'case':
      return index % 2 === 0 && index < count - 1 ? 'bool' : 'any';
    default:
      return 'any';
  }
}

function returnType(key: string, argTypes: readonly ExprType[]): ExprType {
  switch (key) {
    case 'contains':
    case 'startswith':
    case 'endswith':
    case 'success':
    case 'always':
    case 'cancelled':
    case 'failure':
      return boolType;
    case 'format':
    case 'join':
    case 'tojson':
    case 'hashfiles':
      return stringType;
    case 'case': {
      const values = argTypes.filter((_, i) => i % 2 === 1 || i === argTypes.length - 1);
      return values.reduce<ExprType | undefined>((acc, t) => (acc ? mergeTypes(acc, t) : t), undefined) ?? anyType;
    }
    default:
      return anyType;
  }
}

function literalType(value: null | boolean | number | string): ExprType {
  if (value === null) return nullType;
  if (typeof value === 'boolean') return boolType;
  if (typeof value === 'number') return numberType;
  return stringType;
}

/** The type of the values of an object, as `.*` yields them. */
function valuesType(object: ObjectType): ExprType {
  const types = Object.values(object.props);
  if (object.additional) types.push(object.additional);
  else if (!object.strict) return anyType;
  return types.reduce<ExprType | undefined>((acc, t) => (acc ? mergeTypes(acc, t) : t), undefined) ?? anyType;
}

/** `github.event.issue`, `matrix['os']`, `fromJSON(...)`: a readable path for messages, or undefined. */
/** `github.event` itself (the whole payload), in any case. */
const isEventRoot = (expr: Expr): boolean => pathOf(expr)?.toLowerCase() === 'github.event';

export function pathOf(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'context':
      return expr.name;
    case 'property': {
      const base = pathOf(expr.receiver);
      return base === undefined ? undefined : `${base}.${expr.name}`;
    }
    case 'filter': {
      const base = pathOf(expr.receiver);
      return base === undefined ? undefined : `${base}.*`;
    }
    case 'index': {
      const base = pathOf(expr.receiver);
      if (base === undefined || expr.index.kind !== 'literal') return undefined;
      return typeof expr.index.value === 'string'
        ? `${base}['${expr.index.value.replace(/'/g, "''")}']`
        : `${base}[${expr.index.text ?? String(expr.index.value)}]`;
    }
    case 'call':
      return `${expr.name}(...)`;
    default:
      return undefined;
  }
}

function subject(expr: Expr, unnamed = 'The value'): string {
  const path = pathOf(expr);
  return path ? `"${path}"` : unnamed;
}

function receiverOf(expr: Expr): Expr {
  return expr.kind === 'property' || expr.kind === 'filter' || expr.kind === 'index' ? expr.receiver : expr;
}

function plural(type: ExprType): string {
  return describeType(type).replace(/^an? /, '') + 's';
}

function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'no key';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}

function quoteShort(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
