import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, itemsOf, keyText, pairsOf, resolve } from '../../yaml/nodes';
import { jobsOf, stepsOf } from '../workflow-nodes';

const FILTERS = ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore', 'types'];

/**
 * Empty strings and empty lists where GitHub's workflow parser needs a value: trigger filters and
 * activity types, `needs`, a matrix's `include`/`exclude`, a step's `name`. Each is at its value.
 */
export const emptyValuesRule: Rule = {
  id: 'empty-value',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Empty strings or lists where GitHub needs a value (filters, types, needs, matrix include/exclude, step names).',
  check(context) {
    const { doc } = context.source;
    const on = resolve(doc, get(doc, doc.contents, 'on'));
    if (isMap(on))
      for (const trigger of pairsOf(doc, on))
        for (const filter of FILTERS) checkValue(context, get(doc, trigger.value, filter), `"${filter}" of the "${keyText(trigger)}" trigger`);
    for (const job of jobsOf(context)) {
      checkValue(context, get(doc, job.map, 'needs'), `"needs" of job "${job.id}"`);
      const matrix = get(doc, get(doc, job.map, 'strategy'), 'matrix');
      for (const key of ['include', 'exclude']) checkValue(context, get(doc, matrix, key), `"${key}" of the matrix of job "${job.id}"`);
      for (const step of stepsOf(context, job)) checkValue(context, get(doc, step.map, 'name'), `"name" of step ${step.index + 1} of job "${job.id}"`);
    }
  },
};

function checkValue(context: RuleContext, node: unknown, what: string): void {
  const resolved = resolve(context.source.doc, node);
  const empty = (value: unknown) => isScalar(value) && value.value === '';
  if (empty(resolved) || (isSeq(resolved) && resolved.items.length === 0)) {
    const shape = isSeq(resolved) ? 'an empty list' : 'an empty string';
    context.report({ message: `${what} is ${shape}; GitHub rejects the workflow. Give it a value or remove the key.`, at: resolved as YamlNode });
    return;
  }
  for (const item of itemsOf(context.source.doc, resolved))
    if (empty(item)) context.report({ message: `${what} holds an empty string; GitHub rejects the workflow.`, at: item as YamlNode });
}
