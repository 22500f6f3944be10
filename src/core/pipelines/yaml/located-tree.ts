/**
 * A YAML tree that remembers where each node was written (file and offsets) and, after includes
 * or templates were expanded, the lines that brought it in. Azure templates and GitLab includes
 * are expanded on it, so checks on the result point at the line a person wrote.
 */
/** Where a node was written: a file (absolute path) and offsets into its text. */
export interface Origin {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

interface NodeBase {
  readonly origin: Origin;
  /** The `template:` references that brought this node in, innermost last. */
  readonly via?: readonly Origin[];
  /** Brought in by an `${{ if }}` or `${{ each }}` that could not be decided offline. */
  readonly undecided?: true;
}

export type ScalarValue = string | number | boolean | null;

export interface AScalar extends NodeBase {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** Computed from a value not known offline (its text is then a placeholder). */
  readonly unknown?: true;
}

export interface AEntry {
  readonly key: AScalar;
  readonly value: ANode;
}

export interface AMap extends NodeBase {
  readonly kind: 'map';
  readonly entries: readonly AEntry[];
}

export interface ASeq extends NodeBase {
  readonly kind: 'seq';
  readonly items: readonly ANode[];
  /** GitLab's `!reference [job, key, ...]`: replaced by what it names when the configuration is merged. */
  readonly reference?: true;
}

export type ANode = AScalar | AMap | ASeq;

export const keyText = (entry: AEntry): string => {
  const value = entry.key.value;
  return typeof value === 'string' ? value : value === null ? '' : String(value);
};

export function entryOf(map: AMap, key: string): AEntry | undefined {
  for (let index = map.entries.length - 1; index >= 0; index--) if (keyText(map.entries[index] as AEntry) === key) return map.entries[index];
  return undefined;
}

export const valueOf = (node: ANode | undefined, key: string): ANode | undefined => (node?.kind === 'map' ? entryOf(node, key)?.value : undefined);

export function scalarText(node: ANode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}
