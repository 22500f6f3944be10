import { Scalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, textOf } from '../../yaml/nodes';
import { callsStatusFunction, constantTruth } from '../../expressions';
import { conditionExpression } from '../condition-os';
import { jobsOf, stepsOf } from '../workflow-nodes';

/**
 * `if:` conditions that are always true: text (even spaces in a quoted value) around `${{ }}`
 * turns the whole value into a non-empty string, and `if: |` (not `|-`) adds a newline to it. And conditions
 * whose value is constant after folding literals (`false`, `x || true`, `contains('ab', 'c')`).
 */
export const ifCondRule: Rule = {
  id: 'if-cond',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'An if: condition whose value is always true, because of text around ${{ }} or a block scalar, or constant after folding (warning).',
  check(context) {
    const { doc } = context.source;
    for (const job of jobsOf(context)) {
      checkCondition(context, get(doc, job.map, 'if'), 'job');
      for (const step of stepsOf(context, job)) checkCondition(context, get(doc, step.map, 'if'), 'step');
    }
  },
};

function checkCondition(context: RuleContext, node: unknown, what: 'job' | 'step'): void {
  if (!isScalar(node)) return;
  if (typeof node.value === 'string' && node.value.includes('${{') && checkTemplate(context, node)) return;
  const text = textOf(context.source.doc, node);
  const expr = text === undefined ? undefined : conditionExpression(text);
  // A status function makes the condition replace success(): `failure() || true` is a choice, not a mistake.
  if (!expr || callsStatusFunction(expr)) return;
  const truth = constantTruth(expr);
  if (truth === undefined) return;
  context.report({
    severity: 'warning',
    message: truth
      ? 'This if: condition is always true, so it changes nothing. Remove it, or fix the condition.'
      : `This if: condition is always false, so this ${what} never runs. Remove the ${what}, or fix the condition.`,
    at: node as YamlNode,
  });
}

/** Text around `${{ }}`: reported, and true (the value is a string, nothing more to fold). */
function checkTemplate(context: RuleContext, node: Scalar): boolean {
  const value = node.value as string;
  const trimmed = value.trim();
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  const whole = /^\$\{\{[\s\S]*\}\}$/.test(trimmed) && (trimmed.match(/\$\{\{/g) ?? []).length === 1;
  // GitHub keeps the spaces a quoted scalar holds around ${{ }} (`"${{ x }} "` is a non-empty
  // string), and the line break `|` and `>` end with; `|-` and `>-` drop it: exactly one ${{ }}.
  if (whole && trimmed === value) return false;
  const why =
    whole && block
      ? 'the block scalar keeps its final line break'
      : whole
        ? 'the quoted value keeps the spaces around ${{ }}, so it is a non-empty string'
        : 'text outside ${{ }} makes the whole condition a non-empty string';
  context.report({
    message: `This if: condition is always true: ${why}. Put the whole condition inside one \${{ }}, or leave \${{ }} out${whole && block ? ' (or write |- or >-)' : ''}.`,
    at: node,
  });
  return true;
}
