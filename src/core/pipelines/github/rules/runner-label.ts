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
      // One matrix reference: each matrix value (a label or a row's list of labels) is checked on its own,
      // joined with the literal labels beside it; those then only for contradictions (the rest is said once).
      const references = labels.filter((label) => label.value.includes('${{'));
      const key = references.length === 1 ? MATRIX_REFERENCE.exec(references[0]?.value.trim() ?? '')?.[1] : undefined;
      if (!key) continue;
      for (const value of matrixValues(context, job, key)) {
        if (!literal.length) {
          check(context, value.labels, value.nodes, value.whole);
          continue;
        }
        const joined = [...literal.map((label) => label.value), ...value.labels];
        for (const problem of checkRunnerLabels(joined, context.config.runnerLabels)) {
          const index = problem.index ?? -1;
          if (problem.severity !== 'error' || index < literal.length) continue;
          reportDataProblem(
            context,
            problem,
            value.nodes[index - literal.length] ?? value.whole,
            ` (runs-on of job "${job.id}" with matrix.${key} from this row)`,
          );
        }
      }
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

/** The literal values of matrix.<key>: scalars, or lists of labels (one runner with all of them). */
function matrixValues(context: RuleContext, job: JobNode, key: string): { labels: string[]; nodes: YamlNode[]; whole: YamlNode }[] {
  const { doc } = context.source;
  const matrix = get(doc, get(doc, job.map, 'strategy'), 'matrix');
  const found: { labels: string[]; nodes: YamlNode[]; whole: YamlNode }[] = [];
  const add = (value: unknown): void => {
    if (!value) return;
    const items = isSeq(value) ? stringList(doc, value) : isScalar(value) ? [{ value: textOf(doc, value) ?? '', node: value as YamlNode }] : [];
    const literal = items.filter((item) => item.value !== '' && !item.value.includes('${{'));
    if (literal.length && literal.length === items.length)
      found.push({ labels: literal.map((item) => item.value), nodes: literal.map((item) => item.node as YamlNode), whole: value as YamlNode });
  };
  const values = get(doc, matrix, key);
  if (isSeq(values)) for (const item of itemsOf(doc, values)) add(item);
  for (const row of itemsOf(doc, get(doc, matrix, 'include'))) add(get(doc, row, key));
  return found;
}
