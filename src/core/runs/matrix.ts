import { isPrimitive, toDisplayString, type Value } from '../pipelines/expressions/values';

/**
 * A job's `strategy` turned into the legs GitHub would run ("Using a matrix
 * for your jobs"): the cartesian product of the matrix variables in key
 * order, minus `exclude`, then `include` applied. Values arrive already
 * evaluated; this never throws and reports what GitHub would reject.
 */

export type MatrixLeg = Readonly<Record<string, Value>>;

export interface MatrixExpansion {
  /** [] when the job has no matrix: the caller runs the job once with no matrix. */
  readonly legs: readonly MatrixLeg[];
  /** Default true. */
  readonly failFast: boolean;
  readonly maxParallel: number | undefined;
  readonly problems: readonly string[];
  /** The problem saying the matrix has more legs than GitHub allows: GitHub then rejects the workflow. */
  readonly tooMany?: string;
}

/** "A matrix will generate a maximum of 256 jobs per workflow run." */
export const MAX_MATRIX_LEGS = 256;
/** Combinations looked at before giving up on a huge product (GitHub rejects it anyway). */
const MAX_VISITED = 65_536;

interface Dimension {
  readonly key: string;
  readonly values: readonly Value[];
}

type Mapping = Readonly<Record<string, unknown>>;
const isMapping = (value: unknown): value is Mapping => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The raw YAML value as a Value, or undefined when it holds something that is not plain data. */
function asValue(raw: unknown): Value | undefined {
  if (raw === null || typeof raw === 'boolean' || typeof raw === 'number' || typeof raw === 'string') return raw;
  if (Array.isArray(raw)) {
    const items: Value[] = [];
    for (const item of raw) {
      const value = asValue(item);
      if (value === undefined) return undefined;
      items.push(value);
    }
    return items;
  }
  if (isMapping(raw)) {
    const object: Record<string, Value> = {};
    for (const [key, item] of Object.entries(raw)) {
      const value = asValue(item);
      if (value === undefined) return undefined;
      object[key] = value;
    }
    return object;
  }
  return undefined;
}

/** Deep, type-strict equality: 16 and '16' differ, object key order does not matter. */
function sameValue(a: Value, b: Value): boolean {
  if (isPrimitive(a) || isPrimitive(b)) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item: Value, index: number) => sameValue(item, b[index] as Value));
  }
  const objectA = a as { readonly [key: string]: Value };
  const objectB = b as { readonly [key: string]: Value };
  const keys = Object.keys(objectA);
  if (keys.length !== Object.keys(objectB).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(objectB, key) && sameValue(objectA[key] as Value, objectB[key] as Value));
}

/** Matrix variable names are case-insensitive ("OS and os are the same variable"). */
const fold = (key: string): string => key.toLowerCase();

/** Sets a key, reusing the spelling of a key already there that differs only in case. */
function assignFolded(leg: Record<string, Value>, key: string, value: Value): void {
  const existing = Object.keys(leg).find((name) => fold(name) === fold(key));
  leg[existing ?? key] = value;
}

function readFailFast(raw: unknown, problems: string[]): boolean {
  if (raw === undefined || raw === null) return true;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && /^\s*(true|false)\s*$/i.test(raw)) return raw.trim().toLowerCase() === 'true';
  problems.push(`fail-fast must be true or false, not ${JSON.stringify(raw)}; using true`);
  return true;
}

function readMaxParallel(raw: unknown, problems: string[]): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (Number.isInteger(number) && number >= 1) return number;
  problems.push(`max-parallel must be a whole number of at least 1, not ${JSON.stringify(raw)}; running without a limit`);
  return undefined;
}

/** Each variable of the matrix with its values; problems for the ones GitHub would reject. */
function readDimensions(matrix: Mapping, problems: string[]): Dimension[] {
  const dimensions: Dimension[] = [];
  const seen = new Map<string, string>();
  for (const [key, raw] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    const twin = seen.get(fold(key));
    if (twin !== undefined) {
      problems.push(`matrix.${key} and matrix.${twin} are the same variable (names ignore case); matrix.${key} is left out`);
      continue;
    }
    seen.set(fold(key), key);
    if (!Array.isArray(raw)) {
      problems.push(`matrix.${key} is not a list`);
      continue;
    }
    const values = asValue(raw);
    if (!Array.isArray(values)) {
      problems.push(`matrix.${key} holds something that is not plain data`);
      continue;
    }
    if (values.length === 0) problems.push(`matrix.${key} is an empty list`);
    dimensions.push({ key, values });
  }
  return dimensions;
}

/** The entries of `include` or `exclude` as plain mappings; problems for the rest. */
function readRows(matrix: Mapping, name: 'include' | 'exclude', problems: string[]): { readonly row: Record<string, Value>; readonly number: number }[] {
  const raw = matrix[name];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push(`matrix.${name} is not a list`);
    return [];
  }
  const rows: { row: Record<string, Value>; number: number }[] = [];
  raw.forEach((entry: unknown, index: number) => {
    const value = isMapping(entry) ? asValue(entry) : undefined;
    if (value === undefined || isPrimitive(value) || Array.isArray(value)) problems.push(`${name} entry ${index + 1} is not a mapping of matrix values`);
    else if (Object.keys(value).length === 0) problems.push(`${name} entry ${index + 1} is empty`);
    else rows.push({ row: { ...(value as Record<string, Value>) }, number: index + 1 });
  });
  return rows;
}

