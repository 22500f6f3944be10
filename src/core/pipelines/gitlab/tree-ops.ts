/**
 * Operations on the located tree that GitLab's merge needs: Ruby's `Hash#deep_merge` (hashes merged
 * key by key, anything else replaced by the later value), and re-labelling a subtree with the
 * include lines that brought it in.
 */
import { keyText, type AEntry, type AMap, type ANode, type Origin } from '../yaml/located-tree';

/**
 * The last merge over each map, with what it was merged onto: trees are immutable and a file's parse
 * is kept (parse-cache.ts), so after an edit the maps it did not touch merge as before, and give the
 * very same result (what `extends` and the jobs' checks build on stays the same object too).
 */
const lastMerge = new WeakMap<ANode, { readonly onto: ANode; readonly result: ANode }>();

/** `a.deep_merge(b)`: b wins; hashes on both sides merge; arrays and scalars are replaced. */
export function deepMerge(a: ANode, b: ANode): ANode {
  if (a.kind !== 'map' || b.kind !== 'map') return b;
  const last = lastMerge.get(b);
  if (last?.onto === a) return last.result;
  const result = mergedMaps(a, b);
  lastMerge.set(b, { onto: a, result });
  return result;
}

function mergedMaps(a: AMap, b: AMap): AMap {
  const later = new Map(b.entries.map((entry) => [keyText(entry), entry]));
  const entries: AEntry[] = [];
  for (const entry of a.entries) {
    const other = later.get(keyText(entry));
    if (!other) entries.push(entry);
    else {
      entries.push({ key: other.key, value: deepMerge(entry.value, other.value) });
      later.delete(keyText(entry));
    }
  }
  for (const entry of b.entries) if (later.has(keyText(entry))) entries.push(entry);
  return { ...b, entries };
}

/** A map with `entries`, keeping `base`'s origin and labels. */
export const withEntries = (base: AMap, entries: readonly AEntry[]): AMap => ({ ...base, entries });

/**
 * Relabelled copies by the tree and their labels, for the inclusions that need one (a file's second
 * inclusion, an undecided one, one with inputs: includes.ts): a file's parse is kept across
 * validations (parse-cache.ts), so an edit does not relabel the files it did not change.
 */
const relabelled = new WeakMap<ANode, Map<string, ANode>>();

/** The subtree brought in through `via` (outermost first), and marked undecided when its include may not apply. */
export function relabel(node: ANode, via: readonly Origin[], undecided: boolean): ANode {
  if (via.length === 0 && !undecided) return node;
  const key = `${undecided ? 'u' : ''}\n${via.map((origin) => `${origin.file}\0${origin.start}\0${origin.end}`).join('\n')}`;
  const labels: Labels = { ...(via.length ? { via } : {}), ...(undecided ? { undecided: true as const } : {}) };
  return kept(relabelled, node, key, () =>
    // A file's root: its entries relabelled one by one, kept by entry (after an edit, most of the
    // entries of the edited file's parse are the last parse's: parse-cache.ts).
    node.kind === 'map'
      ? {
          ...withLabels(node, labels),
          entries: node.entries.map((entry) =>
            kept(relabelledEntries, entry, key, () => ({ key: withLabels(entry.key, labels), value: relabelTree(entry.value, labels) })),
          ),
        }
      : relabelTree(node, labels),
  );
}

const relabelledEntries = new WeakMap<AEntry, Map<string, AEntry>>();

/** What `make` gives for `of` and `key`, made once. */
function kept<K extends object, V>(cache: WeakMap<K, Map<string, V>>, of: K, key: string, make: () => V): V {
  let byKey = cache.get(of);
  if (!byKey) cache.set(of, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = make()));
  return value;
}

function relabelTree(node: ANode, labels: Labels): ANode {
  if (node.kind === 'scalar') return withLabels(node, labels);
  if (node.kind === 'seq') return { ...withLabels(node, labels), items: node.items.map((item) => relabelTree(item, labels)) };
  return {
    ...withLabels(node, labels),
    entries: node.entries.map((entry) => ({ key: withLabels(entry.key, labels), value: relabelTree(entry.value, labels) })),
  };
}

type Labels = { via?: readonly Origin[]; undecided?: true };

/**
 * A copy of `node` with the labels set (over any it had). The labels go before the spread and are
 * set again after it: V8 gives every `{ ...node, ...labels }` or `{ ...node, via }` copy a hidden
 * class of its own (microseconds each, and megamorphic reads after); this way the copies share one.
 */
function withLabels<T extends ANode>(node: T, labels: Labels): T {
  const { via, undecided } = labels;
  if (!via && !undecided) return node;
  const copy: Labels = via && undecided ? { via, undecided, ...node } : via ? { via, ...node } : { undecided, ...node };
  // The spread may have brought the node's own labels back: the new ones win.
  if (via) copy.via = via;
  if (undecided) copy.undecided = undecided;
  return copy as T;
}

/** An empty map at `origin`. */
export const emptyMap = (origin: Origin): AMap => ({ kind: 'map', entries: [], origin });

export const isHiddenName = (name: string): boolean => name.startsWith('.');
