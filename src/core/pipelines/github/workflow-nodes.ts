import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { isScalar } from '../yaml/identity';
import type { RuleContext } from '../rule';
import { asMap, get, keyText, pairOf, pairsOf } from '../yaml/nodes';

/** A job of a workflow: its id, the key node (for positions) and its mapping. */
export interface JobNode {
  readonly id: string;
  readonly key: YamlNode;
  readonly pair: Pair<unknown, unknown>;
  readonly map: YAMLMap<unknown, unknown> | undefined;
}

export interface StepNode {
  readonly index: number; // 0-based
  readonly map: YAMLMap<unknown, unknown>;
  readonly job: JobNode;
}

/**
 * The jobs and steps of a document, found once and shared by every rule (a
 * dozen of them walk jobs and steps). Keyed by the document: a parse patched
 * after an edit keeps its structure (only a scalar's value changes), so the
 * index stays right. Callers only read the arrays.
 */
const jobIndex = new WeakMap<Document, readonly JobNode[]>();
const stepIndex = new WeakMap<JobNode, readonly StepNode[]>();

export function jobsOf(context: RuleContext): readonly JobNode[] {
  const { doc } = context.source;
  let jobs = jobIndex.get(doc);
  if (!jobs) {
    jobs = pairsOf(doc, get(doc, doc.contents, 'jobs')).flatMap((pair) =>
      isScalar(pair.key) ? [{ id: keyText(pair), key: pair.key as YamlNode, pair, map: asMap(doc, pair.value) }] : [],
    );
    jobIndex.set(doc, jobs);
  }
  return jobs;
}

export function stepsOf(context: RuleContext, job: JobNode): readonly StepNode[] {
  let steps = stepIndex.get(job);
  if (!steps) {
    const { doc } = context.source;
    const node = get(doc, job.map, 'steps');
    const items = node && 'items' in node && Array.isArray(node.items) ? (node.items as unknown[]) : [];
    steps = items.flatMap((item, index) => {
      const map = asMap(doc, item);
      return map ? [{ index, map, job }] : [];
    });
    stepIndex.set(job, steps);
  }
  return steps;
}

/** "step 2 of job "build"" or "step "Install" of job "build"": how messages name a step. */
export function describeStep(context: RuleContext, step: StepNode): string {
  const { doc } = context.source;
  const name = get(doc, step.map, 'name');
  const id = get(doc, step.map, 'id');
  const label = isScalar(name) && typeof name.value === 'string' ? `"${name.value}"` : isScalar(id) ? `"${String(id.value)}"` : `${step.index + 1}`;
  return `step ${label} of job "${step.job.id}"`;
}

/** The key node of `key` in a map, for pointing at a key rather than its value. */
export function keyNodeOf(context: RuleContext, node: unknown, key: string): YamlNode | undefined {
  const pair = pairOf(context.source.doc, node, key);
  return pair && isScalar(pair.key) ? (pair.key as YamlNode) : undefined;
}
