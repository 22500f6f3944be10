import type { Document, Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { composedFacts } from './composed-facts';
import { isAlias, isMap, isPair, isScalar, isSeq } from './identity';

/**
 * Small, alias-aware accessors over the yaml library's nodes. Rules read
 * the tree through these so an anchor used in five places is checked in
 * each (with the alias's own position reported).
 */
export type AnyNode = YamlNode | null | undefined;

/** Follows an alias to what it names (one level; yaml forbids alias chains). */
export function resolve(doc: Document, node: unknown): AnyNode {
  if (!isAlias(node)) return node as AnyNode;
  const targets = aliasTargetsOf(doc);
  if (targets.has(node)) return targets.get(node);
  try {
    return node.resolve(doc) as AnyNode; // an alias from outside this document
  } catch {
    return undefined;
  }
}

/**
 * What each alias of a document names: the last node before it with that anchor
 * (yaml's rule), found in one walk. yaml's own `resolve` walks the whole
 * document on every call, which made files with many aliases quadratic.
 * Documents are only read (a patched one keeps its nodes and anchors).
 */
const aliasTargets = new WeakMap<Document, Map<unknown, AnyNode>>();

function aliasTargetsOf(doc: Document): Map<unknown, AnyNode> {
  let targets = aliasTargets.get(doc);
  if (targets) return targets;
  targets = new Map();
  const anchored = new Map<string, AnyNode>();
  // Document order, each node before its children (as yaml's visit goes).
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      targets.set(node, anchored.get(node.source));
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    } else if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.anchor) anchored.set(node.anchor, node);
      if (isMap(node) || isSeq(node)) for (let index = node.items.length - 1; index >= 0; index--) stack.push(node.items[index]);
    }
  }
  aliasTargets.set(doc, targets);
  return targets;
}

/** The aliases of a document that name no anchor before them (`*nope`): yaml leaves them unresolved. */
export function aliasesWithoutAnchor(doc: Document): YamlNode[] {
  if (composedFacts(doc)?.aliases === false) return []; // the composer built no alias: no walk
  const missing: YamlNode[] = [];
  for (const [alias, target] of aliasTargetsOf(doc)) if (target === undefined) missing.push(alias as YamlNode);
  return missing;
}

export function asMap(doc: Document, node: unknown): YAMLMap<unknown, unknown> | undefined {
  const resolved = resolve(doc, node);
  return isMap(resolved) ? resolved : undefined;
}

export function asSeq(doc: Document, node: unknown): YAMLSeq<unknown> | undefined {
  const resolved = resolve(doc, node);
  return isSeq(resolved) ? resolved : undefined;
}

export function asScalar(doc: Document, node: unknown): Scalar | undefined {
  const resolved = resolve(doc, node);
  return isScalar(resolved) ? resolved : undefined;
}

/**
 * A scalar as text for a person or a comparison, as the file writes it where JavaScript would
 * change it: yaml's merge key is `Symbol(<<)` (here `<<`), and a number keeps its digits
 * (`99999999999999999` is not rounded to `100000000000000000`, `1.0` stays `1.0`).
 */
export function scalarText(scalar: { readonly value: unknown; readonly source?: string }): string {
  const value = scalar.value;
  if (typeof value === 'symbol') return value.description ?? '';
  if ((typeof value === 'number' || typeof value === 'bigint') && typeof scalar.source === 'string' && scalar.source !== '') return scalar.source;
  return String(value);
}

/** The key of a pair as text ('' for complex keys). */
export function keyText(pair: Pair<unknown, unknown>): string {
  const key = pair.key;
  if (isScalar(key)) return scalarText(key);
  return '';
}

/** The pairs of a map, merge keys (`<<: *x`) expanded in place, own keys winning. */
export function pairsOf(doc: Document, node: unknown): Pair<unknown, unknown>[] {
  const map = asMap(doc, node);
  if (!map) return [];
  // Most mappings have no merge key: their pairs, without the sets and copies below.
  const items = map.items as unknown[];
  let plain = true;
  for (let index = 0; index < items.length && plain; index++) {
    const item = items[index];
    plain = isPair(item) && !(keyText(item) === '<<' && (isAlias(item.value) || isSeq(item.value) || isMap(item.value)));
  }
  if (plain) return items.slice() as Pair<unknown, unknown>[];
  const own: Pair<unknown, unknown>[] = [];
  const merged: Pair<unknown, unknown>[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (keyText(item) === '<<' && (isAlias(item.value) || isSeq(item.value) || isMap(item.value))) {
      const sources = isSeq(item.value) ? item.value.items : [item.value];
      for (const source of sources) merged.push(...pairsOf(doc, source));
    } else {
      own.push(item);
    }
  }
  const ownKeys = new Set(own.map(keyText));
  return [...own, ...merged.filter((pair) => !ownKeys.has(keyText(pair)))];
}

/** The pair with this key (exact match), merge keys included. The hot path of every rule: no arrays built. */
export function pairOf(doc: Document, node: unknown, key: string): Pair<unknown, unknown> | undefined {
  const map = asMap(doc, node);
  if (!map) return undefined;
  let merges = false;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const itemKey = isScalar(item.key) ? item.key.value : undefined;
    if (itemKey === key || (itemKey !== undefined && itemKey !== null && scalarText(item.key as Scalar) === key)) return item;
    if (typeof itemKey === 'symbol') merges = true; // yaml's merge key
  }
  // Only a mapping with merge keys (`<<: *defaults`) needs the full, merged view.
  return merges ? pairsOf(doc, map).find((pair) => keyText(pair) === key) : undefined;
}

/** The value node under `key`, alias resolved. */
export function get(doc: Document, node: unknown, key: string): AnyNode {
  return resolve(doc, pairOf(doc, node, key)?.value);
}

/** The items of a sequence, aliases resolved. */
export function itemsOf(doc: Document, node: unknown): AnyNode[] {
  return asSeq(doc, node)?.items.map((item) => resolve(doc, item)) ?? [];
}

/** A scalar's value as text, or undefined for maps, sequences and null. */
export function textOf(doc: Document, node: unknown): string | undefined {
  const scalar = asScalar(doc, node);
  if (!scalar || scalar.value === null || scalar.value === undefined) return undefined;
  return typeof scalar.value === 'object' ? undefined : scalarText(scalar);
}

/** A string scalar, or each string of a sequence: how `needs:`, `runs-on:` and friends are written. */
export function stringList(doc: Document, node: unknown): { value: string; node: YamlNode }[] {
  const resolved = resolve(doc, node);
  if (isScalar(resolved)) return resolved.value === null ? [] : [{ value: scalarText(resolved), node: resolved }];
  return itemsOf(doc, resolved).flatMap((item) => (isScalar(item) && item.value !== null ? [{ value: scalarText(item), node: item as YamlNode }] : []));
}
