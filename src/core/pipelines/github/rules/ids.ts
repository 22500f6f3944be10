import type { Node as YamlNode } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get } from '../../yaml/nodes';
import { jobsOf, stepsOf } from '../workflow-nodes';

const VALID_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Job and step ids: GitHub's naming rule, and no duplicates (ids compare case-insensitively). */
export const idsRule: Rule = {
  id: 'id',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Job and step ids start with a letter or _, hold only letters, digits, - and _, and are unique.',
  check(context) {
    const { doc } = context.source;
    const jobIds = new Map<string, string>();
    for (const job of jobsOf(context)) {
      checkName(context, 'Job', job.id, job.key);
      const previous = jobIds.get(job.id.toLowerCase());
      if (previous !== undefined)
        context.report({ message: `Job id "${job.id}" is already used by job "${previous}" (ids are not case-sensitive).`, at: job.key });
      else jobIds.set(job.id.toLowerCase(), job.id);

      const stepIds = new Map<string, number>();
      for (const step of stepsOf(context, job)) {
        const idNode = get(doc, step.map, 'id');
        if (!isScalar(idNode) || idNode.value === null) continue;
        const id = String(idNode.value);
        if (id.includes('${{')) continue;
        checkName(context, 'Step', id, idNode as YamlNode);
        const previousIndex = stepIds.get(id.toLowerCase());
        if (previousIndex !== undefined)
          context.report({ message: `Step id "${id}" is already used by step ${previousIndex + 1} of job "${job.id}".`, at: idNode as YamlNode });
        else stepIds.set(id.toLowerCase(), step.index);
      }
    }
  },
};

function checkName(context: RuleContext, what: 'Job' | 'Step', id: string, at: YamlNode): void {
  if (VALID_ID.test(id)) return;
  context.report({ message: `${what} id "${id}" is not valid: it must start with a letter or "_" and contain only letters, digits, "-" and "_".`, at });
}
