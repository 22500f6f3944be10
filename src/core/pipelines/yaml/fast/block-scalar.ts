import { HASH, isBlankAt, NEWLINE, SPACE } from './chars';
import { unsupported } from './unsupported';

export interface BlockScalar {
  readonly value: string;
  readonly folded: boolean;
  /** After the last line that belongs to the scalar (a line start, or the text's end). */
  readonly end: number;
}

/**
 * A `|` or `>` scalar whose header is at `start`, inside a collection at column
 * `parentIndent`: its extent as yaml's lexer finds it (`parseBlockScalar`) and its
 * value as yaml's composer computes it (`resolveBlockScalar`). Headers with an
 * indentation indicator go to yaml.
 */
export function blockScalar(text: string, start: number, parentIndent: number): BlockScalar {
  const length = text.length;
  const folded = text.charCodeAt(start) === 0x3e; // >
  let headerEnd = start + 1;
  while (!isBlankAt(text, headerEnd) && text.charCodeAt(headerEnd) !== HASH) headerEnd++;
  const indicators = text.slice(start + 1, headerEnd);
  if (indicators !== '' && indicators !== '-' && indicators !== '+') unsupported('block scalar header');
  const chomp = indicators;
  let at = headerEnd;
  while (at < length && text.charCodeAt(at) === SPACE) at++;
  if (at < length && text.charCodeAt(at) !== NEWLINE) {
    if (text.charCodeAt(at) !== HASH || at === headerEnd) unsupported('block scalar header');
    at = text.indexOf('\n', at);
    if (at < 0) at = length;
  }
  const sourceStart = at < length ? at + 1 : length;
  const sourceEnd = blockScalarSourceEnd(text, sourceStart, parentIndent + 1, chomp === '+');
  return { value: blockScalarValue(text, sourceStart, sourceEnd, parentIndent, chomp, folded), folded, end: sourceEnd };
}

/** yaml's lexer: which lines after the header belong to the scalar. */
function blockScalarSourceEnd(text: string, pos: number, indentNext: number, keep: boolean): number {
  const length = text.length;
  let newline = pos - 1;
  let indent = 0;
  let at = pos;
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code === SPACE) indent++;
    else if (code === NEWLINE) {
      newline = at;
      indent = 0;
    } else break;
  }
  if (indent >= indentNext) {
    const contentIndent = indent;
    for (;;) {
      const continued = continueBlock(text, newline + 1, contentIndent);
      if (continued === -1) break;
      newline = text.indexOf('\n', continued);
      if (newline === -1) break;
    }
    if (newline === -1) newline = length;
  }
  if (!keep) {
    // Trailing blank lines indented no deeper than the content are not part of it.
    for (;;) {
      let index = newline - 1;
      const lastChar = index;
      while (text.charCodeAt(index) === SPACE) index--;
      if (index >= pos && text.charCodeAt(index) === NEWLINE && index + 1 + indent > lastChar) newline = index;
      else break;
    }
  }
  return Math.min(newline + 1, length);
}

function continueBlock(text: string, offset: number, indentNext: number): number {
  let indent = 0;
  while (text.charCodeAt(offset + indent) === SPACE) indent++;
  return text.charCodeAt(offset + indent) === NEWLINE || indent >= indentNext ? offset + indent : -1;
}

/**
 * The scalar's lines as offsets into the text (reused between calls: no
 * object or string per line): where each starts, its leading spaces, where it
 * ends (before its line break). yaml's `splitLines`: a trailing line break
 * leaves a last, empty line.
 */
const lineStart: number[] = [];
const lineIndent: number[] = [];
const lineEnd: number[] = [];

function splitLines(text: string, from: number, to: number): number {
  if (from >= to) return 0;
  let count = 0;
  for (let start = from; ; count++) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end >= to) end = to;
    let spaces = 0;
    while (start + spaces < end && text.charCodeAt(start + spaces) === SPACE) spaces++;
    lineStart[count] = start;
    lineIndent[count] = spaces;
    lineEnd[count] = end;
    if (end >= to) return count + 1;
    start = end + 1;
  }
}

const isBlank = (line: number): boolean => (lineIndent[line] as number) === (lineEnd[line] as number) - (lineStart[line] as number);
/** A line's indentation beyond `trimIndent`, then its content: yaml's `indent.slice(trimIndent) + content`. */
const lineText = (text: string, line: number, trimIndent: number): string =>
  text.slice((lineStart[line] as number) + Math.min(lineIndent[line] as number, trimIndent), lineEnd[line] as number);
/** yaml's `indent.slice(trimIndent)`. */
const extraIndent = (text: string, line: number, trimIndent: number): string =>
  (lineIndent[line] as number) > trimIndent
    ? text.slice((lineStart[line] as number) + trimIndent, (lineStart[line] as number) + (lineIndent[line] as number))
    : '';

/** yaml's `resolveBlockScalar` over the scalar's lines (no indentation indicator). */
function blockScalarValue(text: string, from: number, to: number, parentIndent: number, chomp: string, folded: boolean): string {
  const count = splitLines(text, from, to);
  let chompStart = count;
  for (let line = count - 1; line >= 0; line--) {
    if (isBlank(line)) chompStart = line;
    else break;
  }
  if (chompStart === 0) return chomp === '+' && count > 0 ? '\n'.repeat(Math.max(1, count - 1)) : '';

  // The indentation to remove: that of the first content line.
  let trimIndent = parentIndent;
  let contentStart = 0;
  for (let line = 0; line < chompStart; line++) {
    const indent = lineIndent[line] as number;
    if (isBlank(line)) {
      if (indent > trimIndent) trimIndent = indent;
    } else {
      if (indent < trimIndent) unsupported('more-indented leading empty lines in a block scalar');
      trimIndent = indent;
      contentStart = line;
      break;
    }
  }
  // Trailing empty lines indented deeper than the content are content.
  for (let line = count - 1; line >= chompStart; line--) {
    if ((lineIndent[line] as number) > trimIndent) chompStart = line + 1;
  }
  for (let line = contentStart; line < chompStart; line++) {
    if (!isBlank(line) && (lineIndent[line] as number) < trimIndent) unsupported('less indented block scalar line');
  }

  let value = '';
  for (let line = 0; line < contentStart; line++) value += extraIndent(text, line, trimIndent) + '\n';
  value += folded ? foldedContent(text, contentStart, chompStart, trimIndent) : literalContent(text, contentStart, chompStart, trimIndent);
  if (chomp === '+') {
    for (let line = chompStart; line < count; line++) value += '\n' + extraIndent(text, line, trimIndent);
    if (!value.endsWith('\n')) value += '\n';
  } else if (chomp !== '-') {
    value += '\n';
  }
  return value;
}

function literalContent(text: string, from: number, to: number, trimIndent: number): string {
  let value = '';
  for (let line = from; line < to; line++) value += (line > from ? '\n' : '') + lineText(text, line, trimIndent);
  return value;
}

/** `>`: lines joined by spaces, except around more-indented lines and blank lines. */
function foldedContent(text: string, from: number, to: number, trimIndent: number): string {
  let value = '';
  let separator = '';
  let previousMoreIndented = false;
  for (let line = from; line < to; line++) {
    if ((lineIndent[line] as number) > trimIndent) {
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      value += separator + lineText(text, line, trimIndent);
      separator = '\n';
      previousMoreIndented = true;
    } else if (isBlank(line)) {
      if (separator === '\n') value += '\n';
      else separator = '\n';
    } else {
      value += separator + lineText(text, line, trimIndent);
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  return value;
}
