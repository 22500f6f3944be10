/**
 * Checks an expression without evaluating it: every function known and given the right number of
 * arguments, every named value allowed in this place, run-time-only functions kept out of
 * `${{ }}`. Reports all problems, in every branch (evaluation would stop at the first).
 */
import type { AzureExpr, AzureExprProblem } from './ast';
import { azureFunction, callProblem } from './functions';
import { parseAzureExpression } from './parser';

export interface CheckPlace {
  /** Named values allowed here (lower case). */
  readonly names: ReadonlySet<string>;
  readonly compileTime: boolean;
}

/** Where run-time expressions are read: `condition:` and `$[ ]` values. */
export const RUNTIME_NAMES: ReadonlySet<string> = new Set(['variables', 'dependencies', 'stagedependencies', 'pipeline', 'resources']);

export function checkAzureExpression(source: string, place: CheckPlace): AzureExprProblem[] {
  const parsed = parseAzureExpression(source);
  if (parsed.problem) return [parsed.problem];
  const problems: AzureExprProblem[] = [];
  const visit = (expr: AzureExpr): void => {
    switch (expr.kind) {
      case 'literal':
        return;
      case 'name':
        if (!place.names.has(expr.name.toLowerCase()))
          problems.push({ message: `Unrecognized named-value: '${expr.name}'.`, start: expr.start, end: expr.end });
        return;
      case 'property':
      case 'filter':
        visit(expr.receiver);
        return;
      case 'index':
        visit(expr.receiver);
        visit(expr.index);
        return;
      case 'call': {
        const info = azureFunction(expr.name);
        const problem = callProblem(expr, place.compileTime);
        if (problem) problems.push(problem);
        // The names given to succeeded()/failed() are job or stage names, not named values.
        if (info && /^(succeeded|failed|succeededorfailed)$/i.test(info.name)) return;
        for (const arg of expr.args) visit(arg);
        return;
      }
    }
  };
  visit(parsed.expr);
  return problems;
}
