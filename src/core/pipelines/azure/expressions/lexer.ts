/**
 * Tokens of an Azure Pipelines expression. Linear, never throws: the first bad character or
 * literal ends lexing with one problem in Azure's words ("Unexpected symbol: '+'").
 */
import type { AzureExprProblem } from './ast';

export type AzureTokenType = 'ident' | 'number' | 'version' | 'string' | '(' | ')' | '[' | ']' | ',' | '.' | '*' | 'eof';

export interface AzureToken {
  readonly type: AzureTokenType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The decoded value of number and string literals. */
  readonly value?: number | string;
}

export type AzureLexResult =
  { readonly tokens: AzureToken[]; readonly problem?: undefined } | { readonly tokens?: undefined; readonly problem: AzureExprProblem };

const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '*']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Azure's version literal: two to four dot-separated integers (1.2, 1.2.3, 1.2.3.4).
const VERSION = /^\d+(\.\d+){2,3}$/;

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
// Named values may hold hyphens and dots in Azure (`variables.my-var`), but dots are split as
// property access; a hyphen inside a name is allowed only after the first character.
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_-]/.test(c);
const isNumberPart = (c: string): boolean => /[0-9.eE+-]/.test(c);

export function lexAzure(source: string): AzureLexResult {
  const tokens: AzureToken[] = [];
  let at = 0;
  while (at < source.length) {
    const c = source[at] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      at++;
      continue;
    }
    const start = at;
    if (PUNCTUATION.has(c)) {
      tokens.push({ type: c as AzureTokenType, start, end: at + 1, text: c });
      at++;
      continue;
    }
    if (c === '.' && !/[0-9]/.test(source[at + 1] ?? '')) {
      tokens.push({ type: '.', start, end: at + 1, text: c });
      at++;
      continue;
    }
    if (c === "'") {
      let value = '';
      at++;
      for (;;) {
        if (at >= source.length) return { problem: { message: 'Unclosed string literal', start, end: source.length } };
        if (source[at] === "'") {
          if (source[at + 1] === "'") {
            value += "'";
            at += 2;
            continue;
          }
          at++;
          break;
        }
        value += source[at];
        at++;
      }
      tokens.push({ type: 'string', start, end: at, text: source.slice(start, at), value });
      continue;
    }
    if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9.]/.test(source[at + 1] ?? ''))) {
      at++;
      while (at < source.length && isNumberPart(source[at] as string)) {
        // A sign only right after an exponent marker: `1-2` is not one number.
        if ((source[at] === '+' || source[at] === '-') && !/[eE]/.test(source[at - 1] ?? '')) break;
        at++;
      }
      const text = source.slice(start, at);
      if (VERSION.test(text)) tokens.push({ type: 'version', start, end: at, text, value: text });
      else if (NUMBER.test(text)) tokens.push({ type: 'number', start, end: at, text, value: Number(text) });
      else return { problem: { message: `Unexpected symbol: '${text}'`, start, end: at } };
      continue;
    }
    if (isIdentStart(c)) {
      at++;
      while (at < source.length && isIdentPart(source[at] as string)) at++;
      tokens.push({ type: 'ident', start, end: at, text: source.slice(start, at) });
      continue;
    }
    return { problem: { message: `Unexpected symbol: '${c}'`, start, end: at + 1 } };
  }
  tokens.push({ type: 'eof', start: source.length, end: source.length, text: '' });
  return { tokens };
}
