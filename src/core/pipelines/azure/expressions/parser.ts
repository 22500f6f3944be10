/**
 * Parses one Azure Pipelines expression into an `AzureExpr`. Never throws: a problem is returned
 * in Azure's words, with the offsets of the text it is about.
 */
import type { AzureExpr, AzureExprProblem } from './ast';
import { lexAzure, type AzureToken } from './lexer';

export type AzureParseResult = { readonly expr: AzureExpr; readonly problem?: undefined } | { readonly expr?: undefined; readonly problem: AzureExprProblem };

/** Deeper nesting than any person writes; a guard against stack exhaustion on hostile input. */
const MAX_DEPTH = 64;

class ParseError extends Error {
  constructor(readonly problem: AzureExprProblem) {
    super(problem.message);
  }
}

export function parseAzureExpression(source: string): AzureParseResult {
  const lexed = lexAzure(source);
  if (lexed.problem) return { problem: lexed.problem };
  const tokens = lexed.tokens;
  if (tokens.length === 1) return { problem: { message: 'Expected an expression', start: 0, end: source.length } };
  let at = 0;
  const peek = (): AzureToken => tokens[at] as AzureToken;
  const fail = (token: AzureToken, message?: string): never => {
    throw new ParseError({
      message: message ?? (token.type === 'eof' ? 'Unexpected end of expression' : `Unexpected symbol: '${token.text}'`),
      start: token.start,
      end: Math.max(token.end, token.start + 1),
    });
  };
  const expect = (type: AzureToken['type']): AzureToken => {
    const token = peek();
    if (token.type !== type) fail(token);
    at++;
    return token;
  };

  const primary = (depth: number): AzureExpr => {
    if (depth > MAX_DEPTH) fail(peek(), 'Expression is nested too deeply');
    const token = peek();
    at++;
    switch (token.type) {
      case 'string':
        return { kind: 'literal', value: token.value as string, start: token.start, end: token.end };
      case 'number':
        return { kind: 'literal', value: token.value as number, start: token.start, end: token.end };
      case 'version':
        return { kind: 'literal', value: token.text, version: true, start: token.start, end: token.end };
      case 'ident': {
        const lower = token.text.toLowerCase();
        if (peek().type === '(') {
          at++;
          const args: AzureExpr[] = [];
          if (peek().type !== ')') {
            for (;;) {
              args.push(postfix(depth + 1));
              if (peek().type === ',') {
                at++;
                continue;
              }
              break;
            }
          }
          const close = expect(')');
          return { kind: 'call', name: token.text, nameEnd: token.end, args, start: token.start, end: close.end };
        }
        if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true', start: token.start, end: token.end };
        if (lower === 'null') return { kind: 'literal', value: null, start: token.start, end: token.end };
        return { kind: 'name', name: token.text, start: token.start, end: token.end };
      }
      default:
        return fail(token);
    }
  };

  const postfix = (depth: number): AzureExpr => {
    let expr = primary(depth);
    for (;;) {
      const token = peek();
      if (token.type === '.') {
        at++;
        const next = peek();
        if (next.type === '*') {
          at++;
          expr = { kind: 'filter', receiver: expr, start: expr.start, end: next.end };
        } else if (next.type === 'ident') {
          at++;
          expr = { kind: 'property', receiver: expr, name: next.text, start: expr.start, end: next.end };
        } else fail(next);
        continue;
      }
      if (token.type === '[') {
        at++;
        if (peek().type === '*') {
          at++;
          const close = expect(']');
          expr = { kind: 'filter', receiver: expr, start: expr.start, end: close.end };
          continue;
        }
        const index = postfix(depth + 1);
        const close = expect(']');
        expr = { kind: 'index', receiver: expr, index, start: expr.start, end: close.end };
        continue;
      }
      return expr;
    }
  };

  try {
    const expr = postfix(0);
    if (peek().type !== 'eof') fail(peek());
    return { expr };
  } catch (error) {
    if (error instanceof ParseError) return { problem: error.problem };
    throw error;
  }
}
