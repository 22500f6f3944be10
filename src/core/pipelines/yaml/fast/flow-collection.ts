import { Alias, Scalar, type Schema, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  ASTERISK,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DASH,
  DOUBLE_QUOTE,
  HASH,
  isBlankAt,
  isFlowIndicator,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  SINGLE_QUOTE,
  skipSpaces,
} from './chars';
import { plainExtent } from './plain-scalar';
import { doubleQuotedValue, quotedEnd, singleQuotedValue } from './quoted-scalar';
import { plainScalar, stringScalar, type ScalarContext } from './scalar-nodes';
import { newMap, newPair, newSeq } from './node-classes';
import type { FactsRecorder } from './facts-recorder';
import { unsupported } from './unsupported';

type FlowNode = Scalar | Alias | YAMLMap | YAMLSeq;

/** What building flow collections needs from the document's composer. */
export interface FlowContext {
  readonly schema: Schema;
  readonly scalars: ScalarContext;
  readonly facts: FactsRecorder;
}

/** Where a flow collection sits: lines inside it must be indented at least `indentNext`; `level` counts nesting. */
interface FlowPlace extends FlowContext {
  readonly indentNext: number;
  readonly level: number;
  /** False inside a flow mapping, which must stay on one line. */
  readonly lines: boolean;
}

/**
 * A flow collection (`[a, b]`, `{ a: 1 }`) starting at `start`, its items
 * scalars, aliases or flow collections; a sequence may run over several lines,
 * a mapping stays on one. Anything else there (comments, anchors, pairs in
 * sequences, empty items) goes to yaml. Returns the node with its range up to
 * the closing bracket; the caller adds what follows on the line. `indentNext`:
 * the indentation yaml's lexer requires of the lines inside (the enclosing
 * block collection's column plus one).
 */
export function flowCollection(text: string, start: number, context: FlowContext, indentNext: number): YAMLMap | YAMLSeq {
  return collectionAt(text, start, { ...context, indentNext, level: 1, lines: true });
}

function collectionAt(text: string, start: number, place: FlowPlace): YAMLMap | YAMLSeq {
  const isMap = text.charCodeAt(start) === OPEN_BRACE;
  const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
  const collection = isMap ? newMap(place.schema) : newSeq(place.schema);
  collection.flow = true;
  // Line breaks are read in sequences only: in mappings they move spaces and commas between items.
  const skip = isMap || !place.lines ? (at: number) => skipSpaces(text, at) : (at: number) => skipFlowSpace(text, at, place);
  const inner: FlowPlace = { ...place, level: place.level + 1, lines: place.lines && !isMap };
  const { facts } = place;
  let at = skip(start + 1);
  while (text.charCodeAt(at) !== close) {
    if (isMap) {
      const key = flowItem(text, at, inner, true);
      at = skipSpaces(text, (key.range as [number, number, number])[1]);
      if (text.charCodeAt(at) !== COLON || !isBlankAt(text, at + 1)) unsupported('flow map entry');
      facts.path.push(String((key as Scalar).value));
      const value = flowItem(text, skipSpaces(text, at + 1), inner, false);
      facts.value(value);
      facts.path.pop();
      at = endWith(value, skip);
      (collection as YAMLMap).items.push(newPair(key, value));
    } else {
      facts.path.push(collection.items.length);
      const item = flowItem(text, at, inner, false);
      facts.value(item);
      facts.path.pop();
      at = endWith(item, skip);
      (collection as YAMLSeq).items.push(item);
    }
    const code = text.charCodeAt(at);
    if (code === COMMA) at = skip(at + 1);
    else if (code !== close) unsupported('flow collection item');
  }
  collection.range = [start, at + 1, at + 1];
  if (isMap) facts.map(collection as YAMLMap);
  return collection;
}

/** The white space after an item (line breaks included, in a sequence) belongs to its range's third offset. */
function endWith(node: FlowNode, skip: (at: number) => number): number {
  const range = node.range as [number, number, number];
  const at = skip(range[1]);
  range[2] = at;
  return at;
}

/**
 * Spaces and line breaks inside a flow sequence, as yaml's lexer accepts them:
 * each new line indented at least `indentNext`, except a closing bracket of the
 * outermost collection, which may stand one column less. No comments.
 */
function skipFlowSpace(text: string, at: number, place: FlowPlace): number {
  let next = skipSpaces(text, at);
  while (text.charCodeAt(next) === NEWLINE) {
    const lineStart = next + 1;
    next = skipSpaces(text, lineStart);
    if (text.charCodeAt(next) === NEWLINE) continue; // a blank line
    const indent = next - lineStart;
    const code = text.charCodeAt(next);
    if (next >= text.length || code === HASH) unsupported('unclosed flow collection or comment in it');
    const closesOutermost = place.level === 1 && indent === place.indentNext - 1 && (code === CLOSE_BRACKET || code === CLOSE_BRACE);
    if (indent < place.indentNext && !closesOutermost) unsupported('flow collection line not indented enough');
  }
  return next;
}

/** An item of a collection; `place` describes the collections it may itself open. */
function flowItem(text: string, at: number, place: FlowPlace, atKey: boolean): FlowNode {
  const { scalars } = place;
  const code = text.charCodeAt(at);
  if (code === OPEN_BRACKET || code === OPEN_BRACE) {
    if (atKey) unsupported('flow collection as key');
    return collectionAt(text, at, place);
  }
  if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
    const end = quotedEnd(text, at);
    const value = code === DOUBLE_QUOTE ? doubleQuotedValue(text, at, end) : singleQuotedValue(text, at, end);
    return stringScalar(value, [at, end, end], code === DOUBLE_QUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE);
  }
  if (code === ASTERISK && !atKey) {
    place.facts.aliases = true;
    return aliasAt(text, at);
  }
  if (!startsFlowPlain(text, at)) unsupported('flow item');
  const extent = plainExtent(text, at, 0, true);
  if (extent.end <= at) unsupported('empty flow item');
  if (extent.colon >= 0 && !atKey) unsupported('pair in a flow sequence');
  return plainScalar(scalars, text.slice(at, extent.end), [at, extent.end, extent.end], atKey);
}

/** `*name` (in a block value, or as in `<<: [*a, *b]`): the name runs to white space or a flow indicator. */
export function aliasAt(text: string, at: number): Alias {
  let end = at + 1;
  while (end < text.length && !isBlankAt(text, end) && !isFlowIndicator(text.charCodeAt(end))) end++;
  const name = text.slice(at + 1, end);
  if (name === '' || name.endsWith(':')) unsupported('alias');
  const alias = new Alias(name);
  alias.range = [at, end, end];
  return alias;
}

/** Characters a plain scalar may start with in flow context (yaml's indicators excluded). */
function startsFlowPlain(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code === DASH || code === 0x3f || code === COLON) {
    // -, ?, : start a plain scalar only before a character that is not white space or a flow indicator
    return !isBlankAt(text, at + 1) && !isFlowIndicator(text.charCodeAt(at + 1));
  }
  return !'#&*!|>\'"%@`,[]{} \n'.includes(text[at] as string);
}
