import { Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { BlockComposer } from './block-composer';
import { scalarContext } from './scalar-nodes';
import { Unsupported } from './unsupported';
import { FactsRecorder } from './facts-recorder';
import { recordComposedFacts } from '../composed-facts';

const FACTS_MAX_LENGTH = 250_000;

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * yaml's `parseDocument(text, options)` for the YAML that pipelines are made of
 * (block mappings and sequences, plain, quoted and block scalars, flow
 * collections, anchors, aliases and merge keys), built straight from the text
 * at several times the speed; the same nodes, values and ranges, without
 * comments, plus the ComposedFacts the rules use. Returns why it declined (tabs,
 * carriage returns, tags, directives, several documents, multi-line quotes or
 * flow mappings, comments inside flows, anything yaml reports as an error...),
 * and the caller then uses `parseDocument` itself. Other exceptions are bugs
 * and propagate.
 */
export function composeDocument(text: string, options: Options): Document.Parsed | Unsupported {
  if (text.includes('\t')) return new Unsupported('tab');
  if (text.charCodeAt(0) === 0xfeff) return composeAfterByteOrderMark(text, options);
  if (text.includes('\r')) return composeWithCrlf(text, options);
  const doc = new Document(undefined, options) as Document.Parsed;
  try {
    const facts = new FactsRecorder();
    const composer = new BlockComposer(text, doc.schema, scalarContext(doc), facts);
    const { node, start, end, documentStart } = composer.root();
    doc.warnings.push(...composer.warnings);
    doc.contents = node as Document.Parsed['contents'];
    if (documentStart) doc.directives.docStart = true;
    doc.range = [start, (node.range as [number, number, number])[2], end];
    // The rules' own walks stop after a budget of nodes, which a text this short cannot reach: the facts are then what they would find.
    if (text.length < FACTS_MAX_LENGTH) recordComposedFacts(doc, facts);
    return doc;
  } catch (error) {
    if (error instanceof Unsupported) return error;
    throw error;
  }
}

/** composeDocument for production: undefined whenever yaml should parse instead (a stack overflow on deep nesting included). */
export function composeDocumentOrUndefined(text: string, options: Options): Document.Parsed | undefined {
  try {
    const result = composeDocument(text, options);
    return result instanceof Unsupported ? undefined : result;
  } catch {
    return undefined;
  }
}

/**
 * A file with CRLF line ends (Windows checkouts): composed without the carriage returns, then every
 * offset moved back to the file's own. yaml reads `\r\n` as one line break and keeps no `\r` in
 * values, so the values are the same. A lone `\r` goes to yaml.
 */
function composeWithCrlf(text: string, options: Options): Document.Parsed | Unsupported {
  if (/\r(?!\n)/.test(text)) return new Unsupported('carriage return without a line feed');
  const doc = composeDocument(text.replace(/\r\n/g, '\n'), options);
  if (doc instanceof Unsupported) return doc;
  // Line feeds that had a carriage return before them, by their offset in the composed text.
  const crlf: number[] = [];
  for (let at = text.indexOf('\r\n'), removed = 0; at >= 0; at = text.indexOf('\r\n', at + 2)) crlf.push(at - removed++);
  const original = (offset: number): number => {
    let low = 0;
    let high = crlf.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((crlf[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    return offset + low;
  };
  return withOffsetsMoved(doc, original);
}

/**
 * A file starting with a byte order mark (Windows editors write one): read as GitHub's, Azure's and
 * GitLab's parsers read it, as a mark that is not content, and composed without it; every offset then
 * counts it. (yaml itself counts the mark in the first line's indentation: `\ufeff- a: 1` is an error there.)
 */
function composeAfterByteOrderMark(text: string, options: Options): Document.Parsed | Unsupported {
  const doc = composeDocument(text.slice(1), options);
  return doc instanceof Unsupported ? doc : withOffsetsMoved(doc, afterByteOrderMark);
}

export const afterByteOrderMark = (offset: number): number => offset + 1;

/** Every offset in the document (node ranges, its own range, errors, warnings) mapped through `original`, each range once. */
export function withOffsetsMoved(doc: Document.Parsed, original: (offset: number) => number): Document.Parsed {
  const moved = new Set<number[]>();
  const move = (range: number[] | null | undefined): void => {
    if (!range || moved.has(range)) return;
    moved.add(range);
    for (let index = 0; index < range.length; index++) range[index] = original(range[index] as number);
  };
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop() as { range?: number[]; items?: unknown[]; key?: unknown; value?: unknown } | null;
    if (!node || typeof node !== 'object') continue;
    move(node.range);
    if (node.items) stack.push(...node.items);
    if ('key' in node) stack.push(node.key, node.value);
  }
  move(doc.range);
  for (const problem of [...doc.errors, ...doc.warnings]) move(problem.pos);
  return doc;
}
