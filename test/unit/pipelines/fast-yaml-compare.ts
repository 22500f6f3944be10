import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { afterByteOrderMark, composeDocument, withOffsetsMoved } from '../../../src/core/pipelines/yaml/fast/fast-document';
import { Unsupported } from '../../../src/core/pipelines/yaml/fast/unsupported';
import { PARSE_OPTIONS, parseSource } from '../../../src/core/pipelines/yaml/source-file';

/** Fields the fast composer leaves out on purpose: comments (nothing reads them) and yaml's merge-key hook (a function). */
const SKIPPED_FIELDS = new Set(['comment', 'commentBefore', 'spaceBefore', 'addToJSMap']);

const kindOf = (node: unknown): string =>
  isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : isPair(node) ? 'pair' : isAlias(node) ? 'alias' : typeof node;

/**
 * The first difference between two yaml trees, field by field: node kinds and
 * classes (instanceof and constructor), every own enumerable field (range, value, source, type, format, anchor, flow,
 * tag, items in order, ...), or undefined when they are the same.
 */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === b) return undefined;
  if (typeof a === 'symbol' && typeof b === 'symbol') return a.description === b.description ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
    for (let index = 0; index < a.length; index++) {
      const difference = firstDifference(a[index], b[index], `${path}[${index}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  // Same node type and class (the fast composer's nodes inherit from yaml's classes: see node-classes.ts).
  if (kindOf(a) !== kindOf(b) || a.constructor !== b.constructor || !(a instanceof b.constructor)) return `${path}: ${kindOf(a)} vs ${kindOf(b)}`;
  const fields = (node: object): string[] =>
    Object.keys(node)
      .filter((key) => !SKIPPED_FIELDS.has(key))
      .sort();
  const [fieldsA, fieldsB] = [fields(a), fields(b)];
  if (fieldsA.join() !== fieldsB.join()) return `${path}: fields ${fieldsA.join()} vs ${fieldsB.join()}`;
  for (const field of fieldsA) {
    const difference = firstDifference((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field], `${path}.${field}`);
    if (difference) return difference;
  }
  return undefined;
}

export type Comparison =
  { readonly outcome: 'same' } | { readonly outcome: 'declined'; readonly reason: string } | { readonly outcome: 'different'; readonly detail: string };

/** The fast composer against yaml's parseDocument on one text: the same tree, or declined; never a different one. */
export function compareWithYaml(text: string): Comparison {
  const fast = composeDocument(text, { ...PARSE_OPTIONS });
  if (fast instanceof Unsupported) return { outcome: 'declined', reason: fast.reason };
  const lineCounter = new LineCounter();
  // A byte order mark is not content (as GitHub's, Azure's and GitLab's parsers read it): yaml gets the text after it.
  const bom = text.charCodeAt(0) === 0xfeff;
  const yaml = parseDocument(bom ? text.slice(1) : text, { ...PARSE_OPTIONS, lineCounter });
  if (bom) {
    withOffsetsMoved(yaml, afterByteOrderMark);
    lineCounter.lineStarts.splice(1, Infinity, ...lineCounter.lineStarts.slice(1).map(afterByteOrderMark));
  }
  // An unknown tag (GitLab's `!reference`) is a warning yaml gives with the tree: the composer must give the same ones.
  const problem = yaml.errors[0] ?? yaml.warnings.find((warning) => warning.code !== 'TAG_RESOLVE_FAILED');
  if (problem) return { outcome: 'different', detail: `built a tree where yaml reports "${problem.message}"` };
  const difference =
    firstDifference(fast.range, yaml.range, 'document.range') ??
    firstDifference(fast.directives.docStart, yaml.directives.docStart, 'document.docStart') ??
    firstDifference(fast.contents, yaml.contents, 'contents') ??
    firstDifference(parseSource(text, '').lineStarts, lineCounter.lineStarts, 'lineStarts') ??
    firstDifference(warningsOf(fast), warningsOf(yaml), 'warnings');
  return difference ? { outcome: 'different', detail: difference } : { outcome: 'same' };
}

const warningsOf = (doc: { warnings: readonly { code: string; message: string; pos: [number, number] }[] }): unknown[] =>
  doc.warnings.map((warning) => [warning.code, warning.message, warning.pos]);
