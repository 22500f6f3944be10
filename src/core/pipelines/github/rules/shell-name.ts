import type { Node as YamlNode } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, stringList, textOf } from '../../yaml/nodes';
import { requiredRunnerOs } from '../condition-os';
import { GITHUB_HOSTED_LABELS, type RunnerOs } from '../data/runner-labels';
import { checkShell, OS_NAMES } from '../data/shells';
import { jobsOf, stepsOf } from '../workflow-nodes';
import { reportDataProblem } from './report-data-problem';

/** `shell:` of steps and `defaults.run.shell`: a known shell (or a `{0}` template) that exists on the job's OS. */
export const shellNameRule: Rule = {
  id: 'shell-name',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: "shell: must be bash, pwsh, python, sh, cmd, powershell or a custom command with {0}, available on the runner's OS.",
  check(context) {
    const { doc } = context.source;
    checkNode(context, get(doc, get(doc, get(doc, doc.contents, 'defaults'), 'run'), 'shell'), undefined);
    for (const job of jobsOf(context)) {
      const os = runnerOs(context, get(doc, job.map, 'runs-on'));
      checkNode(context, get(doc, get(doc, get(doc, job.map, 'defaults'), 'run'), 'shell'), os);
      for (const step of stepsOf(context, job)) {
        const shell = get(doc, step.map, 'shell');
        const condition = get(doc, step.map, 'if');
        // A step whose if: lets it run only on another OS never runs here: its shell is for that OS.
        const only = requiredRunnerOs(textOf(doc, condition));
        if (os && only && only !== os && isScalar(shell) && typeof shell.value === 'string') {
          if (checkShell(shell.value, os).length > 0 && checkShell(shell.value, only).length === 0)
            context.report({
              severity: 'warning',
              message: `This step runs only where runner.os is ${OS_NAMES[only]}, which this ${OS_NAMES[os]} job never is: the step never runs here.`,
              at: condition as YamlNode,
            });
          checkNode(context, shell, only);
        } else checkNode(context, shell, os);
      }
    }
  },
};

function checkNode(context: RuleContext, node: unknown, os: RunnerOs | undefined): void {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.includes('${{')) return;
  for (const problem of checkShell(node.value, os)) reportDataProblem(context, problem, node as YamlNode);
}

/** The OS a literal GitHub-hosted `runs-on` names, when it names exactly one. */
function runnerOs(context: RuleContext, runsOn: unknown): RunnerOs | undefined {
  const labels = stringList(context.source.doc, runsOn).map((label) => label.value.toLowerCase());
  const systems = new Set(
    labels
      .map((label) => GITHUB_HOSTED_LABELS[label]?.os ?? (label === 'windows' || label === 'linux' || label === 'macos' ? label : undefined))
      .filter(Boolean),
  );
  return systems.size === 1 ? ([...systems][0] as RunnerOs) : undefined;
}
