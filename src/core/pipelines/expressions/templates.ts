/** Finding `${{ ... }}` templates inside a YAML string value. */
import { scanString } from './lexer';

export interface TemplatePart {
  /** The text between `${{` and `}}` (to the end of `text` when not closed). */
  readonly source: string;
  /** Offset of `$` in the text. */
  readonly start: number;
  /** Offset just past `}}` (or the end of the text when not closed). */
  readonly end: number;
  /** Offset of `source` in the text: `start + 3`. */
  readonly innerStart: number;
  readonly closed: boolean;
}

const OPEN = '${{';

/**
 * Every `${{ }}` in `text`, in order. A `}}` inside a '...' string literal does not close
 * the expression; an unclosed one runs to the end of the text and stops the search.
 * Linear in the length of the text, never throws.
 */
export function extractExpressions(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(OPEN, from);
    if (start < 0) return parts;
    const innerStart = start + OPEN.length;
    const close = findClose(text, innerStart);
    if (close < 0) {
      parts.push({ source: text.slice(innerStart), start, end: text.length, innerStart, closed: false });
      return parts;
    }
    parts.push({ source: text.slice(innerStart, close), start, end: close + 2, innerStart, closed: true });
    from = close + 2;
  }
}

/** Offset of the `}}` that closes an expression starting at `from`, skipping string literals; -1 if none. */
function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      const end = scanString(text, i);
      if (end < 0) return -1;
      i = end;
    } else if (c === '}' && text[i + 1] === '}') {
      return i;
    } else {
      i++;
    }
  }
  return -1;
}

/** True when the whole text is exactly one closed `${{ }}` (GitHub then keeps the value's type). */
export function isSingleExpression(text: string): boolean {
  const parts = extractExpressions(text);
  const only = parts[0];
  return parts.length === 1 && only !== undefined && only.closed && only.start === 0 && only.end === text.length;
}
