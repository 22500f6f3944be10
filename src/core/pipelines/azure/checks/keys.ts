/**
 * Keys and shapes of an expanded Azure pipeline, as Azure DevOps checks them when it compiles
 * the YAML: unknown keys per place (`Unexpected value 'pool'`), mappings and sequences where the
 * other is expected, a step with no kind or two, a deployment without an environment, values
 * of the wrong type, and task references. Values not known offline (placeholders, `${{ }}`,
 * `$[ ]`, `$( )`) are opaque; branches of an undecided `${{ if }}` are each checked on their own
 * and never compared with each other. Pure.
 */
import { didYouMean } from '../../expressions/suggest';
import { didYouMeanFix, type AzureFix } from '../azure-fixes';
import type { AzureRole } from '../roles';
import { keyText, type AEntry, type AMap, type ANode, type AScalar } from '../templates/tree';
import {
  ANY,
  DEPLOYMENT_KEYS,
  EXTENDED_TEMPLATE_KEYS,
  JOB_KEYS,
  PIPELINE_KEYS,
  STAGE_KEYS,
  STEP_COMMON,
  STEP_KEYS,
  TEMPLATE_CONTENT,
  VARIABLE_ITEMS,
  VARIABLES,
  type ListKind,
  type ScalarType,
  type Spec,
} from './azure-keys-data';
import type { AzureCheckFinding } from './graph';
import { checkTask, type CustomTasks } from './tasks';

export type AzureKeysRule = 'azure-keys' | 'azure-shapes' | 'azure-tasks';

export interface CheckKeysOptions {
  /**
   * The template may be one a pipeline `extends` (a pipeline here does, or nothing here includes
   * it): its root may hold a pipeline's content (pool, resources, variables...). See `mayBeExtended`.
   */
  readonly extended?: boolean;
  /** The project's custom tasks (config `azure.tasks`): known, so their inputs are checked. */
  readonly tasks?: CustomTasks;
}

