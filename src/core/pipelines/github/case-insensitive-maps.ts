import type { Document } from 'yaml';
import type { PipelineKind } from '../pipeline-kind';
import { asMap, get, itemsOf, pairsOf } from '../yaml/nodes';

/**
 * The mappings of a GitHub file whose keys GitHub compares without case:
 * environment variables, inputs, outputs and secrets, `with:`, matrix
 * dimensions and service names. (Job and step ids have their own rule.)
 */
export function caseInsensitiveMaps(doc: Document, kind: PipelineKind): Set<unknown> {
  const maps = new Set<unknown>();
  const add = (node: unknown) => {
    const map = asMap(doc, node);
    if (map) maps.add(map);
  };
  const root = doc.contents;
  const addStep = (step: unknown) => {
    add(get(doc, step, 'env'));
    add(get(doc, step, 'with'));
  };

  if (kind === 'github-action') {
    add(get(doc, root, 'inputs'));
    add(get(doc, root, 'outputs'));
    const runs = get(doc, root, 'runs');
    add(get(doc, runs, 'env'));
    for (const step of itemsOf(doc, get(doc, runs, 'steps'))) addStep(step);
    return maps;
  }
  if (kind !== 'github-workflow') return maps;

  add(get(doc, root, 'env'));
  const on = get(doc, root, 'on');
  for (const section of ['inputs', 'outputs', 'secrets']) add(get(doc, get(doc, on, 'workflow_call'), section));
  add(get(doc, get(doc, on, 'workflow_dispatch'), 'inputs'));
  for (const pair of pairsOf(doc, get(doc, root, 'jobs'))) {
    const job = pair.value;
    for (const key of ['env', 'outputs', 'with', 'secrets', 'services']) add(get(doc, job, key));
    add(get(doc, get(doc, job, 'container'), 'env'));
    for (const service of pairsOf(doc, get(doc, job, 'services'))) add(get(doc, service.value, 'env'));
    const matrix = get(doc, get(doc, job, 'strategy'), 'matrix');
    add(matrix);
    for (const list of ['include', 'exclude']) for (const row of itemsOf(doc, get(doc, matrix, list))) add(row);
    for (const step of itemsOf(doc, get(doc, job, 'steps'))) addStep(step);
  }
  return maps;
}