/** The product in key order (first key varies slowest), lazily, so a huge matrix can stop early. */
function* combinations(dimensions: readonly Dimension[]): Generator<Record<string, Value>> {
  if (dimensions.length === 0 || dimensions.some((dimension) => dimension.values.length === 0)) return;
  const positions = dimensions.map(() => 0);
  for (;;) {
    const leg: Record<string, Value> = {};
    dimensions.forEach((dimension, index) => {
      leg[dimension.key] = dimension.values[positions[index] ?? 0] as Value;
    });
    yield leg;
    let index = dimensions.length - 1;
    for (; index >= 0; index--) {
      const next = (positions[index] ?? 0) + 1;
      if (next < (dimensions[index]?.values.length ?? 0)) {
        positions[index] = next;
        break;
      }
      positions[index] = 0;
    }
    if (index < 0) return;
  }
}

function expandLegs(matrix: unknown, problems: string[]): { legs: MatrixLeg[]; tooMany?: string } {
  if (typeof matrix === 'string') {
    problems.push(`the matrix is the text ${JSON.stringify(matrix)}, not a mapping (an expression left unevaluated?)`);
    return { legs: [] };
  }
  if (!isMapping(matrix)) {
    problems.push('the matrix is not a mapping');
    return { legs: [] };
  }
  const dimensions = readDimensions(matrix, problems);
  const dimensionKey = new Map(dimensions.map((dimension) => [fold(dimension.key), dimension.key]));

  // GitHub rejects exclude keys that are not matrix variables; such an entry can exclude nothing.
  const excludes = readRows(matrix, 'exclude', problems)
    .filter(({ row, number }) => {
      const unknown = Object.keys(row).filter((key) => !dimensionKey.has(fold(key)));
      if (unknown.length)
        problems.push(
          `exclude entry ${number} names ${unknown.map((key) => `"${key}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a matrix variable`,
        );
      return unknown.length === 0;
    })
    .map(({ row }) => row);
  const matches = (leg: Readonly<Record<string, Value>>, entry: Readonly<Record<string, Value>>): boolean =>
    Object.entries(entry).every(([key, value]) => {
      const actual = leg[dimensionKey.get(fold(key)) ?? key];
      return actual !== undefined && sameValue(actual, value);
    });

  const original: Record<string, Value>[] = [];
  let visited = 0;
  let capped = false;
  for (const leg of combinations(dimensions)) {
    if (++visited > MAX_VISITED) {
      capped = true;
      break;
    }
    if (!excludes.some((entry) => matches(leg, entry))) original.push(leg);
  }
  if (capped) {
    problems.push(
      `the matrix has more than ${MAX_VISITED} combinations before exclude; GitHub allows at most ${MAX_MATRIX_LEGS} and only the first ${MAX_VISITED} were considered`,
    );
  }

  // Each include extends every original combination it does not contradict; added keys may be
  // overwritten by later includes, original values never. One that fits nowhere becomes a new leg.
  const added: Record<string, Value>[] = [];
  for (const { row: entry } of readRows(matrix, 'include', problems)) {
    const onMatrix = Object.fromEntries(Object.entries(entry).filter(([key]) => dimensionKey.has(fold(key))));
    const extra = Object.entries(entry).filter(([key]) => !dimensionKey.has(fold(key)));
    let extended = false;
    for (const leg of original) {
      if (!matches(leg, onMatrix)) continue;
      for (const [key, value] of extra) assignFolded(leg, key, value);
      extended = true;
    }
    if (!extended) {
      const leg: Record<string, Value> = {};
      for (const [key, value] of Object.entries(entry)) leg[dimensionKey.get(fold(key)) ?? key] = value;
      added.push(leg);
    }
  }

  const legs = [...original, ...added];
  if (legs.length === 0) problems.push('the matrix expands to no combination');
  if (legs.length > MAX_MATRIX_LEGS && !capped) {
    problems.push(`the matrix expands to ${legs.length} combinations; GitHub allows at most ${MAX_MATRIX_LEGS}, so only the first ${MAX_MATRIX_LEGS} are kept`);
  }
  const tooMany = capped || legs.length > MAX_MATRIX_LEGS ? problems.find((problem) => problem.includes(`at most ${MAX_MATRIX_LEGS}`)) : undefined;
  return { legs: legs.slice(0, MAX_MATRIX_LEGS), ...(tooMany ? { tooMany } : {}) };
}

export function expandMatrix(strategy: unknown): MatrixExpansion {
  const problems: string[] = [];
  if (strategy === undefined || strategy === null) return { legs: [], failFast: true, maxParallel: undefined, problems };
  if (!isMapping(strategy)) {
    const what = typeof strategy === 'string' ? `the text ${JSON.stringify(strategy)}` : 'not a mapping';
    return { legs: [], failFast: true, maxParallel: undefined, problems: [`strategy is ${what}, so the job runs once without a matrix`] };
  }
  const failFast = readFailFast(strategy['fail-fast'], problems);
  const maxParallel = readMaxParallel(strategy['max-parallel'], problems);
  const matrix = strategy.matrix;
  const { legs, tooMany } = matrix === undefined || matrix === null ? { legs: [] } : expandLegs(matrix, problems);
  return { legs, failFast, maxParallel, problems, ...(tooMany ? { tooMany } : {}) };
}

/** GitHub's job-name suffix: values in key order joined by ', '; objects and arrays as compact JSON. */
export function legLabel(leg: MatrixLeg): string {
  return Object.values(leg)
    .map((value) => (isPrimitive(value) ? toDisplayString(value) : JSON.stringify(value)))
    .join(', ');
}
