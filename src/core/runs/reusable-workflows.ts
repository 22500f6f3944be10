import { posix } from 'node:path';
import type { Contexts } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';
import { asText, evaluateDeep } from './evaluate-values';
import { isPlain, readWorkflow, type Plain, type WorkflowModel, type WorkflowRead } from './workflow-model';

/**
 * Local reusable workflows (`jobs.<id>.uses: ./.github/workflows/x.yml`): finding and reading the
 * called files, and the pure rules of a call (inputs, secrets, outputs, how needs reach through it).
 */

/**
 * github.com connects at most ten levels of workflows: the caller and nine levels of reusable
 * workflows (GitHub Enterprise Server: four). A local run follows github.com.
 */
export const MAX_WORKFLOW_LEVELS = 10;
/** A bound on the files one run reads, whatever the repository holds. */
const MAX_CALLED_FILES = 50;

/** Workflows the run may call, by repository-relative path, as read from what runs; a file that is not there has no entry. */
export type CalledWorkflows = ReadonlyMap<string, WorkflowRead>;

export type CallTarget =
  | {
      readonly kind: 'local';
      readonly path: string;
      readonly workflow: WorkflowModel;
      /** Paths from the top workflow to this one. */ readonly stack: readonly string[];
    }
  /** Not run here, and not an error: the job is skipped with the reason. */
  | { readonly kind: 'remote'; readonly reason: string }
  /** A call GitHub would refuse: the plan lists it as a problem. */
  | { readonly kind: 'problem'; readonly reason: string };

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** The repository-relative path a `uses:` names when it is a well-formed local workflow reference. */
export function localWorkflowPath(uses: string): string | undefined {
  const reference = uses.trim();
  if (!reference.startsWith('./') || reference.includes('@') || reference.includes('${{')) return undefined;
  const path = posix.normalize(reference.slice(2));
  return WORKFLOW_FILE.test(path) ? path : undefined;
}

/** Whether `on:` lists workflow_call, in any of its shapes. */
export function isCallable(on: unknown): boolean {
  if (typeof on === 'string') return on === 'workflow_call';
  if (Array.isArray(on)) return on.includes('workflow_call');
  return isPlain(on) && 'workflow_call' in on;
}

/** What a job's `uses:` calls, from a workflow `stack` deep (the top workflow's path first). */
export function callTarget(uses: string, called: CalledWorkflows, stack: readonly string[]): CallTarget {
  const reference = uses.trim();
  if (reference.includes('${{')) return { kind: 'problem', reason: `calls "${reference}": uses: cannot hold an expression` };
  if (!reference.startsWith('./'))
    return { kind: 'remote', reason: `ignored locally: "${reference}" is a remote reusable workflow; local runs execute no downloaded code` };
  const path = localWorkflowPath(reference);
  if (!path)
    return { kind: 'problem', reason: `calls "${reference}", which is not a workflow of this repository (./.github/workflows/<file>.yml, without @ref)` };
  const chain = [...stack, path].join(' -> ');
  if (stack.includes(path)) return { kind: 'problem', reason: `calls "${reference}", which is already being called: a cycle (${chain})` };
  if (stack.length >= MAX_WORKFLOW_LEVELS)
    return {
      kind: 'problem',
      reason: `calls "${reference}" at level ${stack.length + 1} (${chain}); GitHub allows ${MAX_WORKFLOW_LEVELS} levels of workflows`,
    };
  const read = called.get(path);
  if (!read) return { kind: 'problem', reason: `calls "${reference}", which is not in what runs` };
  if (!read.ok) return { kind: 'problem', reason: `calls "${reference}", which cannot be read: ${read.problem}` };
  if (!isCallable(read.workflow.on))
    return { kind: 'problem', reason: `calls "${reference}", which has no "workflow_call" trigger under "on:", so it cannot be called` };
  return { kind: 'local', path, workflow: read.workflow, stack: [...stack, path] };
}

/** Reads every workflow reachable through local calls from `workflow` (cycles and depth are callTarget's to report). */
export async function loadCalledWorkflows(
  workflow: WorkflowModel,
  read: (path: string) => Promise<string | undefined>,
): Promise<{ workflows: Map<string, WorkflowRead>; sources: Map<string, string> }> {
  const workflows = new Map<string, WorkflowRead>();
  const sources = new Map<string, string>();
  const seen = new Set<string>();
  let pending = [workflow];
  while (pending.length && seen.size < MAX_CALLED_FILES) {
    const paths = pending
      .flatMap((model) => model.jobs.map((job) => (job.uses ? localWorkflowPath(job.uses) : undefined)))
      .filter((path): path is string => path !== undefined && !seen.has(path));
    const unique = [...new Set(paths)].slice(0, MAX_CALLED_FILES - seen.size);
    for (const path of unique) seen.add(path);
    const texts = await Promise.all(unique.map(read));
    pending = [];
    unique.forEach((path, index) => {
      const text = texts[index];
      if (text === undefined) return;
      const parsed = readWorkflow(text);
      sources.set(path, text);
      workflows.set(path, parsed);
      if (parsed.ok) pending.push(parsed.workflow);
    });
  }
  return { workflows, sources };
}

const section = (on: unknown, name: 'inputs' | 'secrets' | 'outputs'): Plain => {
  const call = isPlain(on) && isPlain(on.workflow_call) ? on.workflow_call : {};
  const value = call[name];
  return isPlain(value) ? value : {};
};

