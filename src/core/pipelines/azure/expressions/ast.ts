/**
 * The syntax tree of an Azure Pipelines expression: the text of `${{ }}` (compile time), `$[ ]`
 * (run time) and `condition:`. Azure has no operators: everything is a function call
 * (`and(eq(a, b), not(c))`), a literal or a named value with property and index access.
 * Offsets are UTF-16 indexes into the parsed text, end exclusive. Names keep the author's
 * spelling; Azure compares them case-insensitively.
 */

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A version literal such as `1.2.3` is kept as text; Azure compares versions part by part. */
export interface AzureLiteral extends Span {
  readonly kind: 'literal';
  readonly value: null | boolean | number | string;
  readonly version?: true;
}

/** A named value: `parameters`, `variables`, `pipeline`, `dependencies`, ... */
export interface AzureName extends Span {
  readonly kind: 'name';
  readonly name: string;
}

/** `receiver.name` */
export interface AzureProperty extends Span {
  readonly kind: 'property';
  readonly receiver: AzureExpr;
  readonly name: string;
}

/** `receiver['key']` or `receiver[0]` */
export interface AzureIndex extends Span {
  readonly kind: 'index';
  readonly receiver: AzureExpr;
  readonly index: AzureExpr;
}

/** `receiver[*]` or `receiver.*`: a filtered array (the values of an object, the items of a list). */
export interface AzureFilter extends Span {
  readonly kind: 'filter';
  readonly receiver: AzureExpr;
}

export interface AzureCall extends Span {
  readonly kind: 'call';
  readonly name: string;
  readonly nameEnd: number;
  readonly args: readonly AzureExpr[];
}

export type AzureExpr = AzureLiteral | AzureName | AzureProperty | AzureIndex | AzureFilter | AzureCall;

export interface AzureExprProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}
