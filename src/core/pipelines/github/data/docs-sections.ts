/**
 * Where GitHub documents each key: the section headings of the workflow syntax and action metadata
 * pages, as written there (`jobs.<job_id>.steps[*].run`). docs.github.com makes a heading's anchor
 * by lower-casing it and dropping everything but letters, digits, `_`, `-` (and spaces, which become
 * `-`), so `jobs.<job_id>.runs-on` is `#jobsjob_idruns-on`; `docsAnchor` does the same.
 */
export const WORKFLOW_SYNTAX_URL = 'https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax';
export const METADATA_SYNTAX_URL = 'https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax';
export const CONTEXTS_URL = 'https://docs.github.com/en/actions/reference/workflows-and-actions/contexts';
export const EXPRESSIONS_URL = 'https://docs.github.com/en/actions/reference/workflows-and-actions/expressions';
export const WEBHOOK_PAYLOADS_URL = 'https://docs.github.com/en/webhooks/webhook-events-and-payloads';

const STEP_KEYS = [
  'id',
  'if',
  'name',
  'uses',
  'run',
  'working-directory',
  'shell',
  'with',
  'with.args',
  'with.entrypoint',
  'env',
  'continue-on-error',
  'timeout-minutes',
];
const CONTAINER_KEYS = ['image', 'credentials', 'env', 'ports', 'volumes', 'options'];

export const WORKFLOW_SECTIONS: readonly string[] = [
  'name',
  'run-name',
  'on',
  'on.<event_name>.types',
  'on.<pull_request|pull_request_target>.<branches|branches-ignore>',
  'on.push.<branches|tags|branches-ignore|tags-ignore>',
  'on.<push|pull_request|pull_request_target>.<paths|paths-ignore>',
  'on.schedule',
  'on.workflow_call',
  'on.workflow_call.inputs',
  'on.workflow_call.inputs.<input_id>.type',
  'on.workflow_call.outputs',
  'on.workflow_call.secrets',
  'on.workflow_call.secrets.<secret_id>',
  'on.workflow_call.secrets.<secret_id>.required',
  'on.workflow_run.<branches|branches-ignore>',
  'on.workflow_dispatch',
  'on.workflow_dispatch.inputs',
  'on.workflow_dispatch.inputs.<input_id>.required',
  'on.workflow_dispatch.inputs.<input_id>.type',
  'permissions',
  'env',
  'defaults',
  'defaults.run',
  'defaults.run.shell',
  'defaults.run.working-directory',
  'concurrency',
  'jobs',
  'jobs.<job_id>',
  ...[
    'name',
    'permissions',
    'needs',
    'if',
    'runs-on',
    'environment',
    'concurrency',
    'outputs',
    'env',
    'defaults',
    'defaults.run',
    'defaults.run.shell',
    'defaults.run.working-directory',
    'steps',
    ...STEP_KEYS.map((key) => `steps[*].${key}`),
    'timeout-minutes',
    'strategy',
    'strategy.matrix',
    'strategy.matrix.include',
    'strategy.matrix.exclude',
    'strategy.fail-fast',
    'strategy.max-parallel',
    'continue-on-error',
    'container',
    ...CONTAINER_KEYS.map((key) => `container.${key}`),
    'services',
    ...CONTAINER_KEYS.map((key) => `services.<service_id>.${key}`),
    'uses',
    'with',
    'with.<input_id>',
    'secrets',
    'secrets.<secret_id>',
  ].map((key) => `jobs.<job_id>.${key}`),
];

export const ACTION_SECTIONS: readonly string[] = [
  'name',
  'author',
  'description',
  'inputs',
  'inputs.<input_id>',
  'inputs.<input_id>.description',
  'inputs.<input_id>.required',
  'inputs.<input_id>.default',
  'inputs.<input_id>.deprecationMessage',
  'outputs.<output_id>',
  'outputs.<output_id>.description',
  'outputs.<output_id>.value',
  'runs',
  'runs.main',
  'runs.pre',
  'runs.pre-if',
  'runs.post',
  'runs.post-if',
  'runs.steps',
  ...['run', 'shell', 'if', 'name', 'id', 'env', 'working-directory', 'uses', 'with', 'continue-on-error'].map((key) => `runs.steps[*].${key}`),
  'runs.pre-entrypoint',
  'runs.image',
  'runs.env',
  'runs.entrypoint',
  'runs.post-entrypoint',
  'runs.args',
  'branding',
  'branding.color',
  'branding.icon',
];

/** The anchor docs.github.com gives a heading. */
export function docsAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9_\- ]/g, '')
    .replace(/ /g, '-');
}

type Matcher = (segment: string | number) => boolean;

/** A heading as one matcher per path segment: `<a|b>` is a choice, `<name>` any key, `[*]` any list index. */
function matchers(heading: string): { match: readonly Matcher[]; literals: number } {
  const match: Matcher[] = [];
  let literals = 0;
  for (const part of heading.split('.')) {
    const indexed = /^(.*)\[\*\]$/.exec(part);
    const name = indexed ? (indexed[1] ?? '') : part;
    const choice = /^<(.+)>$/.exec(name)?.[1];
    if (choice === undefined) {
      literals++;
      match.push((segment) => segment === name);
    } else if (choice.includes('|')) {
      const options = new Set(choice.split('|'));
      match.push((segment) => typeof segment === 'string' && options.has(segment));
    } else match.push((segment) => typeof segment === 'string');
    if (indexed) match.push((segment) => typeof segment === 'number');
  }
  return { match, literals };
}

const compiled = new Map<readonly string[], { heading: string; match: readonly Matcher[]; literals: number }[]>();

/**
 * The docs section of the key at `path` (keys and list indexes from the root): the heading that
 * names it, the most specific when several do, else its nearest ancestor's. Undefined above `on`/`jobs`.
 */
export function docsSection(sections: readonly string[], path: readonly (string | number)[]): string | undefined {
  let table = compiled.get(sections);
  if (!table) compiled.set(sections, (table = sections.map((heading) => ({ heading, ...matchers(heading) }))));
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const best = table
      .filter(({ match }) => match.length === prefix.length && match.every((test, i) => test(prefix[i] as string | number)))
      .sort((a, b) => b.literals - a.literals)[0];
    if (best) return best.heading;
  }
  return undefined;
}