/** A value still holding `${{ }}`: known only at run time, so not type-checked yet. */
const deferred = (value: Value): boolean => typeof value === 'string' && value.includes('${{');

/** One input value as its declared type, or why it cannot be. */
function typed(type: string, value: Value): { value: Value } | { problem: string } {
  if (deferred(value)) return { value };
  if (type === 'boolean') {
    if (typeof value === 'boolean') return { value };
    if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return { value: value.trim().toLowerCase() === 'true' };
    return { problem: 'a boolean (true or false)' };
  }
  if (type === 'number') {
    if (typeof value === 'number') return { value };
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return { value: Number(value) };
    return { problem: 'a number' };
  }
  return { value: asText(value) };
}

const EMPTY: Readonly<Record<string, Value>> = { boolean: false, number: 0 };

/**
 * A caller's `with:` (evaluated) as the `inputs` context of the called workflow: declared types
 * (booleans and numbers coerced from text), defaults (else false, 0 or ''), required inputs and
 * undeclared ones checked. Names match without regard to case; the called workflow's spelling wins.
 */
export function resolveCallInputs(
  on: unknown,
  given: Readonly<Record<string, Value>>,
  uses: string,
  evaluateDefault: (value: unknown) => Value = (value) => value as Value,
): { values: Record<string, Value>; problems: string[] } {
  const declared = section(on, 'inputs');
  const byLower = new Map(Object.keys(declared).map((name) => [name.toLowerCase(), name]));
  const givenByName = new Map<string, Value>();
  const problems: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const declaredName = byLower.get(name.toLowerCase());
    if (declaredName === undefined) problems.push(`"${uses}" has no input "${name}"`);
    else givenByName.set(declaredName, value);
  }
  const values: Record<string, Value> = {};
  for (const [name, rawSpec] of Object.entries(declared)) {
    const spec = isPlain(rawSpec) ? rawSpec : {};
    const type = typeof spec.type === 'string' ? spec.type : 'string';
    const fallback = spec.default === undefined || spec.default === null ? undefined : defaultOf(spec.default, evaluateDefault);
    const provided = givenByName.get(name);
    if (provided === undefined && fallback === undefined) {
      if (spec.required === true) problems.push(`the required input "${name}" of "${uses}" is not given`);
      values[name] = EMPTY[type] ?? '';
      continue;
    }
    const result = typed(type, provided ?? (fallback as Value));
    if ('problem' in result) problems.push(`input "${name}" of "${uses}" is ${result.problem}, not ${JSON.stringify(provided ?? fallback)}`);
    values[name] = 'value' in result ? result.value : (EMPTY[type] ?? '');
  }
  return { values, problems };
}

/** A default, evaluated (defaults may read github, inputs and vars); as written when it cannot be yet. */
function defaultOf(value: unknown, evaluate: (value: unknown) => Value): Value {
  try {
    return evaluate(value);
  } catch {
    return value as Value;
  }
}

/** Required secrets a caller does not pass, when it maps them one by one (`inherit` is checked at run time by what is there). */
export function missingSecrets(on: unknown, secrets: unknown, uses: string): string[] {
  if (!isPlain(secrets)) return [];
  const given = new Set(Object.keys(secrets).map((name) => name.toLowerCase()));
  return Object.entries(section(on, 'secrets'))
    .filter(([name, spec]) => isPlain(spec) && spec.required === true && !given.has(name.toLowerCase()))
    .map(([name]) => `the required secret "${name}" of "${uses}" is not passed`);
}

/** The `secrets` a called workflow sees: all of the caller's with `inherit`, the mapped ones, else none. */
export function callSecrets(secrets: unknown, callerSecrets: Readonly<Record<string, string>>, evaluate: (value: unknown) => Value): Record<string, string> {
  if (typeof secrets === 'string' && secrets.trim() === 'inherit') return { ...callerSecrets };
  if (!isPlain(secrets)) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(secrets)) out[name] = asText(evaluate(value));
  return out;
}

/** `on.workflow_call.outputs.<name>.value`, evaluated once the called jobs are done (contexts: github, inputs, vars, jobs). */
export function callOutputs(on: unknown, contexts: Contexts): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(section(on, 'outputs'))) {
    try {
      outputs[name] = isPlain(spec) ? asText(evaluateDeep(spec.value, contexts)) : '';
    } catch {
      outputs[name] = '';
    }
  }
  return outputs;
}

/**
 * The job ids a job waits for once calls are expanded. A job that needs a caller waits for all
 * of the called workflow's jobs; it names the last of them (the ones no other called job needs),
 * which finish after the rest, so a graph of the plan draws one edge per branch.
 */
export function expandedNeeds(
  needs: readonly string[],
  workflow: WorkflowModel,
  idPrefix: string,
  called: CalledWorkflows,
  stack: readonly string[],
): string[] {
  const byId = new Map(workflow.jobs.map((job) => [job.id, job]));
  return needs.flatMap((need) => {
    const job = byId.get(need);
    const target = job?.uses !== undefined ? callTarget(job.uses, called, stack) : undefined;
    if (target?.kind !== 'local') return [`${idPrefix}${need}`];
    const needed = new Set(target.workflow.jobs.flatMap((candidate) => candidate.needs));
    const last = target.workflow.jobs.filter((candidate) => !needed.has(candidate.id)).map((candidate) => candidate.id);
    const expanded = expandedNeeds(last, target.workflow, `${idPrefix}${need}/`, called, target.stack);
    return expanded.length ? expanded : [`${idPrefix}${need}`];
  });
}
