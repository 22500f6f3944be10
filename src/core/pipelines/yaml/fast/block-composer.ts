import { Scalar, YAMLWarning, type Node as YamlNode, type Schema, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  AMPERSAND,
  ASTERISK,
  COLON,
  DOUBLE_QUOTE,
  GREATER,
  HASH,
  isBlankAt,
  isDashItem,
  isFlowIndicator,
  lineEndFrom,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  PIPE,
  SINGLE_QUOTE,
  skipSpaces,
} from './chars';
import { blockScalar } from './block-scalar';
import { aliasAt, flowCollection } from './flow-collection';
import { plainExtent, unfoldLines } from './plain-scalar';
import { doubleQuotedValue, quotedEnd, singleQuotedValue } from './quoted-scalar';
import { plainScalar, stringScalar, type ScalarContext } from './scalar-nodes';
import { absorbIndentedComments, emptyValueEnd, isStuck, Trivia } from './trivia';
import type { FactsRecorder } from './facts-recorder';
import { newMap, newPair, newSeq } from './node-classes';
import { unsupported } from './unsupported';
import { scalarText } from '../nodes';

type Range = [number, number, number];
const EXCLAMATION = 0x21;
const REFERENCE_TAG = '!reference';
type BlockNode = YamlNode;

/**
 * Builds yaml's node tree for the block structure of a document (mappings and
 * sequences by indentation, `key: value`, `- item`) straight from the text,
 * with the ranges yaml's parser and composer give. State between calls: after
 * each value, `trivia` describes the blank and comment lines that follow it and
 * the next content line, and `leftComment` the deepest comment column left over
 * after the innermost collection's last value (see trivia.ts).
 */
export class BlockComposer {
  private readonly trivia = new Trivia();
  private leftComment = -1;
  /** Whether the last value read was empty: the lines after an empty value stay in it, not in the document's end. */
  private lastValueEmpty = false;
  /** Where the `:` of the last key read is. */
  private keyColon = 0;
  /** What yaml warns about as it composes: the tags it does not know (`!reference`). */
  readonly warnings: YAMLWarning[] = [];

  constructor(
    private readonly text: string,
    private readonly schema: Schema,
    private readonly scalars: ScalarContext,
    private readonly facts: FactsRecorder,
  ) {}

  /**
   * The document's block mapping or sequence, after an optional `---` line; the
   * text must end with it. `start` is where yaml's document begins.
   */
  root(): { node: YamlMap | YamlSeq; start: number; end: number; documentStart: boolean } {
    const { text, trivia } = this;
    trivia.scan(text, 0, true);
    const documentStart = trivia.documentStart;
    const start = documentStart ? trivia.pos : trivia.lineStart;
    if (documentStart) {
      const after = skipSpaces(text, trivia.pos + 3);
      const code = text.charCodeAt(after);
      if (after < text.length && code !== NEWLINE && code !== HASH) unsupported('content on the --- line');
      trivia.scan(text, nextLine(text, after));
    }
    if (trivia.atEnd) unsupported('no content');
    const at = trivia.pos;
    const node = isDashItem(text, at) ? this.sequence(at, trivia.indent) : this.mapping(at, trivia.indent);
    if (!trivia.atEnd) unsupported('content after the root collection');
    const contentEnd = (node.range as Range)[2];
    return { node, start, end: this.lastValueEmpty ? contentEnd : text.length, documentStart };
  }

  private mapping(firstKey: number, column: number): YamlMap {
    const { text, trivia } = this;
    const map = newMap(this.schema);
    let keyAt = firstKey;
    let offset = firstKey;
    const { path } = this.facts;
    for (;;) {
      const key = this.key(keyAt, column);
      path.push(scalarText(key));
      const value = this.valueAfterIndicator(this.keyColon + 1, column, true);
      this.facts.value(value);
      path.pop();
      map.items.push(newPair(key, value));
      offset = (value.range as Range)[2];
      if (trivia.atEnd || trivia.indent < column) break;
      if (trivia.indent > column || isDashItem(text, trivia.pos)) unsupported('unexpected indentation after a mapping value');
      keyAt = trivia.pos;
    }
    map.range = [firstKey, offset, offset];
    this.closeCollection(map.range, column);
    this.facts.map(map);
    return map;
  }

