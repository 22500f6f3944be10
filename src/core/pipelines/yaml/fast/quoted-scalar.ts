import { BACKSLASH, DOUBLE_QUOTE, NEWLINE, SINGLE_QUOTE } from './chars';
import { unsupported } from './unsupported';

/**
 * The end (after the closing quote) of a quoted scalar starting at `start`, on
 * one line: quotes spanning lines fold white space by rules left to yaml.
 */
export function quotedEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const length = text.length;
  for (let at = start + 1; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code === NEWLINE) break;
    if (quote === DOUBLE_QUOTE && code === BACKSLASH) {
      at++; // the escaped character, checked by doubleQuotedValue
      if (text.charCodeAt(at) === NEWLINE) break;
    } else if (code === quote) {
      if (quote === SINGLE_QUOTE && text.charCodeAt(at + 1) === SINGLE_QUOTE) at++;
      else return at + 1;
    }
  }
  return unsupported('quoted scalar over several lines or unclosed');
}

/** `'it''s'` -> `it's` */
export function singleQuotedValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes("''") ? inner.split("''").join("'") : inner;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A one-line double-quoted scalar's value, escapes decoded as yaml's `doubleQuotedValue` does. */
export function doubleQuotedValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  if (!inner.includes('\\')) return inner;
  let result = '';
  for (let at = 0; at < inner.length; at++) {
    const char = inner[at] as string;
    if (char !== '\\') {
      result += char;
      continue;
    }
    const next = inner[++at] ?? '';
    const escaped = ESCAPES[next];
    if (escaped !== undefined) {
      result += escaped;
      continue;
    }
    const hexLength = HEX_LENGTH[next];
    const hex = hexLength === undefined ? '' : inner.substr(at + 1, hexLength);
    if (hexLength === undefined || hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) return unsupported('invalid escape');
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return unsupported('invalid escape');
    result += String.fromCodePoint(code);
    at += hexLength;
  }
  return result;
}
