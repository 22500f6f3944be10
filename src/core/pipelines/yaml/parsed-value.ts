import { parse, type Document, type Scalar } from 'yaml';
import { composedFacts } from './composed-facts';
import { parseSourceReusing } from './source-cache';
import { simplePlainDataOf } from '../schema/plain-data';

/** The options of yaml's `parse` that the readers of other files (local actions, reusable workflows) pass. */
export interface ValueOptions {
  readonly maxAliasCount: number;
  /** yaml's default: true (a repeated key is an error). */
  readonly uniqueKeys?: false;
  /** yaml's default: false (`<<` is a plain key). */
  readonly merge?: true;
}

/**
 * What yaml's `parse(text, options)` returns (or throws) for the file at `path` (its mappings may
 * have no prototype, and the value is shared: only read it), read from the parse
 * the source cache holds for it (the fast composer's, several times quicker, and shared with the
 * file's own validation when a workflow's checks validate its local action too) whenever that parse
 * must read the same; else `parse` itself.
 */
export function parsedValue(text: string, path: string, options: ValueOptions): unknown {
  const { doc } = parseSourceReusing(text, path);
  if (!readsAsParse(text, doc, options)) return parse(text, options);
  return (simplePlainDataOf(doc) ?? { value: doc.toJS({ maxAliasCount: options.maxAliasCount }) }).value;
}

/** `<<` as a key (the composer takes no explicit `? ` keys, so it is an implicit one, followed by its colon). */
const MERGE_KEY = /<<\s*:/;
/** yaml's strict mode (parse's default) rejects an implicit key whose `:` is over 1024 characters from its start. */
const LONGEST_KEY = 1024;

/**
 * Whether `doc`, parsed with PARSE_OPTIONS, gives what `parse` with `options` gives. Only the fast
 * composer's documents (those with facts) qualify: it declines whatever yaml reports an error in, so
 * what is left are the options that differ (merge keys, repeated keys, strict mode's long keys) and
 * the warnings `parse` would print.
 */
function readsAsParse(text: string, doc: Document.Parsed, options: ValueOptions): boolean {
  const facts = composedFacts(doc);
  if (!facts || doc.errors.length > 0 || doc.warnings.length > 0) return false;
  if (!options.merge && MERGE_KEY.test(text)) return false;
  if (options.uniqueKeys !== false && facts.repeatedKeyMaps.some(hasEqualKeys)) return false;
  return !hasLineLongerThan(text, LONGEST_KEY);
}

/** yaml's uniqueKeys test for scalar keys (the composer's keys are scalars): the same value. */
function hasEqualKeys(map: { readonly items: readonly { readonly key: unknown }[] }): boolean {
  const values = map.items.map((pair) => (pair.key as Scalar).value);
  return new Set(values).size < values.length;
}

function hasLineLongerThan(text: string, length: number): boolean {
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if (end - start > length) return true;
    start = end + 1;
  }
  return text.length - start > length;
}
