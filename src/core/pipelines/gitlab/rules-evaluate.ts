/**
 * GitLab's CI/CD variable expressions evaluated for a pipeline Shipshape can describe offline (a
 * push of a branch): variables known here have their values, a variable not defined is null, and
 * one that may hold anything (set in the project's settings, by a runner) is unknown, so the answer
 * is three-valued: true, false, or undefined for "cannot tell". Pure.
 */
import { acceptedTokens, type ExpressionToken } from './rules-expression';
import { re2RegExp } from './re2';

/** A variable's value; `unknown` when it cannot be known offline. */
export type VariableValue = string | null | typeof UNKNOWN;
export const UNKNOWN = Symbol('unknown');

type Value = string | null | boolean | RegExp | typeof UNKNOWN;

/** `/pattern/flags` as GitLab writes it, matched as RE2 matches it (see re2.ts). */
function regexOf(token: string): RegExp | undefined {
  const end = token.lastIndexOf('/');
  return re2RegExp(token.slice(1, end).replace(/\\\//g, '/'), token.slice(end + 1));
}

const truthy = (value: Value): boolean | undefined =>
  value === UNKNOWN ? undefined : value instanceof RegExp ? true : value === null || value === false || value === '' ? false : true;

function compare(operator: string, left: Value, right: Value): boolean | undefined {
  if (operator === '==' || operator === '!=') {
    if (left === UNKNOWN || right === UNKNOWN) return undefined;
    const same = String(left) === String(right) && (left === null) === (right === null);
    return operator === '==' ? same : !same;
  }
  // =~ and !~: a string (or a variable holding one) against a /regex/ (or a variable holding one, as GitLab 15+ allows).
  const pattern = right instanceof RegExp ? right : typeof right === 'string' && /^\/.*\/[ismU]*$/.test(right) ? regexOf(right) : undefined;
  if (left === UNKNOWN || right === UNKNOWN || !pattern) return undefined;
  const matched = typeof left === 'string' ? pattern.test(left) : false;
  return operator === '=~' ? matched : !matched;
}

/** Precedence climbing over GitLab's operators: comparisons bind tighter than &&, && tighter than ||. */
class Evaluator {
  private index = 0;
  constructor(
    private readonly tokens: readonly ExpressionToken[],
    private readonly variable: (name: string) => VariableValue,
  ) {}

  run(): boolean | undefined {
    const value = this.binary(12);
    return this.index === this.tokens.length ? truthy(value) : undefined;
  }

  private operand(): Value {
    const token = this.tokens[this.index++];
    if (!token) return UNKNOWN;
    if (token.kind === 'open') {
      const inner = this.binary(12);
      this.index++; // the `)`
      return inner;
    }
    const text = token.text;
    if (text.startsWith('$[[')) return UNKNOWN;
    if (text.startsWith('$')) return this.variable(text.slice(1));
    if (text.startsWith('"') || text.startsWith("'")) return text.slice(1, -1);
    if (text.startsWith('/')) return regexOf(text) ?? UNKNOWN;
    if (text === 'null') return null;
    if (text === 'true' || text === 'false') return text === 'true';
    return UNKNOWN;
  }

  private binary(level: number): Value {
    let left = level <= 10 ? this.operand() : this.binary(level - 1);
    for (;;) {
      const token = this.tokens[this.index];
      if (token?.kind !== 'operator' || token.precedence !== level) return left;
      this.index++;
      const right = level <= 10 ? this.operand() : this.binary(level - 1);
      left = combine(token.text, left, right);
    }
  }
}

function combine(operator: string, left: Value, right: Value): Value {
  if (operator === '&&' || operator === '||') {
    const a = truthy(left);
    const b = truthy(right);
    if (operator === '&&') return a === false || b === false ? false : a === undefined || b === undefined ? UNKNOWN : true;
    return a === true || b === true ? true : a === undefined || b === undefined ? UNKNOWN : false;
  }
  const result = compare(operator, left, right);
  return result === undefined ? UNKNOWN : result;
}

/** true, false, or undefined when GitLab would refuse the expression or a value it needs is not known offline. */
export function evaluateExpression(text: string, variable: (name: string) => VariableValue): boolean | undefined {
  const tokens = acceptedTokens(text);
  return tokens ? new Evaluator(tokens, variable).run() : undefined;
}
