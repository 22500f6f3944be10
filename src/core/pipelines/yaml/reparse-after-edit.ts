import { parseDocument, Scalar, type Document, type Range as NodeRange } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './identity';
import { PARSE_OPTIONS, sourceFileOf, type SourceFile } from './source-file';
import { forgetComposedFacts } from './composed-facts';

/** The one changed stretch between two texts: [start, oldEnd) of the old became [start, newEnd) of the new. */
interface Edit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  readonly delta: number;
}

/**
 * Re-parses cheaply after a typing edit: when the only change lies inside one
 * scalar value on a single line (a line of a `|` script, or a one-line plain or
 * quoted value) and leaves the document's structure as it was, the previous
 * document is patched in place (that scalar's value, every range after the edit)
 * instead of parsed again. Anything else returns undefined, and the caller parses
 * from scratch. The result equals a fresh parse: the checks below only accept
 * edits for which that holds. `previous` must not be used afterwards.
 */
export function reparseAfterEdit(previous: SourceFile, text: string): SourceFile | undefined {
  const { doc } = previous;
  // An unknown tag (GitLab's `!reference`) warns at the tag: the edit leaves it as it was, its place shifted.
  if (doc.errors.length > 0 || doc.warnings.some((warning) => warning.code !== 'TAG_RESOLVE_FAILED')) return undefined;
  const edit = changedStretch(previous.text, text);
  if (edit.oldEnd === edit.start && edit.newEnd === edit.start) return undefined; // same text
  if (hasLineBreak(previous.text, edit.start, edit.oldEnd) || hasLineBreak(text, edit.start, edit.newEnd)) return undefined;

  const scalar = valueScalarAt(doc, edit);
  if (!scalar?.range || typeof scalar.value !== 'string' || scalar.tag) return undefined;
  const patched =
    scalar.type === Scalar.BLOCK_LITERAL ? patchedLiteralValue(scalar, previous.text, text, edit) : patchedFlowValue(scalar, previous.text, text, edit);
  if (patched === undefined) return undefined;

  // Every check passed: now mutate (what the composer noted about values may change with it).
  forgetComposedFacts(doc);
  const [start, valueEnd, nodeEnd] = scalar.range;
  shiftRanges(doc, edit);
  scalar.value = patched;
  scalar.source = patched;
  scalar.range = [start, valueEnd + edit.delta, nodeEnd + edit.delta];
  const lineStarts = previous.lineStarts.map((lineStart) => (lineStart > edit.start ? lineStart + edit.delta : lineStart));
  return sourceFileOf(previous.path, text, doc, lineStarts);
}

function changedStretch(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd, delta: newEnd - oldEnd };
}

function hasLineBreak(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === 10 || code === 13) return true;
  }
  return false;
}

/** The scalar value (not a key) of a block collection that holds the whole edit; undefined elsewhere. */
function valueScalarAt(doc: Document.Parsed, edit: Edit): Scalar | undefined {
  const holds = (node: unknown): boolean => {
    const range = (node as { range?: NodeRange } | null)?.range;
    return !!range && range[0] <= edit.start && edit.oldEnd <= range[2];
  };
  let node: unknown = doc.contents;
  let inBlockCollection = false;
  for (let depth = 0; depth < 1000; depth++) {
    if (isScalar(node)) return inBlockCollection ? node : undefined;
    if (!(isMap(node) || isSeq(node)) || node.flow) return undefined;
    let next: unknown;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        if (holds(item.key)) return undefined;
        if (holds(item.value)) next = item.value;
      } else if (holds(item)) {
        next = item;
      }
      if (next !== undefined) break;
    }
    if (next === undefined || isAlias(next)) return undefined;
    node = next;
    inBlockCollection = true;
  }
  return undefined;
}

/**
 * A `|` scalar whose edited line keeps its indentation and stays non-blank: the
 * value changes on that one line only (literal style maps lines one to one).
 */
