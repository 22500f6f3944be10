import { COLON, HASH, isBlankAt, isFlowIndicator, NEWLINE, SPACE } from './chars';

/** Where a plain scalar ends and why. */
export interface PlainExtent {
  /** After its last non-space character. */
  end: number;
  /** The offset of a `:` indicator that stopped it (it is then a key), else -1. */
  colon: number;
  /** Whether it (or its `:`) runs over more than one line. */
  multiline: boolean;
}

/** The one result object, reused: a scalar per line made one garbage object each. Read it before the next call. */
const extent: PlainExtent = { end: 0, colon: -1, multiline: false };

/**
 * The extent of a plain scalar starting at `start`, scanned as yaml's lexer
 * does (`parsePlainScalar`): it stops before ` #`, at a `:` followed by white
 * space (or a flow indicator in flow context), and in block context goes on over
 * following lines indented at least `indentNext`; in flow context it stops at a
 * flow indicator and never crosses a line (the caller refuses multi-line flows).
 * The result is valid until the next call.
 */
export function plainExtent(text: string, start: number, indentNext: number, inFlow: boolean): PlainExtent {
  const length = text.length;
  let end = start - 1;
  let colon = -1;
  let multiline = false;
  let at = start - 1;
  while (++at < length) {
    const code = text.charCodeAt(at);
    if (code === COLON) {
      if (isBlankAt(text, at + 1) || (inFlow && isFlowIndicator(text.charCodeAt(at + 1)))) {
        colon = at;
        break;
      }
      end = at;
    } else if (code === SPACE || code === NEWLINE) {
      const next = text.charCodeAt(at + 1);
      if (next === HASH || (inFlow && isFlowIndicator(next))) break;
      if (code === NEWLINE) {
        if (inFlow) break;
        const continued = continueScalar(text, at + 1, indentNext);
        if (continued === -1) break;
        at = Math.max(at, continued - 2); // to advance, but still see a ` #` at the line's start
      }
    } else {
      if (inFlow && isFlowIndicator(code)) break;
      end = at;
    }
  }
  end += 1;
  // A `:` on a later line makes a key over several lines too.
  const last = Math.max(end, colon);
  for (let index = start; index < last && !multiline; index++) multiline = text.charCodeAt(index) === NEWLINE;
  extent.end = end;
  extent.colon = colon;
  extent.multiline = multiline;
  return extent;
}

/** yaml's `continueScalar` for block context (indentNext > 0): the next line continues the scalar when blank or indented enough. */
function continueScalar(text: string, offset: number, indentNext: number): number {
  let indent = 0;
  while (text.charCodeAt(offset + indent) === SPACE) indent++;
  const code = text.charCodeAt(offset + indent); // NaN at the end
  return code === NEWLINE || indent >= indentNext ? offset + indent : -1;
}

/**
 * A multi-line plain scalar's value, as yaml's `unfoldLines`: lines trimmed and
 * joined by a space, each blank line a line break.
 */
export function unfoldLines(source: string): string {
  const lines = source.split('\n');
  let result = trimEndSpaces(lines[0] as string);
  let separator = ' ';
  for (let index = 1; index < lines.length - 1; index++) {
    const line = trimSpaces(lines[index] as string);
    if (line === '') {
      if (separator === '\n') result += separator;
      else separator = '\n';
    } else {
      result += separator + line;
      separator = ' ';
    }
  }
  return lines.length > 1 ? result + separator + trimStartSpaces(lines[lines.length - 1] as string) : result;
}

function trimEndSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === SPACE) end--;
  return line.slice(0, end);
}

function trimStartSpaces(line: string): string {
  let start = 0;
  while (start < line.length && line.charCodeAt(start) === SPACE) start++;
  return line.slice(start);
}

const trimSpaces = (line: string): string => trimStartSpaces(trimEndSpaces(line));
