import { strict as assert } from 'node:assert';
import { parseExpression, type Expr } from '../../../src/core/pipelines/expressions';

/** Parses source that must be valid, failing the test with the problem otherwise. */
export function parsed(source: string): Expr {
  const result = parseExpression(source);
  assert.deepEqual(result.problems, [], `problems parsing ${source}`);
  assert.ok(result.expr, `no tree for ${source}`);
  return result.expr;
}

/** A compact S-expression of a tree, to assert its shape. */
export function show(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? `'${expr.value}'` : String(expr.value);
    case 'context':
      return expr.name;
    case 'property':
      return `${show(expr.receiver)}.${expr.name}`;
    case 'index':
      return `${show(expr.receiver)}[${show(expr.index)}]`;
    case 'filter':
      return `${show(expr.receiver)}.*`;
    case 'call':
      return `${expr.name}(${expr.args.map(show).join(', ')})`;
    case 'not':
      return `(! ${show(expr.operand)})`;
    case 'binary':
      return `(${expr.operator} ${show(expr.left)} ${show(expr.right)})`;
  }
}