  private sequence(firstDash: number, column: number): YamlSeq {
    const { text, trivia } = this;
    const seq = newSeq(this.schema);
    let dash = firstDash;
    let offset = firstDash;
    let commentBeforeDash = false;
    const { path } = this.facts;
    for (;;) {
      path.push(seq.items.length);
      const item = this.valueAfterIndicator(dash + 1, column, false, commentBeforeDash);
      this.facts.value(item);
      path.pop();
      seq.items.push(item);
      offset = (item.range as Range)[2];
      if (trivia.atEnd || trivia.indent < column) break;
      if (trivia.indent > column) unsupported('unexpected indentation after a sequence item');
      if (!isDashItem(text, trivia.pos)) break; // a key of the mapping this sequence is a value of
      dash = trivia.pos;
      // Comments left after the last item are part of the next item's props (they count for an empty one).
      commentBeforeDash = this.leftComment >= 0;
    }
    seq.range = [firstDash, offset, offset];
    this.closeCollection(seq.range, column);
    return seq;
  }

  /** Comments left after the last value stay in a collection they are as deep as (see isStuck). */
  private closeCollection(range: Range, column: number): void {
    if (!isStuck(this.leftComment, column)) return;
    range[2] = this.trivia.pos;
    this.leftComment = -1;
  }

