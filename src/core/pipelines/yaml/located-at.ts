/** The scalar under a cursor in a located tree, and where it sits: what go to definition starts from. */
import { keyText, type AMap, type ANode, type AScalar, type ASeq } from './located-tree';

export interface LocatedAt {
  readonly scalar: AScalar;
  /** The maps from the root down to the one holding the scalar, each with the key taken from it. */
  readonly path: readonly { readonly map: AMap; readonly key: string }[];
  readonly isKey: boolean;
  /** The list directly holding the scalar, and its place in it (a `!reference [job, key]` is one). */
  readonly list?: { readonly node: ASeq; readonly index: number };
}

const contains = (node: ANode, offset: number): boolean => node.origin.start <= offset && offset <= node.origin.end;

export function scalarAt(root: ANode, offset: number): LocatedAt | undefined {
  const path: { map: AMap; key: string }[] = [];
  let list: LocatedAt['list'];
  let node: ANode = root;
  for (let depth = 0; depth < 200; depth++) {
    if (node.kind === 'scalar') return contains(node, offset) ? { scalar: node, path, isKey: false, ...(list ? { list } : {}) } : undefined;
    if (node.kind === 'seq') {
      const index = node.items.findIndex((candidate) => contains(candidate, offset));
      const item = node.items[index];
      if (!item) return undefined;
      list = { node, index };
      node = item;
      continue;
    }
    const map: AMap = node;
    const entry = map.entries.find((candidate) => contains(candidate.key, offset) || contains(candidate.value, offset));
    if (!entry) return undefined;
    list = undefined;
    path.push({ map, key: keyText(entry) });
    if (contains(entry.key, offset) && !contains(entry.value, offset)) return { scalar: entry.key, path, isKey: true };
    node = entry.value;
  }
  return undefined;
}
