import { childrenOf, type Expr } from './ast';
import { evaluate } from './evaluator';
import { STATUS_FUNCTIONS } from './functions';
import { isTruthy } from './values';

/**
 * Whether a condition is always truthy (true) or always falsy (false), whatever the contexts and
 * the job's status; undefined when it depends on them. A part without contexts, status functions
 * or hashFiles() is evaluated; `&&` and `||` are decided by one side when that side settles them
 * (`x && false` is falsy: it is x, falsy, or false), `!` flips.
 */
export function constantTruth(expr: Expr): boolean | undefined {
  if (isConstant(expr)) {
    try {
      return isTruthy(evaluate(expr, {}));
    } catch {
      return undefined; // e.g. fromJSON of bad JSON: the expression rule reports it
    }
  }
  if (expr.kind === 'not') {
    const operand = constantTruth(expr.operand);
    return operand === undefined ? undefined : !operand;
  }
  if (expr.kind === 'binary' && (expr.operator === '&&' || expr.operator === '||')) {
    const left = constantTruth(expr.left);
    const right = constantTruth(expr.right);
    const decisive = expr.operator === '||';
    if (left === decisive || right === decisive) return decisive;
    return left !== undefined && left === right ? left : undefined;
  }
  return undefined;
}

function isConstant(expr: Expr): boolean {
  if (expr.kind === 'context') return false;
  if (expr.kind === 'call') {
    const name = expr.name.toLowerCase();
    if (STATUS_FUNCTIONS.has(name) || name === 'hashfiles') return false;
  }
  return childrenOf(expr).every(isConstant);
}
