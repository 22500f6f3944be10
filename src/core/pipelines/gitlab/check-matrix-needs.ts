/**
 * `needs: [{ job: x, parallel: { matrix: [...] } }]`: GitLab's normalizer turns each combination
 * the need lists into the name of one copy of `x` (`x: [aws, monitoring]`), and a name no copy
 * carries is an undefined need. A combination is refused here only when no row of the producer's
 * own `parallel: matrix` holds all its values (so a subset, and another key order, pass). A
 * producer with `parallel: <number>` has no such copies; one without `parallel` keeps the need on
 * the whole job, which GitLab accepts: a warning says the matrix is ignored. An optional need
 * that names no copy is dropped. Values that hold a
 * variable or a `$[[ matrix.X ]]` expression are decided when the pipeline runs, and not judged.
 */
import { scalarText, valueOf, type ANode } from '../yaml/located-tree';
import { findingAt as at, type GitLabFinding } from './finding';
import type { GitLabJob } from './jobs';

type Combination = ReadonlyMap<string, string>;

/** GitLab's PARALLEL_LIMIT: the most jobs `parallel` may make. */
export const MAX_MATRIX_JOBS = 200;

/** The values of one matrix variable: a scalar or a list of scalars; undefined when not known offline. */
function valuesOf(node: ANode): string[] | undefined {
  const items = node.kind === 'seq' ? node.items : [node];
  const values: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (item.kind !== 'scalar' || item.unknown || text === undefined || text.includes('$')) return undefined;
    values.push(text);
  }
  return values;
}

/** The combinations one matrix row makes (GitLab's MatrixStrategy.expand); undefined when some value is not known offline. */
function rowCombinations(row: ANode): Combination[] | undefined {
  if (row.kind !== 'map') return undefined;
  // GitLab refuses a matrix of more than 200 jobs; a bigger one is not expanded here.
  let size = 1;
  for (const entry of row.entries) size *= entry.value.kind === 'seq' ? entry.value.items.length : 1;
  if (size > MAX_MATRIX_JOBS) return undefined;
  let rows: Map<string, string>[] = [new Map()];
  for (const entry of row.entries) {
    const values = valuesOf(entry.value);
    if (!values) return undefined;
    const key = scalarText(entry.key) ?? '';
    rows = rows.flatMap((partial) => values.map((value) => new Map([...partial, [key, value]])));
  }
  return rows;
}

/** Every combination a `matrix:` list makes, with the row that makes it; undefined when some value is not known offline. */
export function matrixCombinations(matrix: ANode | undefined): { combination: Combination; row: ANode }[] | undefined {
  if (matrix?.kind !== 'seq' || matrix.reference) return undefined;
  const combinations: { combination: Combination; row: ANode }[] = [];
  for (const row of matrix.items) {
    const made = rowCombinations(row);
    if (!made) return undefined;
    combinations.push(...made.map((combination) => ({ combination, row })));
  }
  return combinations;
}

/** GitLab's name for the copy a combination makes: `job: [v1, v2]`, values in the order written. */
const copyName = (job: string, combination: Combination): string => `${job}: [${[...combination.values()].join(', ')}]`;

const holds = (row: Combination, wanted: Combination): boolean => [...wanted].every(([key, value]) => row.get(key) === value);

export function checkMatrixNeeds(job: GitLabJob, byName: ReadonlyMap<string, GitLabJob>, out: GitLabFinding[]): void {
  const needs = valueOf(job.effective, 'needs');
  if (needs?.kind !== 'seq') return;
  for (const need of needs.items) {
    if (need.kind !== 'map' || valueOf(need, 'pipeline') || valueOf(need, 'project')) continue;
    const matrix = valueOf(valueOf(need, 'parallel'), 'matrix');
    const producerName = scalarText(valueOf(need, 'job'));
    const producer = producerName === undefined ? undefined : byName.get(producerName);
    // An optional need that names no copy is dropped by GitLab, not refused.
    const optional = valueOf(need, 'optional');
    if (!matrix || !producer || producerName === undefined || (optional?.kind === 'scalar' && optional.value === true)) continue;
    if (matrix.kind !== 'seq' || matrix.reference) continue;
    // Each row of the need on its own: one decided at run time leaves the others judged.
    const wanted = matrix.items.flatMap((row) => (rowCombinations(row) ?? []).map((combination) => ({ combination, row })));
    const parallel = valueOf(producer.effective, 'parallel');
    if (!parallel) {
      out.push({
        rule: 'gitlab-needs',
        severity: 'warning',
        message: `${job.name} job: need ${producerName} lists parallel:matrix values, but ${producerName} has no parallel:matrix: GitLab ignores them and waits for the whole job`,
        ...at(matrix),
      });
      continue;
    }
    if (parallel.kind === 'scalar' && parallel.unknown) continue;
    const rows = parallel.kind === 'map' ? matrixCombinations(valueOf(parallel, 'matrix')) : [];
    if (!rows) continue;
    for (const { combination, row } of wanted) {
      if (rows.some((made) => holds(made.combination, combination))) continue;
      const values = [...combination].map(([key, value]) => `${key}=${value}`).join(', ');
      const why =
        parallel.kind === 'scalar'
          ? `${producerName} runs as parallel: ${scalarText(parallel) ?? ''} numbered copies, not a matrix`
          : `no row of ${producerName}'s parallel:matrix has ${values}`;
      out.push({
        rule: 'gitlab-needs',
        severity: 'error',
        message: `${job.name} job: undefined need: ${copyName(producerName, combination)} (${why})`,
        ...at(row),
      });
    }
  }
}
