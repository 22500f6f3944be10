/**
 * Splits expression source into tokens. Linear in the input and never throws:
 * a bad character or literal ends lexing with one problem.
 */
import type { ExprProblem } from './ast';

export type TokenType =
  | 'ident'
  | 'number'
  | 'string'
  | 'true'
  | 'false'
  | 'null'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '.'
  | '*'
  | '!'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The decoded value of number and string literals. */
  readonly value?: number | string;
}

export type LexResult = { readonly tokens: Token[]; readonly problem?: undefined } | { readonly tokens?: undefined; readonly problem: ExprProblem };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
// Character classes by code (the lexer's hot loop; a regex per character costs more than the rest).
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;
const isIdentStart = (c: string | undefined): boolean => c !== undefined && c.length === 1 && (isLetter(c.charCodeAt(0)) || c === '_');
/** [A-Za-z0-9_-] */
const isIdentPartCode = (code: number): boolean => isLetter(code) || isDigitCode(code) || code === 95 || code === 45;
// A number literal runs over these characters ([A-Za-z0-9_.+-]), then must parse as a whole (as GitHub does).
const isNumberPartCode = (code: number): boolean => isIdentPartCode(code) || code === 46 || code === 43;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const OCTAL = /^0o[0-7]+$/;

/** The value of a number literal as GitHub reads it, or undefined when it is not one. */
export function parseNumberLiteral(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text.startsWith('+') ? text.slice(1) : text);
  if (HEX.test(text)) return Number(text);
  if (OCTAL.test(text)) return Number(text);
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  return undefined;
}

const TWO_CHAR: Readonly<Record<string, TokenType>> = { '==': '==', '!=': '!=', '<=': '<=', '>=': '>=', '&&': '&&', '||': '||' };
const ONE_CHAR: Readonly<Record<string, TokenType>> = { '(': '(', ')': ')', '[': '[', ']': ']', ',': ',', '*': '*', '!': '!', '<': '<', '>': '>' };
const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['true', 'true'],
  ['false', 'false'],
  ['null', 'null'],
]);

const syntax = (message: string, start: number, end: number): LexResult => ({
  problem: { code: 'syntax', message, start, end, severity: 'error' },
});

export function lex(source: string): LexResult {
  const tokens: Token[] = [];
  const push = (type: TokenType, start: number, end: number, value?: number | string): void => {
    tokens.push(value === undefined ? { type, start, end, text: source.slice(start, end) } : { type, start, end, text: source.slice(start, end), value });
  };
  const previous = (): TokenType | undefined => tokens[tokens.length - 1]?.type;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    const pair = next !== undefined && (c === '=' || c === '!' || c === '<' || c === '>' || c === '&' || c === '|') ? TWO_CHAR[c + next] : undefined;
    if (pair) {
      push(pair, i, i + 2);
      i += 2;
      continue;
    }
    const single = ONE_CHAR[c];
    if (single) {
      push(single, i, i + 1);
      i++;
      continue;
    }
    if (c === "'") {
      const end = scanString(source, i);
      if (end < 0) return syntax('The string literal is not closed with a single quote.', i, source.length);
      push('string', i, end, source.slice(i + 1, end - 1).replace(/''/g, "'"));
      i = end;
      continue;
    }
    if (c === '.') {
      // A dot after a name, `]`, `)` or `*` dereferences; elsewhere it may start a number like `.5`.
      const prev = previous();
      if (prev === 'ident' || prev === ']' || prev === ')' || prev === '*' || !isDigit(next)) {
        push('.', i, i + 1);
        i++;
        continue;
      }
    }
    if (isDigit(c) || ((c === '-' || c === '+' || c === '.') && (isDigit(next) || next === '.' || (c === '-' && source.startsWith('Infinity', i + 1))))) {
      let end = i + 1;
      while (end < source.length && isNumberPartCode(source.charCodeAt(end))) end++;
      const text = source.slice(i, end);
      const value = parseNumberLiteral(text);
      if (value === undefined) return syntax(`"${text}" is not a valid number.`, i, end);
      push('number', i, end, value);
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      let end = i + 1;
      while (end < source.length && isIdentPartCode(source.charCodeAt(end))) end++;
      const text = source.slice(i, end);
      const afterDot = previous() === '.';
      const keyword = afterDot ? undefined : KEYWORDS.get(text);
      if (keyword) push(keyword, i, end);
      else if (!afterDot && (text === 'NaN' || text === 'Infinity')) push('number', i, end, text === 'NaN' ? NaN : Infinity);
      else push('ident', i, end);
      i = end;
      continue;
    }
    return syntax(describeBadCharacter(c, next), i, i + 1);
  }
  push('eof', source.length, source.length);
  return { tokens };
}

/** The index just past the closing quote of the string starting at `start`, or -1. */
export function scanString(source: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = source.indexOf("'", i);
    if (quote < 0) return -1;
    if (source[quote + 1] === "'") {
      i = quote + 2;
      continue;
    }
    return quote + 1;
  }
}

function describeBadCharacter(c: string, next: string | undefined): string {
  if (c === '"') return 'Strings take single quotes: double quotes are not allowed in expressions.';
  if (c === '=') return 'A single "=" is not an operator: use "==" to compare.';
  if (c === '&') return 'A single "&" is not an operator: use "&&".';
  if (c === '|') return 'A single "|" is not an operator: use "||".';
  if (c === '-' || c === '+') return `"${c}" is only allowed as the sign of a number.`;
  if (c === '}' && next === '}') return 'Unexpected "}}" inside the expression.';
  return `Unexpected character "${c}" in the expression.`;
}
