import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, itemsOf, stringList, textOf } from '../../yaml/nodes';
import { checkRunnerLabels } from '../data/runner-labels';
import { jobsOf, type JobNode } from '../workflow-nodes';
import { reportDataProblem } from './report-data-problem';
import { addRunnerLabelFix } from '../config-edits';
import { ACTIONLINT_CONFIG_PATHS, CONFIG_PATH } from '../../config';
import { join } from 'node:path';

const MATRIX_REFERENCE = /^\$\{\{\s*matrix\.([A-Za-z_][\w-]*)\s*\}\}$/;

/**
 * `runs-on:` labels: unknown ones are warnings (naming the config key that
 * silences them), retired ones and contradictory combinations are errors.
 * `runs-on: ${{ matrix.os }}` is checked against each value of matrix.os.
 */
export const runnerLabelRule: Rule = {
  id: 'runner-label',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'runs-on labels: known GitHub-hosted or configured self-hosted labels, none retired, no contradictions.',
  check(context) {
    const { doc } = context.source;
    for (const job of jobsOf(context)) {
      let runsOn = get(doc, job.map, 'runs-on');
      if (isMap(runsOn)) runsOn = get(doc, runsOn, 'labels');
      if (!runsOn) continue;
      const labels = stringList(doc, runsOn);
      const literal = labels.filter((label) => !label.value.includes('${{'));
      if (literal.length === labels.length) {
        check(
          context,
          literal.map((label) => label.value),
          literal.map((label) => label.node),
          runsOn as YamlNode,
        );
        continue;
      }
      // A single matrix reference: check each of the matrix's literal values on its own.
      const only = labels.length === 1 ? MATRIX_REFERENCE.exec(labels[0]?.value.trim() ?? '') : null;
      if (only?.[1]) for (const value of matrixValues(context, job, only[1])) check(context, [value.text], [value.node], value.node);
    }
  },
};

function check(context: RuleContext, labels: string[], nodes: YamlNode[], whole: YamlNode): void {
  for (const problem of checkRunnerLabels(labels, context.config.runnerLabels)) {
    const label = problem.index !== undefined ? labels[problem.index] : undefined;
    const unknown = problem.severity === 'warning' && label !== undefined && /unknown runner label/i.test(problem.message);
    const fix = unknown ? labelFix(context, label) : undefined;
    reportDataProblem(context, problem, problem.index !== undefined ? nodes[problem.index] : whole, '', fix ? [fix] : undefined);
  }
}

/** Adds the label to the config in use: ours, else an actionlint config that is there (a new file of ours would hide it). */
function labelFix(context: RuleContext, label: string) {
  const read = (path: string) => context.readFile(join(context.root, path));
  const own = read(CONFIG_PATH);
  if (own !== undefined) return addRunnerLabelFix(context.root, label, own);
  for (const path of ACTIONLINT_CONFIG_PATHS) {
    const text = read(path);
    if (text !== undefined) return addRunnerLabelFix(context.root, label, text, path);
  }
  return addRunnerLabelFix(context.root, label, undefined);
}

function matrixValues(context: RuleContext, job: JobNode, key: string): { text: string; node: YamlNode }[] {
  const { doc } = context.source;
  const matrix = get(doc, get(doc, job.map, 'strategy'), 'matrix');
  const values = get(doc, matrix, key);
  const found: { text: string; node: YamlNode }[] = [];
  if (isSeq(values)) {
    for (const item of itemsOf(doc, values)) {
      const text = textOf(doc, item);
      if (text !== undefined && isScalar(item) && !text.includes('${{')) found.push({ text, node: item as YamlNode });
    }
  }
  for (const row of itemsOf(doc, get(doc, matrix, 'include'))) {
    const value = get(doc, row, key);
    const text = textOf(doc, value);
    if (text !== undefined && value && !text.includes('${{')) found.push({ text, node: value as YamlNode });
  }
  return found;
}
