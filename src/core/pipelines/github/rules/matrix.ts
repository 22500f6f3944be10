import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq } from '../../yaml/identity';
import type { Rule } from '../../rule';
import { get, itemsOf, keyText, pairOf, pairsOf } from '../../yaml/nodes';
import { jobsOf } from '../workflow-nodes';
import { expandMatrix, MAX_MATRIX_LEGS } from '../../../runs/matrix';

/** Matrix rows: `exclude:` entries that match no combination, dimensions without values, and duplicated values. */
export const matrixRule: Rule = {
  id: 'matrix',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Matrix exclude: entries must match a combination; dimensions need values; values should not repeat.',
  check(context) {
    const { doc } = context.source;
    for (const job of jobsOf(context)) {
      const matrix = get(doc, get(doc, job.map, 'strategy'), 'matrix');
      if (!isMap(matrix)) continue; // an expression like ${{ fromJSON(...) }} is only known at run time
      // Matrix keys compare case-insensitively, as GitHub does (astro's `OS` vs `os`).
      const dimensions = new Map<string, { name: string; values: unknown[]; dynamic: boolean }>();
      for (const pair of pairsOf(doc, matrix)) {
        const name = keyText(pair);
        if (name === 'include' || name === 'exclude') continue;
        const value = get(doc, matrix, name);
        if (!isSeq(value)) {
          dimensions.set(name.toLowerCase(), { name, values: [], dynamic: true });
          continue;
        }
        if (value.items.length === 0) {
          context.report({
            message: `Matrix "${name}" of job "${job.id}" has no values, so GitHub rejects the workflow; give it at least one value or remove it.`,
            at: value as YamlNode,
          });
        }
        const seen = new Map<string, YamlNode>();
        const values: unknown[] = [];
        let dynamic = false;
        for (const item of itemsOf(doc, value)) {
          const canonical = canonicalValue(item?.toJSON?.() ?? null);
          if (canonical.includes('${{')) dynamic = true;
          if (seen.has(canonical))
            context.report({
              severity: 'warning',
              message: `Value ${shortJson(canonical)} appears twice in matrix "${name}" of job "${job.id}"; the job would run twice with it.`,
              at: item as YamlNode,
            });
          else if (item) seen.set(canonical, item as YamlNode);
          values.push(item?.toJSON?.() ?? null);
        }
        dimensions.set(name.toLowerCase(), { name, values, dynamic });
      }
      checkExcludes(context, job.id, get(doc, matrix, 'exclude'), dimensions);
      const matrixKey = pairOf(doc, get(doc, job.map, 'strategy'), 'matrix')?.key;
      checkLegCount(context, job.id, matrix, dimensions, (matrixKey ?? matrix) as YamlNode);
    }
  },
};

/**
 * GitHub rejects a matrix of more than 256 jobs. The product of the dimensions plus the
 * includes is a cheap first test; only past 256 is the matrix expanded (lazily, and capped) to count what
 * exclude and include leave, so 10^8 combinations are never built.
 */
function checkLegCount(
  context: Parameters<Rule['check']>[0],
  jobId: string,
  matrix: YamlNode,
  dimensions: Map<string, { values: unknown[]; dynamic: boolean }>,
  at: YamlNode,
): void {
  let product = 1;
  for (const dimension of dimensions.values()) {
    if (dimension.dynamic) return;
    product *= dimension.values.length;
  }
  // Each include adds at most one job.
  if (product + itemsOf(context.source.doc, get(context.source.doc, matrix, 'include')).length <= MAX_MATRIX_LEGS) return;
  const plain: unknown = matrix.toJSON();
  if (JSON.stringify(plain).includes('${{')) return; // include/exclude known only at run time
  const { tooMany } = expandMatrix({ matrix: plain });
  if (!tooMany) return;
  const exact = /expands to (\d+)/.exec(tooMany)?.[1];
  const count = exact ?? `more than ${MAX_MATRIX_LEGS} (${product.toLocaleString('en-US')} combinations before exclude)`;
  context.report({
    message: `The matrix of job "${jobId}" makes ${count} jobs; GitHub allows at most ${MAX_MATRIX_LEGS} per matrix and rejects the workflow.`,
    at,
  });
}

function checkExcludes(
  context: Parameters<Rule['check']>[0],
  jobId: string,
  exclude: unknown,
  dimensions: Map<string, { name: string; values: unknown[]; dynamic: boolean }>,
): void {
  const { doc } = context.source;
  for (const entry of itemsOf(doc, exclude)) {
    if (!isMap(entry)) continue;
    for (const pair of pairsOf(doc, entry)) {
      const name = keyText(pair);
      const dimension = dimensions.get(name.toLowerCase());
      if (!dimension) {
        if (dimensions.size > 0 && ![...dimensions.values()].some((d) => d.dynamic)) {
          context.report({
            message: `Matrix exclude: key "${name}" is not a matrix dimension of job "${jobId}" (it has ${[...dimensions.values()].map((d) => `"${d.name}"`).join(', ')}), so this entry matches nothing.`,
            at: pair.key as YamlNode,
          });
        }
        continue;
      }
      if (dimension.dynamic) continue;
      const value = get(doc, entry, name);
      const wanted: unknown = value?.toJSON?.() ?? null;
      const canonical = canonicalValue(wanted);
      if (canonical.includes('${{')) continue;
      if (!dimension.values.some((candidate) => matchesValue(wanted, candidate))) {
        context.report({
          message: `Matrix exclude: ${shortJson(canonical)} is not a value of "${dimension.name}" in job "${jobId}" (values: ${dimension.values.map((v) => shortJson(canonicalValue(v))).join(', ')}), so this entry matches nothing.`,
          at: (isScalar(value) ? value : pair.value) as YamlNode,
        });
      }
    }
  }
}

/** An exclude value matches a matrix value when equal; an object matches any object it is a subset of. */
function matchesValue(wanted: unknown, candidate: unknown): boolean {
  if (
    wanted !== null &&
    candidate !== null &&
    typeof wanted === 'object' &&
    typeof candidate === 'object' &&
    !Array.isArray(wanted) &&
    !Array.isArray(candidate)
  ) {
    return Object.entries(wanted).every(([key, value]) => key in candidate && matchesValue(value, (candidate as Record<string, unknown>)[key]));
  }
  return canonicalValue(wanted) === canonicalValue(candidate);
}

/** Values compare as GitHub does: scalars by their string form, objects deeply. */
function canonicalValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(String(value));
  if (Array.isArray(value)) return `[${value.map(canonicalValue).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalValue((value as Record<string, unknown>)[key])}`)
    .join(',')}}`;
}

function shortJson(canonical: string): string {
  return canonical.length > 60 ? `${canonical.slice(0, 57)}...` : canonical;
}
