/**
 * The format string of `format()`: `{N}` placeholders, `{{` and `}}` escapes. Read the way
 * GitHub's runner reads it, so the checker and the evaluator agree on what is valid.
 */

/** A `{N}` placeholder: the index of the argument to insert, and its digits as written (`{007}`, or one too big for a number). */
export interface FormatPlaceholder {
  readonly index: number;
  readonly text: string;
}

/** Literal text, or a placeholder. */
export type FormatPiece = string | FormatPlaceholder;

export type FormatParse = { readonly pieces: readonly FormatPiece[]; readonly error?: undefined } | { readonly pieces?: undefined; readonly error: string };

export function parseFormatString(format: string): FormatParse {
  const pieces: FormatPiece[] = [];
  let text = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '{') {
      if (format[i + 1] === '{') {
        text += '{';
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < format.length && isDigit(format[j])) j++;
      if (j === i + 1) return { error: `"{" at position ${i} is not followed by an argument number; write "{{" for a literal brace` };
      // The runner allows format specifiers after a colon and ignores them.
      let close = j;
      if (format[close] === ':') close = format.indexOf('}', close);
      if (close < 0 || format[close] !== '}') return { error: `the placeholder at position ${i} is not closed with "}"` };
      if (text) pieces.push(text);
      text = '';
      pieces.push({ index: Number(format.slice(i + 1, j)), text: format.slice(i + 1, j) });
      i = close + 1;
    } else if (c === '}') {
      if (format[i + 1] !== '}') return { error: `"}" at position ${i} closes nothing; write "}}" for a literal brace` };
      text += '}';
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
  if (text) pieces.push(text);
  return { pieces };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