const EXPRESSION = /\$\{\{|\$\[|\$\(/;

/** A value not known offline, or one Azure computes later: no type can be claimed for it. */
export const isOpaque = (node: ANode): boolean =>
  node.kind === 'scalar' && (node.unknown === true || (typeof node.value === 'string' && hasExpression(node.value)));

/** Every expression starts with `$`: most texts have none and skip the pattern. */
const hasExpression = (text: string): boolean => text.includes('$') && EXPRESSION.test(text);

const BOOLEAN_TEXT = /^(true|false)$/i;
const NUMBER_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;
const PERCENTAGE_TEXT = /^\s*\d+(\.\d+)?\s*%\s*$/;

class KeyChecker {
  readonly out: AzureCheckFinding[] = [];

  /** Checking a template on its own: its jobs may be data for another template (1ES reads a job's `parameters`). */
  constructor(
    private readonly template: boolean,
    private readonly tasks: CustomTasks = {},
  ) {}

  report(rule: AzureKeysRule, severity: AzureCheckFinding['severity'], message: string, node: ANode, fixes: readonly AzureFix[] = []): void {
    this.out.push({ rule, severity, message, origin: node.origin, ...(node.via ? { via: node.via } : {}), ...(fixes.length ? { fixes } : {}) });
  }

  /** A node against a spec; `depth` keeps a pathological tree from recursing without end. */
  check(node: ANode, spec: Spec, depth: number): void {
    if (spec.any || depth > 60) return;
    if (node.kind === 'scalar') {
      // Any text fits: no need to scan it (scripts are long) for an expression.
      if (spec.scalar === 'any' || spec.scalar === 'string') return;
      if (node.value === null || isOpaque(node)) return;
      if (spec.scalar) return this.scalar(node, spec.scalar);
      this.report('azure-shapes', 'error', spec.map ? 'Expected a mapping.' : 'Expected a sequence.', node);
      return;
    }
    if (node.kind === 'seq') {
      if (spec.list) return this.list(node.items, spec.list, depth);
      if (!spec.seq) return this.report('azure-shapes', 'error', 'A sequence was not expected.', node);
      for (const item of node.items) this.check(item, spec.seq, depth + 1);
      return;
    }
    if (!spec.map) return this.report('azure-shapes', 'error', 'A mapping was not expected.', node);
    this.keys(node, spec.map.keys, depth, spec.map.other, spec.map.what);
    const { required, requiredUnless = [] } = spec.map;
    if (!required || node.entries.some((entry) => entry.key.unknown || entry.key.undecided)) return;
    const written = new Set(node.entries.map((entry) => keyText(entry).toLowerCase()));
    if (requiredUnless.some((key) => written.has(key.toLowerCase()))) return;
    const missing = required.filter((key) => !written.has(key.toLowerCase())).map((key) => `'${key}'`);
    if (missing.length > 0)
      this.report(
        'azure-shapes',
        'error',
        `A ${spec.map.what ?? 'mapping'} needs ${missing.slice(0, -1).join(', ')}${missing.length > 1 ? ' and ' : ''}${missing.at(-1)}.`,
        node,
      );
  }

  scalar(node: AScalar, type: ScalarType): void {
    const text = String(node.value);
    if (type === 'any' || type === 'string') return;
    if (type === 'boolean') {
      if (typeof node.value !== 'boolean' && !BOOLEAN_TEXT.test(text))
        this.report('azure-shapes', 'error', `Unexpected value '${text}': expected true or false.`, node);
      return;
    }
    if (type === 'number-or-percentage') {
      if (typeof node.value !== 'number' && !NUMBER_TEXT.test(text) && !PERCENTAGE_TEXT.test(text))
        this.report('azure-shapes', 'error', `Unexpected value '${text}': expected a number or a percentage (25%).`, node);
      return;
    }
    if (type === 'cron') {
      const fields = text.trim().split(/\s+/).length;
      if (fields !== 5)
        this.report(
          'azure-shapes',
          'error',
          `Unexpected value '${text}': a cron schedule has five fields (minutes hours days months days-of-week), not ${fields}.`,
          node,
        );
      return;
    }
    if (type === 'number') {
      if (typeof node.value !== 'number' && !NUMBER_TEXT.test(text))
        this.report('azure-shapes', 'error', `Unexpected value '${text}': expected a number.`, node);
      return;
    }
    if (!type.some((value) => value.toLowerCase() === text.toLowerCase()))
      this.report('azure-shapes', 'error', `Unexpected value '${text}': expected ${type.map((value) => `'${value}'`).join(' or ')}.`, node);
  }

  /** A mapping's keys against the known ones; `what` names the place in the message. */
  keys(node: AMap, keys: Readonly<Record<string, Spec>>, depth: number, other?: Spec, what?: string, hint?: string): void {
    let known: string[] | undefined; // listed only when a key is not written as declared
    for (const entry of node.entries) {
      const name = keyText(entry);
      if (entry.key.unknown || hasExpression(name)) continue;
      const spec = Object.prototype.hasOwnProperty.call(keys, name)
        ? keys[name]
        : keys[(known ??= Object.keys(keys)).find((candidate) => candidate.toLowerCase() === name.toLowerCase()) ?? ''];
      if (spec) this.check(entry.value, spec, depth + 1);
      else if (other) this.check(entry.value, other, depth + 1);
      else
        this.report(
          'azure-keys',
          'error',
          `Unexpected value '${name}'${what ? ` in ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}` : ''}.${hint ?? ''}${didYouMean(name, (known ??= Object.keys(keys)))}`,
          entry.key,
          didYouMeanFix(entry.key, known),
        );
    }
  }

  list(items: readonly ANode[], kind: ListKind, depth: number): void {
    for (const item of items) {
      if (item.kind === 'scalar' && (item.value === null || isOpaque(item))) continue;
      if (item.kind !== 'map') {
        this.report('azure-shapes', 'error', item.kind === 'seq' ? 'A sequence was not expected.' : 'Expected a mapping.', item);
        continue;
      }
      // A template reference: the expansion checks its keys; one not read stays as it was written.
      if (has(item, 'template') || isFailIdiom(item)) continue;
      if (kind === 'steps') this.step(item, depth);
      else if (kind === 'jobs') this.job(item, depth);
      else if (kind === 'stages') this.keys(item, STAGE_KEYS, depth, undefined, 'stage');
      else this.variable(item, depth);
    }
  }

  step(step: AMap, depth: number): void {
    const kinds = step.entries.filter((entry) => keyText(entry) in STEP_KEYS);
    const decided = kinds.filter((entry) => !entry.key.undecided);
    if (kinds.length === 0) {
      // Keys from an `${{ insert }}` not known offline may hold the kind.
      if (!step.entries.some((entry) => entry.key.unknown || entry.key.undecided))
        this.report('azure-shapes', 'error', `A step needs one of ${Object.keys(STEP_KEYS).join(', ')} (or template).`, step);
      return this.keys(step, STEP_COMMON, depth, undefined, 'step');
    }
    if (decided.length > 1) {
      const [, second] = decided as [AEntry, AEntry];
      this.report(
        'azure-shapes',
        'error',
        `Unexpected value '${keyText(second)}': a step has one kind, and this one is already '${keyText(decided[0] as AEntry)}'.`,
        second.key,
      );
    }
    const allowed = allowedStepKeys(kinds);
    const kindWord = keyText((decided[0] ?? kinds[0]) as AEntry);
    this.keys(step, allowed, depth, undefined, `${kindWord} step`);
    const task = kinds.find((entry) => keyText(entry) === 'task');
    if (task) this.task(step, task.value);
  }

  task(step: AMap, reference: ANode): void {
    if (reference.kind !== 'scalar' || isOpaque(reference) || reference.value === null) return;
    const name = String(reference.value).trim();
    if (!/@/.test(name)) {
      this.report('azure-tasks', 'error', `Task '${name}' needs a major version (${name}@N).`, reference);
      return;
    }
    if (!/^[^@\s]+@\d+(\.\d+){0,2}$/.test(name)) {
      this.report('azure-tasks', 'error', `Task '${name}' is not a task reference: write Name@N (for example PowerShell@2).`, reference);
      return;
    }
    for (const problem of checkTask(name, step, reference, this.tasks))
      this.report('azure-tasks', problem.severity, problem.message, problem.node, problem.fixes ?? []);
  }

  job(job: AMap, depth: number): void {
    if (has(job, 'deployment')) {
      this.keys(job, DEPLOYMENT_KEYS, depth, undefined, 'deployment job');
      if (!has(job, 'environment') && !job.entries.some((entry) => entry.key.unknown || entry.key.undecided))
        this.report('azure-shapes', 'error', `Deployment job '${String(valueText(job, 'deployment'))}' needs an environment.`, job);
      return;
    }
    this.keys(job, this.template ? TEMPLATE_JOB_KEYS : JOB_KEYS, depth, undefined, 'job');
  }

  variable(item: AMap, depth: number): void {
    if (has(item, 'group')) return this.keys(item, VARIABLE_ITEMS.group.map?.keys ?? {}, depth, undefined, 'variable group');
    this.keys(item, VARIABLE_ITEMS.name.map?.keys ?? {}, depth, undefined, 'variable');
    if (!has(item, 'name') && !item.entries.some((entry) => entry.key.unknown || entry.key.undecided))
      this.report('azure-shapes', 'error', 'A variable in the list form needs a name (or is a group or a template).', item);
  }
}

/**
 * `- ${{ if cond }}: [ { 'a message': error } ]`: a template stops the compile with a message when
 * it is misused. Not a mistake in the YAML: whether the branch is taken depends on how literal
 * parameter values compare, so it is left to the expansion.
 */
const isFailIdiom = (item: AMap): boolean => {
  const only = item.entries.length === 1 ? (item.entries[0] as AEntry) : undefined;
  return only !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyText(only)) && only.value.kind === 'scalar' && only.value.value === 'error';
};

/** Each kind's keys are allowed where that kind is (undecided branches may hold different kinds); built once per set of kinds. */
const stepKeysByKinds = new Map<string, Readonly<Record<string, Spec>>>();
function allowedStepKeys(entries: readonly AEntry[]): Readonly<Record<string, Spec>> {
  // Most steps have one kind: its name is the id, no list or joined text built per step.
  const id = entries.length === 1 ? keyText(entries[0] as AEntry) : entries.map((entry) => keyText(entry)).join('\0');
  let allowed = stepKeysByKinds.get(id);
  if (!allowed) {
    const keys: Record<string, Spec> = { ...STEP_COMMON };
    for (const entry of entries) {
      const kind = keyText(entry);
      Object.assign(keys, { [kind]: { scalar: 'any' } }, STEP_KEYS[kind]);
    }
    if (stepKeysByKinds.size < 200) stepKeysByKinds.set(id, keys);
    allowed = keys;
  }
  return allowed;
}

/** A job in a template checked on its own: its `parameters` may be data for another template. */
const TEMPLATE_JOB_KEYS: Readonly<Record<string, Spec>> = { ...JOB_KEYS, parameters: ANY };

const has = (map: AMap, key: string): boolean => map.entries.some((entry) => keyText(entry) === key);
const valueText = (map: AMap, key: string): unknown => {
  const value = map.entries.find((entry) => keyText(entry) === key)?.value;
  return value?.kind === 'scalar' ? value.value : '';
};

const ROLE_WORDS: Record<Exclude<AzureRole, 'pipeline'>, string> = {
  'stages-template': 'stages template',
  'jobs-template': 'jobs template',
  'steps-template': 'steps template',
  'variables-template': 'variables template',
};

/** The keys and shapes of an expanded file's tree, read as `role` says it is used. */
export function checkKeys(root: ANode | undefined, role: AzureRole, options: CheckKeysOptions = {}): AzureCheckFinding[] {
  const checker = new KeyChecker(role !== 'pipeline', options.tasks);
  if (!root || (root.kind === 'scalar' && (root.value === null || isOpaque(root)))) return checker.out;
  if (root.kind !== 'map') {
    checker.report('azure-shapes', 'error', root.kind === 'seq' ? 'A sequence was not expected.' : 'Expected a mapping.', root);
    return checker.out;
  }
  if (role === 'pipeline') checker.keys(root, PIPELINE_KEYS, 0);
  else if (options.extended) checker.keys(root, EXTENDED_TEMPLATE_KEYS, 0, undefined, 'template a pipeline extends');
  else {
    const content = TEMPLATE_CONTENT[role];
    const keys: Record<string, Spec> = { parameters: ANY, [content]: content === 'variables' ? VARIABLES : { list: content } };
    checker.keys(root, keys, 0, undefined, ROLE_WORDS[role], ` A ${ROLE_WORDS[role]} holds only 'parameters' and '${content}'.`);
  }
  return checker.out;
}
