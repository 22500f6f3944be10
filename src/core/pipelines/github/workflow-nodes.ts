import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
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

export function jobsOf(context: RuleContext): JobNode[] {
  const { doc } = context.source;
  return pairsOf(doc, get(doc, doc.contents, 'jobs')).flatMap((pair) =>
    isScalar(pair.key) ? [{ id: keyText(pair), key: pair.key as YamlNode, pair, map: asMap(doc, pair.value) }] : [],
  );
}

export function stepsOf(context: RuleContext, job: JobNode): StepNode[] {
  const { doc } = context.source;
  const steps = get(doc, job.map, 'steps');
  const items = steps && 'items' in steps && Array.isArray(steps.items) ? (steps.items as unknown[]) : [];
  return items.flatMap((item, index) => {
    const map = asMap(doc, item);
    return map ? [{ index, map, job }] : [];
  });
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
