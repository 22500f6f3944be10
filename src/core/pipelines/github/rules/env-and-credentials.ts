import type { Node as YamlNode } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, keyText, pairsOf } from '../../yaml/nodes';
import { jobsOf, stepsOf } from '../workflow-nodes';

/** Every `env:` mapping in a workflow: top level, per job, per step, container and services. */
function envMappings(context: RuleContext): unknown[] {
  const { doc } = context.source;
  const found: unknown[] = [get(doc, doc.contents, 'env')];
  for (const job of jobsOf(context)) {
    found.push(get(doc, job.map, 'env'), get(doc, get(doc, job.map, 'container'), 'env'));
    for (const service of pairsOf(doc, get(doc, job.map, 'services'))) found.push(get(doc, service.value, 'env'));
    for (const step of stepsOf(context, job)) found.push(get(doc, step.map, 'env'));
  }
  return found;
}

/** Environment variable names cannot hold `=`, NUL or spaces (they could not be set). */
export const envVarRule: Rule = {
  id: 'env-var',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Environment variable names must not contain "=", spaces or control characters.',
  check(context) {
    for (const env of envMappings(context)) {
      for (const pair of pairsOf(context.source.doc, env)) {
        const name = keyText(pair);
        if (name.includes('${{')) continue;
        if (/[=\s\0&]/.test(name) || name === '') {
          context.report({
            message: `Environment variable name ${JSON.stringify(name)} is not valid: names cannot contain "=", "&", spaces or control characters.`,
            at: pair.key as YamlNode,
          });
        }
      }
    }
  },
};

/** A password written into the workflow is visible to anyone who can read it. */
export const credentialsRule: Rule = {
  id: 'credentials',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Passwords in container and services credentials must come from secrets, not be written in the file.',
  check(context) {
    const { doc } = context.source;
    for (const job of jobsOf(context)) {
      const containers = [
        { label: 'the container', node: get(doc, job.map, 'container') },
        ...pairsOf(doc, get(doc, job.map, 'services')).map((pair) => ({ label: `service "${keyText(pair)}"`, node: pair.value })),
      ];
      for (const { label, node } of containers) {
        const password = get(doc, get(doc, node, 'credentials'), 'password');
        if (isScalar(password) && typeof password.value === 'string' && password.value !== '' && !password.value.includes('${{')) {
          context.report({
            message: `The password for ${label} of job "${job.id}" is written in the workflow. Use a secret instead, e.g. \${{ secrets.REGISTRY_PASSWORD }}.`,
            at: password as YamlNode,
            advisory: true, // a security finding: GitHub runs the workflow
          });
        }
      }
    }
  },
};
