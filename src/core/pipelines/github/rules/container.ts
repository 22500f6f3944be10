import type { Node as YamlNode, Pair } from 'yaml';
import { isMap, isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, pairOf, pairsOf, keyText, resolve } from '../../yaml/nodes';
import { jobsOf } from '../workflow-nodes';

/** `container:` and `services:` of jobs: an image to start, credentials with both halves, no empty container. */
export const containerRule: Rule = {
  id: 'container',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Containers and services need an image; credentials need both username and password; container: must not be empty.',
  check(context) {
    const { doc } = context.source;
    for (const job of jobsOf(context)) {
      const container = pairOf(doc, job.map, 'container');
      if (container) {
        const value = resolve(doc, container.value);
        if (value === null || value === undefined || (isScalar(value) && value.value === null))
          // GitHub (and actionlint's own valid examples) take `container: null` as no container: only a note.
          context.report({
            severity: 'info',
            message: `The container of job "${job.id}" is empty, so the job runs without one; give it an image or remove the key.`,
            at: container.key as YamlNode,
          });
        else checkSpec(context, container, `the container of job "${job.id}"`);
      }
      for (const service of pairsOf(doc, get(doc, job.map, 'services'))) checkSpec(context, service, `service "${keyText(service)}" of job "${job.id}"`);
    }
  },
};

/** A mapping (a string is the image itself; an expression is checked when it runs). */
function checkSpec(context: RuleContext, pair: Pair<unknown, unknown>, what: string): void {
  const { doc } = context.source;
  const spec = resolve(doc, pair.value);
  if (!isMap(spec)) return;
  if (!pairOf(doc, spec, 'image'))
    context.report({ message: `${capitalize(what)} has no "image"; GitHub needs the image to start it.`, at: pair.key as YamlNode });
  const credentials = pairOf(doc, spec, 'credentials');
  if (!credentials || !isMap(resolve(doc, credentials.value))) return;
  for (const half of ['username', 'password'])
    if (!pairOf(doc, credentials.value, half))
      context.report({
        message: `The credentials of ${what} have no "${half}"; GitHub needs both username and password.`,
        at: credentials.key as YamlNode,
      });
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