  /** A key at `at` (plain or quoted, on one line); sets `keyColon` to the offset of its `:`. */
  private key(at: number, column: number): Scalar {
    const { text } = this;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const end = quotedEnd(text, at);
      const colon = skipSpaces(text, end);
      if (text.charCodeAt(colon) !== COLON || !isBlankAt(text, colon + 1)) unsupported('quoted key without ":"');
      this.keyColon = colon;
      return this.quoted(at, end, end);
    }
    if (!startsBlockPlain(text, at)) unsupported('key');
    const extent = plainExtent(text, at, column, false);
    if (extent.colon < 0 || extent.multiline) unsupported('not a one-line key');
    this.keyColon = extent.colon;
    return plainScalar(this.scalars, text.slice(at, extent.end), [at, extent.end, extent.end], true);
  }

  /**
   * The value after a `:` or `-` indicator at `after - 1`, in a collection at
   * `column`: on the same line, on the following lines, or empty. Leaves
   * `trivia` at the next content line and sets `leftComment`. `commentBefore`:
   * a comment before the `-` (it makes an empty item's range longer).
   */
  private valueAfterIndicator(after: number, column: number, inMap: boolean, commentBefore = false): BlockNode {
    const { text, trivia } = this;
    const at = skipSpaces(text, after);
    const code = text.charCodeAt(at);
    if (at >= text.length || code === NEWLINE || code === HASH) {
      trivia.scan(text, nextLine(text, at));
      if (this.valueOnNextLines(column, inMap)) return this.nodeOnNextLine(column);
      return this.emptyValue(at, column, inMap, code === HASH || commentBefore);
    }
    if (code === AMPERSAND) return this.anchored(at, column, inMap);
    if (code === EXCLAMATION) return this.tagged(at, column, inMap);
    return this.valueOnLine(at, column, !inMap);
  }

  /**
   * GitLab's `!reference [job, key]` (a flow list) or `!reference` with a block list on the next
   * lines: the list with yaml's tag and its "Unresolved tag" warning. Any other tag goes to yaml.
   */
  private tagged(at: number, column: number, inMap: boolean): BlockNode {
    const { text, trivia } = this;
    const end = at + REFERENCE_TAG.length;
    if (!text.startsWith(REFERENCE_TAG, at) || !isBlankAt(text, end)) unsupported('tag');
    const valueAt = skipSpaces(text, end);
    const code = text.charCodeAt(valueAt);
    let node: BlockNode;
    if (valueAt >= text.length || code === NEWLINE || code === HASH) {
      trivia.scan(text, nextLine(text, valueAt));
      if (!this.valueOnNextLines(column, inMap) || !isDashItem(text, trivia.pos)) unsupported('tag on an empty value');
      node = this.nodeOnNextLine(column);
    } else {
      if (code !== OPEN_BRACKET) unsupported('tag before a value other than a list');
      node = this.flowValue(valueAt, column);
    }
    (node as { tag?: string }).tag = REFERENCE_TAG;
    this.facts.tags = true;
    this.warnings.push(unresolvedTag([at, end]));
    return node;
  }

  /** Whether the next content line holds the value: deeper than the collection, or a sequence at a mapping's column. */
  private valueOnNextLines(column: number, inMap: boolean): boolean {
    const { trivia } = this;
    return !trivia.atEnd && (trivia.indent > column || (inMap && trivia.indent === column && isDashItem(this.text, trivia.pos)));
  }

  /** `&name value`, or `&name` with the value on the next lines. */
  private anchored(at: number, column: number, inMap: boolean): BlockNode {
    const { text, trivia } = this;
    let end = at + 1;
    while (end < text.length && !isBlankAt(text, end) && !isFlowIndicator(text.charCodeAt(end))) end++;
    const name = text.slice(at + 1, end);
    if (name === '' || name.endsWith(':') || !isBlankAt(text, end)) unsupported('anchor');
    const valueAt = skipSpaces(text, end);
    const code = text.charCodeAt(valueAt);
    let node: BlockNode;
    if (valueAt >= text.length || code === NEWLINE || code === HASH) {
      trivia.scan(text, nextLine(text, valueAt));
      if (!this.valueOnNextLines(column, inMap)) unsupported('anchor on an empty value');
      node = this.nodeOnNextLine(column);
    } else {
      if (code === AMPERSAND || code === ASTERISK) unsupported('anchor before an alias or anchor');
      node = this.valueOnLine(valueAt, column, false);
    }
    (node as { anchor?: string }).anchor = name;
    this.facts.anchors = true;
    return node;
  }

  /** The value on the next content line (deeper than `column`, or a sequence at it). */
  private nodeOnNextLine(column: number): BlockNode {
    const { text, trivia } = this;
    const at = trivia.pos;
    if (isDashItem(text, at)) return this.sequence(at, trivia.indent);
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const colon = skipSpaces(text, quotedEnd(text, at));
      if (text.charCodeAt(colon) === COLON && isBlankAt(text, colon + 1)) return this.mapping(at, trivia.indent);
      unsupported('quoted scalar on its own line');
    }
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.flowValue(at, column);
    if (!startsBlockPlain(text, at)) unsupported('value on its own line');
    const extent = plainExtent(text, at, column + 1, false);
    if (extent.colon >= 0) {
      if (extent.multiline) unsupported('multi-line implicit key');
      return this.mapping(at, trivia.indent);
    }
    return this.plainValue(at, extent.end, extent.multiline, column);
  }

  /** A value starting at `at` on the line of its indicator. `allowKey`: a `- key: value` item. */
  private valueOnLine(at: number, column: number, allowKey: boolean): BlockNode {
    const { text } = this;
    const code = text.charCodeAt(at);
    if (code === PIPE || code === GREATER) return this.blockScalarValue(at, column);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const end = quotedEnd(text, at);
      const after = skipSpaces(text, end);
      if (text.charCodeAt(after) === COLON && isBlankAt(text, after + 1)) {
        if (!allowKey) unsupported('mapping on the line of a key');
        return this.mapping(at, at - lineStartOf(text, at));
      }
      return this.endsLine(this.quoted(at, end, end), column);
    }
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.flowValue(at, column);
    if (code === ASTERISK) return this.alias(at, column);
    if (!startsBlockPlain(text, at)) unsupported('value');
    const extent = plainExtent(text, at, column + 1, false);
    if (extent.colon >= 0) {
      if (!allowKey || extent.multiline) unsupported('mapping on the line of a key');
      return this.mapping(at, at - lineStartOf(text, at));
    }
    return this.plainValue(at, extent.end, extent.multiline, column);
  }

  /** `[...]` or `{...}` as a value (never a key: `[a]: b` goes to yaml). */
  private flowValue(at: number, column: number): BlockNode {
    const node = flowCollection(this.text, at, { schema: this.schema, scalars: this.scalars, facts: this.facts }, column + 1);
    if (this.text.charCodeAt(skipSpaces(this.text, (node.range as Range)[1])) === COLON) unsupported('flow collection as key');
    return this.endsLine(node, column);
  }

  private plainValue(at: number, end: number, multiline: boolean, column: number): BlockNode {
    const source = this.text.slice(at, end);
    return this.endsLine(plainScalar(this.scalars, multiline ? unfoldLines(source) : source, [at, end, end], false), column);
  }

  private quoted(at: number, end: number, nodeEnd: number): Scalar {
    const double = this.text.charCodeAt(at) === DOUBLE_QUOTE;
    const value = double ? doubleQuotedValue(this.text, at, end) : singleQuotedValue(this.text, at, end);
    return stringScalar(value, [at, end, nodeEnd], double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE);
  }

  private alias(at: number, column: number): BlockNode {
    this.facts.aliases = true;
    return this.endsLine(aliasAt(this.text, at), column);
  }

  /**
   * A value that must end its line (only spaces and a comment may follow): its
   * range runs to the next line, then over deeper comment lines after it.
   */
  private endsLine<T extends BlockNode>(node: T, column: number): T {
    const { text, trivia } = this;
    const range = node.range as Range;
    const after = skipSpaces(text, range[1]);
    const code = text.charCodeAt(after);
    if (after < text.length && code !== NEWLINE && !(code === HASH && after > range[1])) unsupported('text after a value');
    const next = nextLine(text, after);
    range[2] = next;
    trivia.scan(text, next);
    this.leftComment = absorbIndentedComments(trivia, column, range);
    this.lastValueEmpty = false;
    return node;
  }

  private blockScalarValue(at: number, column: number): BlockNode {
    const { text, trivia } = this;
    const scalar = blockScalar(text, at, column);
    const node = stringScalar(scalar.value, [at, scalar.end, scalar.end], scalar.folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL);
    trivia.scan(text, scalar.end);
    this.leftComment = trivia.deepestComment();
    this.lastValueEmpty = false;
    return node;
  }

  /** `key:` or `-` with nothing after: a null scalar just after the indicator's spaces. */
  private emptyValue(at: number, column: number, inMap: boolean, commentOnLine: boolean): BlockNode {
    const { trivia } = this;
    const siblingKeyFollows = inMap && !trivia.atEnd && trivia.indent === column;
    const end = emptyValueEnd(trivia, column, commentOnLine, siblingKeyFollows);
    const node = plainScalar(this.scalars, '', [at, at, at], false);
    if (end >= 0) (node.range as Range)[2] = end;
    this.leftComment = -1;
    this.lastValueEmpty = true;
    return node;
  }
}

/**
 * yaml's warning for a tag it does not know, built without `new`: an Error's constructor captures a
 * stack trace, which cost more than composing the whole list (GitLab files hold hundreds of `!reference`).
 */
function unresolvedTag(pos: [number, number]): YAMLWarning {
  const warning = Object.create(YAMLWarning.prototype) as YAMLWarning;
  return Object.assign(warning, { name: 'YAMLWarning', code: 'TAG_RESOLVE_FAILED', message: `Unresolved tag: ${REFERENCE_TAG}`, pos });
}

type YamlMap = YAMLMap<unknown, unknown>;
type YamlSeq = YAMLSeq<unknown>;

/** The start of the line after the one holding `at` (the text's end on the last line). */
function nextLine(text: string, at: number): number {
  const end = lineEndFrom(text, at);
  return end < text.length ? end + 1 : text.length;
}

function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** A plain scalar in block context cannot start with an indicator (`-`, `?` and `:` only before white space). */
function startsBlockPlain(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code === 0x2d || code === 0x3f || code === COLON) return !isBlankAt(text, at + 1);
  return !'#&*!|>\'"%@`,[]{} \n'.includes(text[at] as string);
}