function patchedLiteralValue(scalar: Scalar, before: string, after: string, edit: Edit): string | undefined {
  const [start, valueEnd] = scalar.range as NodeRange;
  const headerEnd = before.indexOf('\n', start);
  if (headerEnd < 0 || edit.start <= headerEnd || edit.oldEnd > valueEnd) return undefined;
  const lineStart = before.lastIndexOf('\n', edit.start - 1) + 1;
  let oldLineEnd = before.indexOf('\n', edit.start);
  if (oldLineEnd < 0) oldLineEnd = before.length;
  const oldLine = withoutCarriageReturn(before.slice(lineStart, oldLineEnd));
  const newLine = withoutCarriageReturn(after.slice(lineStart, oldLineEnd + edit.delta));
  const indentation = leadingSpaces(oldLine);
  if (indentation !== leadingSpaces(newLine) || !hasContent(oldLine) || !hasContent(newLine)) return undefined;

  let lineIndex = 0;
  for (let at = before.indexOf('\n', headerEnd + 1); at >= 0 && at < lineStart; at = before.indexOf('\n', at + 1)) lineIndex++;
  const valueLines = (scalar.value as string).split('\n');
  const valueLine = valueLines[lineIndex];
  if (valueLine === undefined) return undefined;
  const blockIndent = oldLine.length - valueLine.length;
  // The value's line must be the source line less the block's indentation, and the edit after that indentation.
  if (blockIndent < 1 || blockIndent > indentation || oldLine.slice(blockIndent) !== valueLine || edit.start - lineStart < blockIndent) return undefined;
  valueLines[lineIndex] = newLine.slice(blockIndent);
  return valueLines.join('\n');
}

/**
 * A one-line plain or quoted scalar: the rest of its line, parsed alone as a
 * mapping value, must give a scalar of the same style and extent (so no new
 * `: `, ` #`, quote or indicator changed the structure) and still a string.
 */
function patchedFlowValue(scalar: Scalar, before: string, after: string, edit: Edit): string | undefined {
  if (scalar.type !== Scalar.PLAIN && scalar.type !== Scalar.QUOTE_DOUBLE && scalar.type !== Scalar.QUOTE_SINGLE) return undefined;
  const [start, valueEnd, nodeEnd] = scalar.range as NodeRange;
  if (edit.start < start || edit.oldEnd > valueEnd || (edit.start === start && edit.oldEnd === start)) return undefined;
  let oldLineEnd = before.indexOf('\n', start);
  if (oldLineEnd < 0) oldLineEnd = before.length;
  if (nodeEnd > oldLineEnd + 1) return undefined; // the node may end after its line break, not later
  const prefix = 'k: ';
  const rest = after.slice(start, oldLineEnd + edit.delta); // a `\r` stays: its extent must match too
  const alone = parseDocument(`${prefix}${rest}\n`, PARSE_OPTIONS);
  if (alone.errors.length > 0 || alone.warnings.length > 0 || !isMap(alone.contents) || alone.contents.items.length !== 1) return undefined;
  const value = alone.contents.items[0]?.value;
  // Parse trees carry no comments; a comment after the value is covered by the extent check below.
  if (!isScalar(value) || !value.range || value.type !== scalar.type || value.tag || typeof value.value !== 'string') return undefined;
  const [aloneStart, aloneValueEnd, aloneNodeEnd] = value.range;
  const sameExtent =
    aloneStart === prefix.length &&
    aloneValueEnd === prefix.length + valueEnd - start + edit.delta &&
    aloneNodeEnd === prefix.length + nodeEnd - start + edit.delta;
  return sameExtent ? value.value : undefined;
}

/** New range arrays (never mutated in place: two nodes may share one) for every node after the edit. */
function shiftRanges(doc: Document.Parsed, edit: Edit): void {
  const shift = (range: NodeRange): NodeRange => [moved(range[0], edit), moved(range[1], edit), moved(range[2], edit)];
  if (doc.range) doc.range = shift(doc.range);
  for (const warning of doc.warnings) warning.pos = [moved(warning.pos[0], edit), moved(warning.pos[1], edit)];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) continue;
    if (node.range) node.range = shift(node.range);
    if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) stack.push(item);
  }
}

const moved = (offset: number, edit: Edit): number => (offset >= edit.oldEnd ? offset + edit.delta : offset);

const withoutCarriageReturn = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}

/** A character other than space and tab: the line is content, not a blank line of the block. */
function hasContent(line: string): boolean {
  for (let at = 0; at < line.length; at++) {
    const code = line.charCodeAt(at);
    if (code !== 32 && code !== 9) return true;
  }
  return false;
}
