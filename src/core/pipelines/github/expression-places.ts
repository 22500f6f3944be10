import type { Document, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../yaml/identity';
import { scalarText } from '../yaml/nodes';

/** A string value in the workflow and where it sits. */
export interface Place {
  readonly node: Scalar;
  /** Keys and indexes from the root, e.g. ['jobs', 'build', 'steps', 2, 'run']. */
  readonly path: readonly (string | number)[];
}

/** A path as a chain from the leaf up: built for every node, turned into an array only for the places kept. */
interface PathLink {
  readonly segment: string | number;
  readonly parent: PathLink | undefined;
}

function pathOf(link: PathLink | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = link; at; at = at.parent) path.push(at.segment);
  return path.reverse();
}

/**
 * Every scalar value in the document (keys excluded) that `wanted` keeps, with
 * its path; aliases are checked where their anchor stands. `wanted` sees the
 * scalar and the last segment of its path.
 */
export function scalarPlaces(doc: Document, wanted: (node: Scalar, last: string | number | undefined) => boolean = () => true): Place[] {
  const places: Place[] = [];
  // Three parallel stacks: a node, its last path segment and its parent's path (links are made for collections only).
  const nodes: unknown[] = [doc.contents];
  const segments: (string | number | undefined)[] = [undefined];
  const parents: (PathLink | undefined)[] = [undefined];
  let budget = 500_000;
  while (nodes.length > 0 && budget-- > 0) {
    const node = nodes.pop();
    const segment = segments.pop();
    const parent = parents.pop();
    if (isScalar(node)) {
      if (wanted(node, segment)) places.push({ node, path: segment === undefined ? [] : [...pathOf(parent), segment] });
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    const link = segment === undefined ? undefined : { segment, parent };
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        nodes.push(item.value);
        segments.push(scalarText(item.key));
        parents.push(link);
      }
    } else {
      const items = node.items;
      for (let index = 0; index < items.length; index++) {
        nodes.push(items[index]);
        segments.push(index);
        parents.push(link);
      }
    }
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

/**
 * Keys GitHub's workflow schema gives no context (the docs' table has no row for them): an
 * expression there may only use literals. GitHub rejects `shell: ${{ matrix.shell }}` on a step
 * with "Unrecognized named-value: 'matrix'" (actions/runner#444), and `uses:` the same way.
 */
export function takesNoContext(path: readonly (string | number)[]): boolean {
  // The workflow's `defaults.run`.
  if (path[0] === 'defaults') return true;
  if (path[0] !== 'jobs' || typeof path[1] !== 'string') return false;
  if (path.length === 3) return path[2] === 'uses';
  return path.length === 5 && path[2] === 'steps' && typeof path[3] === 'number' && (path[4] === 'shell' || path[4] === 'uses');
}

const STRING_STEP_KEYS = new Set(['name', 'run', 'working-directory', 'shell']);

/**
 * Keys whose value GitHub's schema types as a mapping (`env`, `with`): a whole-value expression
 * there must give an object; text, a number or a boolean fails the run ("A mapping was expected").
 */
export function takesMapping(path: readonly (string | number)[]): boolean {
  const [first, second, third, fourth, fifth] = path;
  if (path.length === 1) return first === 'env';
  if (first !== 'jobs' || typeof second !== 'string') return false;
  switch (path.length) {
    case 3:
      return third === 'env' || third === 'with';
    case 4:
      return third === 'container' && fourth === 'env';
    case 5:
      if (third === 'services') return fifth === 'env';
      return third === 'steps' && typeof fourth === 'number' && (fifth === 'env' || fifth === 'with');
    default:
      return false;
  }
}

/**
 * Keys whose value GitHub's schema types as a string (or a scalar): a whole-value expression that
 * gives an object or an array there fails with "A mapping (sequence) was not expected".
 */
export function takesString(path: readonly (string | number)[]): boolean {
  const [first, second, third, fourth, fifth] = path;
  if (path.length === 1) return first === 'run-name';
  if (path.length === 2) return first === 'env' || (first === 'concurrency' && second === 'group');
  if (first !== 'jobs' || typeof second !== 'string') return false;
  switch (path.length) {
    case 3:
      return third === 'name';
    case 4:
      return (
        third === 'env' ||
        third === 'outputs' ||
        third === 'with' ||
        third === 'secrets' ||
        (fourth === 'group' && third === 'concurrency') ||
        (third === 'environment' && fourth === 'url')
      );
    case 5:
      if (third === 'container') return fourth === 'env';
      return third === 'steps' && typeof fourth === 'number' && typeof fifth === 'string' && STRING_STEP_KEYS.has(fifth);
    case 6:
      if (third === 'services') return fifth === 'env';
      return third === 'steps' && typeof fourth === 'number' && (fifth === 'env' || fifth === 'with');
    default:
      return false;
  }
}
