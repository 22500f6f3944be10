/**
 * Operations on the located tree that GitLab's merge needs: Ruby's `Hash#deep_merge` (hashes merged
 * key by key, anything else replaced by the later value), and re-labelling a subtree with the
 * include lines that brought it in.
 */
import { keyText, type AEntry, type AMap, type ANode, type Origin } from '../yaml/located-tree';

/** `a.deep_merge(b)`: b wins; hashes on both sides merge; arrays and scalars are replaced. */
export function deepMerge(a: ANode, b: ANode): ANode {
  if (a.kind !== 'map' || b.kind !== 'map') return b;
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

/** The subtree brought in through `via` (outermost first), and marked undecided when its include may not apply. */
export function relabel(node: ANode, via: readonly Origin[], undecided: boolean): ANode {
  if (via.length === 0 && !undecided) return node;
  const labels = { ...(via.length ? { via } : {}), ...(undecided ? { undecided: true as const } : {}) };
  if (node.kind === 'scalar') return { ...node, ...labels };
  if (node.kind === 'seq') return { ...node, ...labels, items: node.items.map((item) => relabel(item, via, undecided)) };
  return {
    ...node,
    ...labels,
    entries: node.entries.map((entry) => ({ key: { ...entry.key, ...labels }, value: relabel(entry.value, via, undecided) })),
  };
}

/** An empty map at `origin`. */
export const emptyMap = (origin: Origin): AMap => ({ kind: 'map', entries: [], origin });

export const isHiddenName = (name: string): boolean => name.startsWith('.');
