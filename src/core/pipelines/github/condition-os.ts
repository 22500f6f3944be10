import { extractExpressions, isSingleExpression, type Expr } from '../expressions';
import { parsedExpression } from '../expressions/parse-cache';
import type { RunnerOs } from './data/runner-labels';

const OS_VALUES: Readonly<Record<string, RunnerOs>> = { linux: 'linux', windows: 'windows', macos: 'macos' };

/** The expression of an `if:` (the `${{ }}` wrapper is optional); undefined when it is text around one or does not parse. */
export function conditionExpression(condition: string): Expr | undefined {
  const text = condition.trim();
  if (text === '') return undefined;
  if (text.includes('${{') && !isSingleExpression(text)) return undefined;
  const source = isSingleExpression(text) ? (extractExpressions(text)[0]?.source ?? '') : text;
  return parsedExpression(source).expr; // the expression rule parses the same text: one parse serves both
}

/**
 * The runner OS an `if:` requires, when the condition can only be true where `runner.os` is that
 * one value: `runner.os == 'Windows'` alone, or as a term that `&&` requires. Anything less sure is undefined.
 */
export function requiredRunnerOs(condition: string | undefined): RunnerOs | undefined {
  const expr = condition === undefined ? undefined : conditionExpression(condition);
  return expr ? osOf(expr) : undefined;
}

function osOf(expr: Expr): RunnerOs | undefined {
  if (expr.kind !== 'binary') return undefined;
  if (expr.operator === '&&') return osOf(expr.left) ?? osOf(expr.right);
  if (expr.operator === '||') {
    const left = osOf(expr.left);
    return left && left === osOf(expr.right) ? left : undefined;
  }
  if (expr.operator !== '==') return undefined;
  const literal = isRunnerOs(expr.left) ? expr.right : isRunnerOs(expr.right) ? expr.left : undefined;
  return literal?.kind === 'literal' && typeof literal.value === 'string' ? OS_VALUES[literal.value.toLowerCase()] : undefined;
}

const isRunnerOs = (expr: Expr): boolean =>
  expr.kind === 'property' && expr.name.toLowerCase() === 'os' && expr.receiver.kind === 'context' && expr.receiver.name.toLowerCase() === 'runner';
