import type { Node as YamlNode } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, resolve, scalarText } from '../../yaml/nodes';
import { jobsOf, stepsOf } from '../workflow-nodes';

/** Literal numbers GitHub refuses: `timeout-minutes` must be above zero, `max-parallel` a whole number, not negative (0 is taken). */
export const numberValuesRule: Rule = {
  id: 'number-value',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'timeout-minutes must be greater than zero; strategy.max-parallel must be a whole number, not negative.',
  check(context) {
    const { doc } = context.source;
    for (const job of jobsOf(context)) {
      checkNumber(context, get(doc, job.map, 'timeout-minutes'), `"timeout-minutes" of job "${job.id}"`, 'positive');
      checkNumber(context, get(doc, get(doc, job.map, 'strategy'), 'max-parallel'), `"max-parallel" of job "${job.id}"`, 'count');
      for (const step of stepsOf(context, job))
        checkNumber(context, get(doc, step.map, 'timeout-minutes'), `"timeout-minutes" of step ${step.index + 1} of job "${job.id}"`, 'positive');
    }
  },
};

function checkNumber(context: RuleContext, node: unknown, what: string, kind: 'positive' | 'count'): void {
  const scalar = resolve(context.source.doc, node);
  if (!isScalar(scalar) || typeof scalar.value !== 'number' || !Number.isFinite(scalar.value)) return;
  const value = scalar.value;
  const shown = scalarText(scalar);
  const problem =
    kind === 'positive'
      ? value <= 0
        ? 'it must be greater than zero'
        : undefined
      : value < 0
        ? 'it must not be negative'
        : !Number.isInteger(value)
          ? 'it must be a whole number'
          : undefined;
  if (problem) context.report({ message: `${what} is ${shown}; ${problem}.`, at: scalar as YamlNode });
}
