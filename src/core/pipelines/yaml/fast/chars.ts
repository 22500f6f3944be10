/**
 * Character codes the fast composer compares against. Its input never holds
 * a tab or a carriage return (such files go to yaml's own parser), so white
 * space is the space and the line feed only.
 */
export const SPACE = 0x20;
export const NEWLINE = 0x0a;
export const HASH = 0x23;
export const COLON = 0x3a;
export const DASH = 0x2d;
export const DOT = 0x2e;
export const COMMA = 0x2c;
export const DOUBLE_QUOTE = 0x22;
export const SINGLE_QUOTE = 0x27;
export const BACKSLASH = 0x5c;
export const AMPERSAND = 0x26;
export const ASTERISK = 0x2a;
export const PIPE = 0x7c;
export const GREATER = 0x3e;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;

/** yaml's `isEmpty`: the end of the input, a space or a line break. */
export function isBlankAt(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return code === SPACE || code === NEWLINE;
}

export function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === OPEN_BRACKET || code === CLOSE_BRACKET || code === OPEN_BRACE || code === CLOSE_BRACE;
}

export function skipSpaces(text: string, at: number): number {
  while (at < text.length && text.charCodeAt(at) === SPACE) at++;
  return at;
}

/** `-` followed by white space: a block sequence item. */
export function isDashItem(text: string, at: number): boolean {
  return text.charCodeAt(at) === DASH && isBlankAt(text, at + 1);
}

/** The offset of the line break ending the line of `at`, or the text's length. */
export function lineEndFrom(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}
