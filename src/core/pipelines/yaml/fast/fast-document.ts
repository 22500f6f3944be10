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
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return new Unsupported('tab, carriage return or byte order mark');
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
