// The job graph's layout: a job's column is its longest path from a root, rows follow the jobs
// they need (the mean row of their parents), ties keep the workflow's order. Deterministic; a
// need that names no job, a job needing itself, or a cycle cannot break it (such edges are dropped).

export interface DagInput {
  readonly key: string;
  readonly needs: readonly string[];
}

export interface DagNode {
  readonly key: string;
  readonly column: number;
  readonly row: number;
}

export interface DagEdge {
  readonly from: string;
  readonly to: string;
}

export interface DagLayout {
  readonly nodes: readonly DagNode[];
  readonly edges: readonly DagEdge[];
  readonly columns: number;
  /** The tallest column's height. */
  readonly rows: number;
}

export function layoutDag(jobs: readonly DagInput[]): DagLayout {
  const order = new Map<string, number>();
  const needsOf = new Map<string, string[]>();
  for (const job of jobs) {
    if (order.has(job.key)) continue; // a repeated key: the first one counts
    order.set(job.key, order.size);
    needsOf.set(job.key, [...new Set(job.needs)]);
  }
  const known = (key: string) => order.has(key);
  const columns = columnsOf([...order.keys()], (key) => (needsOf.get(key) ?? []).filter((need) => need !== key && known(need)));
  const edges: DagEdge[] = [];
  for (const [key, needs] of needsOf) {
    for (const need of needs) if (known(need) && (columns.get(need) ?? 0) < (columns.get(key) ?? 0)) edges.push({ from: need, to: key });
  }
  const rows = rowsOf([...order.keys()], columns, edges, order);
  const nodes = [...order.keys()].map((key) => ({ key, column: columns.get(key) ?? 0, row: rows.get(key) ?? 0 }));
  const width = nodes.reduce((max, node) => Math.max(max, node.column + 1), 0);
  const height = nodes.reduce((max, node) => Math.max(max, node.row + 1), 0);
  return { nodes, edges, columns: width, rows: height };
}

/** Longest path from a root, by depth-first search; an edge back into the search path is ignored. */
function columnsOf(keys: readonly string[], needs: (key: string) => readonly string[]): Map<string, number> {
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  // An explicit stack: a long chain of jobs cannot overflow the call stack.
  for (const root of keys) {
    if (column.has(root)) continue;
    const stack: { key: string; next: number; depth: number }[] = [{ key: root, next: 0, depth: 0 }];
    visiting.add(root);
    while (stack.length) {
      const top = stack[stack.length - 1] as { key: string; next: number; depth: number };
      const list = needs(top.key);
      if (top.next < list.length) {
        const need = list[top.next++] as string;
        if (column.has(need)) top.depth = Math.max(top.depth, (column.get(need) as number) + 1);
        else if (!visiting.has(need)) {
          visiting.add(need);
          stack.push({ key: need, next: 0, depth: 0 });
        }
        continue;
      }
      stack.pop();
      visiting.delete(top.key);
      column.set(top.key, top.depth);
      const parent = stack[stack.length - 1];
      if (parent) parent.depth = Math.max(parent.depth, top.depth + 1);
    }
  }
  return column;
}

/** Rows per column: the first column in workflow order, the others by their parents' mean row. */
function rowsOf(
  keys: readonly string[],
  columns: ReadonlyMap<string, number>,
  edges: readonly DagEdge[],
  order: ReadonlyMap<string, number>,
): Map<string, number> {
  const row = new Map<string, number>();
  const parents = new Map<string, string[]>();
  const byColumn = new Map<number, string[]>();
  const add = <K>(map: Map<K, string[]>, key: K, value: string) => (map.get(key) ?? map.set(key, []).get(key))?.push(value);
  for (const edge of edges) add(parents, edge.to, edge.from);
  for (const key of keys) add(byColumn, columns.get(key) ?? 0, key);
  for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
    const weight = (key: string) => {
      const placed = (parents.get(key) ?? []).map((parent) => row.get(parent)).filter((value): value is number => value !== undefined);
      return placed.length ? placed.reduce((sum, value) => sum + value, 0) / placed.length : Infinity;
    };
    const members = [...(byColumn.get(column) ?? [])].sort((a, b) => weight(a) - weight(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
    members.forEach((key, index) => row.set(key, index));
  }
  return row;
}
