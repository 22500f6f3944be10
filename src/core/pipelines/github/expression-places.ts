import type { Document, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../yaml/identity';

/** A string value in the workflow and where it sits. */
export interface Place {
  readonly node: Scalar;
  /** Keys and indexes from the root, e.g. ['jobs', 'build', 'steps', 2, 'run']. */
  readonly path: readonly (string | number)[];
}

/** Every scalar value in the document (keys excluded), with its path; aliases are checked where their anchor stands. */
export function scalarPlaces(doc: Document): Place[] {
  const places: Place[] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  let budget = 500_000;
  while (stack.length > 0 && budget-- > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: (string | number)[] };
    if (isScalar(node)) places.push({ node, path });
    else if (isMap(node)) {
      for (const item of node.items) if (isPair(item) && isScalar(item.key)) stack.push({ node: item.value, path: [...path, String(item.key.value)] });
    } else if (isSeq(node)) node.items.forEach((item, index) => stack.push({ node: item, path: [...path, index] }));
  }
  return places.reverse();
}

const JOB_KEYS = new Set(['concurrency', 'continue-on-error', 'env', 'if', 'name', 'runs-on', 'strategy', 'timeout-minutes']);
const STEP_KEYS = new Set(['continue-on-error', 'env', 'if', 'name', 'run', 'timeout-minutes', 'with', 'working-directory']);

/**
 * The row of GitHub's context-availability table for a path, e.g.
 * jobs.<job_id>.steps.run. Undefined where the table says nothing (no limit applied).
 */
export function availabilityKey(path: readonly (string | number)[]): string | undefined {
  const [first, second, third, fourth, fifth, sixth] = path;
  if (first === 'run-name' || first === 'concurrency' || first === 'env') return first;
  if (first === 'on' && second === 'workflow_call') {
    if (third === 'inputs' && fifth === 'default') return `on.workflow_call.inputs.${String(fourth)}.default`;
    if (third === 'outputs' && fifth === 'value') return `on.workflow_call.outputs.${String(fourth)}.value`;
    return undefined;
  }
  if (first !== 'jobs' || typeof second !== 'string' || typeof third !== 'string') return undefined;
  const job = `jobs.${second}`;
  if (JOB_KEYS.has(third)) return `${job}.${third}`;
  switch (third) {
    case 'container':
      if (fourth === 'credentials') return `${job}.container.credentials`;
      if (fourth === 'env') return `${job}.container.env.${String(fifth)}`;
      if (fourth === 'image') return `${job}.container.image`;
      return `${job}.container`;
    case 'services':
      if (fifth === 'credentials') return `${job}.services.${String(fourth)}.credentials`;
      if (fifth === 'env') return `${job}.services.${String(fourth)}.env.${String(sixth)}`;
      return `${job}.services`;
    case 'environment':
      return fourth === 'url' ? `${job}.environment.url` : `${job}.environment`;
    case 'defaults':
      return `${job}.defaults.run`;
    case 'outputs':
      return `${job}.outputs.${String(fourth)}`;
    case 'secrets':
      return `${job}.secrets.${String(fourth)}`;
    case 'with':
      return `${job}.with.${String(fourth)}`;
    case 'steps':
      return typeof fifth === 'string' && STEP_KEYS.has(fifth) ? `${job}.steps.${fifth}` : undefined;
    default:
      return undefined;
  }
}
