/**
 * The syntax tree of a GitHub Actions expression (the text inside `${{ }}`).
 * Offsets (`start`, `end`) are UTF-16 indexes into the parsed source, end exclusive.
 * Names keep the spelling the author wrote; every lookup compares them case-insensitively.
 */

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LiteralExpr extends Span {
  readonly kind: 'literal';
  readonly value: null | boolean | number | string;
  /** A number as written (`99999999999999999`, `0x1F`): what messages show, not the rounded value. */
  readonly text?: string;
}

/** A bare name such as `github` or `matrix`: always the root of a context access. */
export interface ContextExpr extends Span {
  readonly kind: 'context';
  readonly name: string;
}

/** `receiver.name` */
export interface PropertyExpr extends Span {
  readonly kind: 'property';
  readonly receiver: Expr;
  readonly name: string;
  readonly nameStart: number;
}

/** `receiver[index]` */
export interface IndexExpr extends Span {
  readonly kind: 'index';
  readonly receiver: Expr;
  readonly index: Expr;
}

/** `receiver.*` or `receiver[*]`: the values of an object or the items of an array. */
export interface FilterExpr extends Span {
  readonly kind: 'filter';
  readonly receiver: Expr;
}

export interface CallExpr extends Span {
  readonly kind: 'call';
  readonly name: string;
  readonly nameEnd: number;
  readonly args: readonly Expr[];
}

export interface NotExpr extends Span {
  readonly kind: 'not';
  readonly operand: Expr;
}

export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

export interface BinaryExpr extends Span {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}

export type Expr = LiteralExpr | ContextExpr | PropertyExpr | IndexExpr | FilterExpr | CallExpr | NotExpr | BinaryExpr;

export type ProblemCode =
  | 'syntax' // the text is not an expression
  | 'limit' // too long or too deeply nested to check
  | 'unknown-context'
  | 'unknown-property' // only reported on strictly typed objects
  | 'unknown-function'
  | 'arity'
  | 'argument-type'
  | 'type-mismatch' // property, index or filter applied to a value that cannot have one
  | 'format-placeholders'
  | 'fromjson-literal'
  | 'context-unavailable'
  | 'function-unavailable'
  | 'object-comparison';

export interface ExprProblem {
  readonly code: ProblemCode;
  /** One plain sentence naming the thing. */
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly severity: 'error' | 'warning';
}

/** The children of a node, in source order. */
export function childrenOf(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'literal':
    case 'context':
      return [];
    case 'property':
    case 'filter':
      return [expr.receiver];
    case 'index':
      return [expr.receiver, expr.index];
    case 'call':
      return expr.args;
    case 'not':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
  }
}
