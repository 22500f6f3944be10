import { LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Position, Range } from '../finding';
import { afterByteOrderMark, composeDocumentOrUndefined, withOffsetsMoved } from './fast/fast-document';
import { withoutComments } from './without-comments';

/** Aliases expand at most this many times anywhere: a billion-laughs file stays cheap. */
export const MAX_ALIAS_COUNT = 2000;

/** A parsed pipeline file that can turn any node or offset into a 1-based range. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineStarts: readonly number[];
  positionAt(offset: number): Position;
  rangeOf(start: number, end: number): Range;
  nodeRange(node: YamlNode | null | undefined): Range;
}

/**
 * uniqueKeys off: duplicates are reported by our own rule with a better message (and
 * GitHub rejects them, GitLab keeps the last); merge keys on: `<<: *defaults` is common.
 * resolveKnownTags off: `!!binary`, `!!set`, `!!omap`, `!!timestamp` stay the text, mapping or list
 * they are written as (not a Buffer, Set, Map or Date the rules would read as objects); a rule
 * reports the tag.
 */
export const PARSE_OPTIONS = { uniqueKeys: false, merge: true, resolveKnownTags: false, prettyErrors: false, strict: false, logLevel: 'error' } as const;

/**
 * Parses with the fast composer (fast/), which builds yaml's very nodes for the
 * YAML pipelines are made of at several times `parseDocument`'s speed, and
 * with `parseDocument` itself for anything else (errors included). Either way
 * the tree carries no comments (nothing reads them), so the two paths give
 * the same document.
 */
export function parseSource(text: string, path: string): SourceFile {
  const fast = composeDocumentOrUndefined(text, PARSE_OPTIONS);
  if (fast) return sourceFileOf(path, text, fast, () => lineStartsOf(text));
  // A byte order mark is not content (the composer reads it so too): yaml gets the text after it.
  if (text.charCodeAt(0) === 0xfeff) {
    const doc = withoutComments(parseDocument(text.slice(1), PARSE_OPTIONS));
    return sourceFileOf(path, text, withOffsetsMoved(doc, afterByteOrderMark), () => lineStartsOf(text));
  }
  const lineCounter = new LineCounter();
  const doc = withoutComments(parseDocument(text, { lineCounter, ...PARSE_OPTIONS }));
  return sourceFileOf(path, text, doc, lineCounter.lineStarts);
}

/** Where each line starts, as yaml's LineCounter records them for text without carriage returns. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * A SourceFile whose document is parsed only when something reads it: the GitLab pass reads files
 * its own way (parseGitLabFile), so this file's parse would only place findings, which line starts do.
 */
export function sourceWithLazyDocument(path: string, text: string, parse: () => Document.Parsed): SourceFile {
  let doc: Document.Parsed | undefined;
  const source = sourceFileOf(path, text, undefined as unknown as Document.Parsed, () => lineStartsOf(text));
  return Object.defineProperty(source, 'doc', { get: () => (doc ??= parse()) });
}

/**
 * The SourceFile over an already parsed document (a fresh parse, or one patched
 * after an edit). `lineStarts` may be a function: computed when first needed
 * (most files are validated without a finding to place).
 */
export function sourceFileOf(path: string, text: string, doc: Document.Parsed, lineStartsOrCompute: readonly number[] | (() => readonly number[])): SourceFile {
  let computed = typeof lineStartsOrCompute === 'function' ? undefined : lineStartsOrCompute;
  const starts = (): readonly number[] => (computed ??= (lineStartsOrCompute as () => readonly number[])());
  const positionAt = (offset: number): Position => {
    const lineStarts = starts();
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (lineStarts[low] ?? 0) + 1 };
  };
  const rangeOf = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(Math.max(start, end)) });
  return {
    path,
    text,
    doc,
    get lineStarts() {
      return starts();
    },
    positionAt,
    rangeOf,
    nodeRange: (node) => (node?.range ? rangeOf(node.range[0], node.range[1]) : rangeOf(0, 0)),
  };
}
