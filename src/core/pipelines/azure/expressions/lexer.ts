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

// By character code: every expression of a repository is lexed, a pattern test per character cost more than the rest.
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isIdentStart = (code: number): boolean => isLetter(code) || code === 95; // [A-Za-z_]
// Named values may hold hyphens and dots in Azure (`variables.my-var`), but dots are split as
// property access; a hyphen inside a name is allowed only after the first character.
const isIdentPart = (code: number): boolean => isIdentStart(code) || isDigit(code) || code === 45; // [A-Za-z0-9_-]
const isNumberPart = (code: number): boolean => isDigit(code) || code === 46 || code === 101 || code === 69 || code === 43 || code === 45; // [0-9.eE+-]
const PLUS = 43;
const MINUS = 45;
const DOT = 46;

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
    if (c === '.' && !isDigit(source.charCodeAt(at + 1))) {
      tokens.push({ type: '.', start, end: at + 1, text: c });
      at++;
      continue;
    }
    if (c === "'") {
      // Up to each quote at once (not a character at a time): `''` is a quote inside the text.
      let value = '';
      at++;
      for (;;) {
        const quote = source.indexOf("'", at);
        if (quote < 0) return { problem: { message: 'Unclosed string literal', start, end: source.length } };
        value += source.slice(at, quote);
        if (source[quote + 1] === "'") {
          value += "'";
          at = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      tokens.push({ type: 'string', start, end: at, text: source.slice(start, at), value });
      continue;
    }
    const code = source.charCodeAt(at);
    const next = source.charCodeAt(at + 1);
    if (isDigit(code) || ((code === MINUS || code === PLUS || code === DOT) && (isDigit(next) || next === DOT))) {
      at++;
      while (at < source.length && isNumberPart(source.charCodeAt(at))) {
        // A sign only right after an exponent marker: `1-2` is not one number.
        const part = source.charCodeAt(at);
        const before = source.charCodeAt(at - 1);
        if ((part === PLUS || part === MINUS) && before !== 101 && before !== 69) break;
        at++;
      }
      const text = source.slice(start, at);
      if (VERSION.test(text)) tokens.push({ type: 'version', start, end: at, text, value: text });
      else if (NUMBER.test(text)) tokens.push({ type: 'number', start, end: at, text, value: Number(text) });
      else return { problem: { message: `Unexpected symbol: '${text}'`, start, end: at } };
      continue;
    }
    if (isIdentStart(code)) {
      at++;
      while (at < source.length && isIdentPart(source.charCodeAt(at))) at++;
      tokens.push({ type: 'ident', start, end: at, text: source.slice(start, at) });
      continue;
    }
    return { problem: { message: `Unexpected symbol: '${c}'`, start, end: at + 1 } };
  }
  tokens.push({ type: 'eof', start: source.length, end: source.length, text: '' });
  return { tokens };
}
