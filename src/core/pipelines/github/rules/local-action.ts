import { join, relative, resolve } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import type { Finding } from '../../finding';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { asMap, get, itemsOf } from '../../yaml/nodes';
import { sameRepositoryPath } from '../same-repository';
import { isNestingFinding } from './action';
import { jobsOf, stepsOf } from '../workflow-nodes';

/**
 * The action.yml behind `uses: ./path` (or `$/path`), validated as an action and the errors that stop
 * it from loading reported at the `uses:` line too: a person editing the workflow learns the step will fail there, without
 * opening the action (actionlint does the same). Each error links to its line in the action file.
 */
export const localActionRule: Rule = {
  id: 'local-action',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  description: "The action.yml a step's uses: ./path names is checked too; its errors show at the uses: line.",
  check(context) {
    const validateFile = context.validateFile;
    if (!validateFile) return;
    const { doc } = context.source;
    const usesNodes =
      context.kind === 'github-action'
        ? itemsOf(doc, get(doc, get(doc, doc.contents, 'runs'), 'steps')).map((item) => get(doc, asMap(doc, item), 'uses'))
        : jobsOf(context).flatMap((job) => stepsOf(context, job).map((step) => get(doc, step.map, 'uses')));
    for (const node of usesNodes) {
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const uses = node.value.trim();
      const local = sameRepositoryPath(uses);
      if (!local || uses.includes('${{')) continue;
      const file = actionFileOf(context, resolve(context.root, local));
      // A composite action's own file would be checked twice: skip a step that uses the file being checked.
      if (!file || file === context.source.path) continue;
      for (const finding of validateFile(file, 'github-action', LOAD_RULES))
        if (finding.severity === 'error' && !isNestingFinding(finding.message)) reportAtUses(context, node as YamlNode, uses, file, finding);
    }
  },
};

/**
 * The errors that stop GitHub from loading the action (its YAML, keys and values, the files it names,
 * its steps' references): the step fails at once. Errors in its steps' expressions or scripts show in
 * the action file only, not at every step that uses it.
 */
const LOAD_RULES = new Set(['yaml-syntax', 'syntax-check', 'action']);

function actionFileOf(context: RuleContext, dir: string): string | undefined {
  return [join(dir, 'action.yml'), join(dir, 'action.yaml')].find((path) => context.readFile(path) !== undefined);
}

/** GitHub's docs require `description`, but the runner runs an action without one: the step does not fail. */
const MISSING_DESCRIPTION = /required key "description"/;

function reportAtUses(context: RuleContext, at: YamlNode, uses: string, file: string, finding: Finding): void {
  const name = relative(context.root, file).split('\\').join('/');
  context.report({
    ...(MISSING_DESCRIPTION.test(finding.message) ? { severity: 'warning' as const } : {}),
    message: `Local action "${uses}": its ${name.endsWith('action.yaml') ? 'action.yaml' : 'action.yml'} line ${finding.range.start.line}: ${finding.message}`,
    at,
    related: [{ path: file, range: finding.range, message: `${finding.message} [${finding.rule}]` }],
  });
}
