import type { Document } from 'yaml';
import { isMap, isScalar, isSeq } from '../yaml/identity';
import { MAX_ALIAS_COUNT } from '../yaml/source-file';
import { composedFacts, type ComposedFacts } from '../yaml/composed-facts';

const UNSUPPORTED = Symbol('unsupported');
const MAX_DEPTH = 500;

/**
 * The document as plain JSON-like data for the schema, as `doc.toJS()` gives
 * it. Workflows are plain maps, lists and scalars, which convert here in one
 * walk; yaml's own conversion (alias bookkeeping, merge keys, complex keys)
 * costs several times more and is used whenever the file has any of those.
 * Throws what `doc.toJS()` throws (aliases that expand too much).
 */
export function plainDataOf(doc: Document): unknown {
  const data = simplePlainDataOf(doc);
  return data === undefined ? doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) : data.value;
}

/**
 * The document as `doc.toJS()` gives it (with any options: no alias, merge key or complex key is
 * there), when this one walk can tell; else undefined. Shared, so only read: a workflow's checks
 * read a local action's file (its metadata) and validate it (its schema) from one conversion.
 * Kept with the fast composer's facts, which an edit patched into the document drops.
 */
export function simplePlainDataOf(doc: Document): { readonly value: unknown } | undefined {
  const facts = composedFacts(doc);
  const kept = facts && converted.get(facts);
  if (kept !== undefined) return kept === UNSUPPORTED ? undefined : kept;
  const value = convert(doc.contents, 0);
  const data = value === UNSUPPORTED ? UNSUPPORTED : { value };
  if (facts) converted.set(facts, data);
  return data === UNSUPPORTED ? undefined : data;
}

const converted = new WeakMap<ComposedFacts, { readonly value: unknown } | typeof UNSUPPORTED>();

function convert(node: unknown, depth: number): unknown {
  if (node === null || node === undefined) return node;
  if (depth > MAX_DEPTH) return UNSUPPORTED;
  if (isScalar(node)) {
    const value = node.value;
    return value !== null && typeof value === 'object' ? UNSUPPORTED : value;
  }
  if (isSeq(node)) {
    const items: unknown[] = [];
    for (const item of node.items) {
      const converted = convert(item, depth + 1);
      if (converted === UNSUPPORTED) return UNSUPPORTED;
      items.push(converted);
    }
    return items;
  }
  if (isMap(node)) {
    // No prototype: cheaper to fill and for ajv to read, and no inherited name (`constructor`, `__proto__`) to step around.
    const map = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key)) return UNSUPPORTED; // complex keys: yaml stringifies them
      const keyValue = key.value;
      if ((keyValue !== null && typeof keyValue === 'object') || typeof keyValue === 'symbol') return UNSUPPORTED; // merge keys (yaml's Symbol(<<))
      const name = keyValue === null ? '' : String(keyValue);
      const value = convert(pair.value, depth + 1);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      // As yaml's own properties: a repeated name keeps its first place and takes the last value.
      map[name] = value;
    }
    return map;
  }
  return UNSUPPORTED; // aliases
}
