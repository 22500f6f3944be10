import { Scalar } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule } from '../../rule';
import { get } from '../../yaml/nodes';
import { jobsOf, stepsOf } from '../workflow-nodes';

/**
 * `if:` conditions that are always true: text (even spaces in a quoted value) around `${{ }}`
 * turns the whole value into a non-empty string, and `if: |` adds a newline to it.
 */
export const ifCondRule: Rule = {
  id: 'if-cond',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'An if: condition whose value is always true, because of text around ${{ }} or a block scalar.',
  check(context) {
    const { doc } = context.source;
    const conditions = jobsOf(context).flatMap((job) => [get(doc, job.map, 'if'), ...stepsOf(context, job).map((step) => get(doc, step.map, 'if'))]);
    for (const node of conditions) {
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const value = node.value;
      const trimmed = value.trim();
      if (!value.includes('${{')) continue;
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      const whole = /^\$\{\{[\s\S]*\}\}$/.test(trimmed) && (trimmed.match(/\$\{\{/g) ?? []).length === 1;
      // GitHub keeps the spaces a quoted scalar holds around ${{ }}: `"${{ x }} "` is a non-empty string.
      if (whole && !block && trimmed === value) continue;
      const why = block
        ? 'the block scalar keeps text around it'
        : whole
          ? 'the quoted value keeps the spaces around ${{ }}, so it is a non-empty string'
          : 'text outside ${{ }} makes the whole condition a non-empty string';
      context.report({
        message: `This if: condition is always true: ${why}. Put the whole condition inside one \${{ }}, or leave \${{ }} out.`,
        at: node,
      });
    }
  },
};
