import { join } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, keyText, pairsOf, textOf } from '../../yaml/nodes';
import { didYouMean } from '../data/suggest';
import { readReusableWorkflow, type WorkflowCallSpec } from '../workflow-call-metadata';
import { sameRepositoryPath } from '../same-repository';
import { jobsOf, type JobNode } from '../workflow-nodes';

/** `owner/repo/<path>@ref`: the parts of a remote reusable workflow reference. */
const REMOTE = /^([^/\s@]+)\/([^/\s@]+)\/([^@]*)@(.*)$/;
/** GitHub looks for reusable workflows only directly in .github/workflows/. */
const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** Jobs that call reusable workflows, and the `on.workflow_call` definitions of this workflow. */
export const workflowCallRule: Rule = {
  id: 'workflow-call',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Reusable workflow calls: the callee exists and is callable; with: and secrets: match its workflow_call inputs and secrets.',
  check(context) {
    const callees = new Map<string, ReturnType<typeof readReusableWorkflow>>();
    for (const job of jobsOf(context)) checkCall(context, job, callees);
    checkDefinitions(context);
  },
};

function checkCall(context: RuleContext, job: JobNode, callees: Map<string, ReturnType<typeof readReusableWorkflow>>): void {
  const { doc } = context.source;
  const usesNode = get(doc, job.map, 'uses');
  if (!isScalar(usesNode) || typeof usesNode.value !== 'string') return;
  const at = usesNode as YamlNode;
  const uses = usesNode.value.trim();
  // Expressions are resolved at run time; `$/...` is the same-repository form, checked like `./...`.
  const local = sameRepositoryPath(uses);
  if (uses === '' || uses.includes('${{') || (uses.startsWith('$') && !local)) return;

  if (!local) {
    checkRemoteFormat(context, job, uses, at);
    return;
  }
  if (uses.includes('@')) {
    context.report({
      message: `Job "${job.id}" calls "${uses}" with a ref; a workflow of this repository is called without "@ref" (it runs at the caller's commit).`,
      at,
    });
    return;
  }
  const path = local.slice(2);
  if (!WORKFLOW_FILE.test(path)) {
    context.report({
      message: `Job "${job.id}" calls "${uses}", but GitHub only runs reusable workflows stored directly in .github/workflows/ as .yml or .yaml files.`,
      at,
    });
    return;
  }
  let callee = callees.get(path);
  if (!callee) {
    callee = readReusableWorkflow(join(context.root, path), context.readFile);
    callees.set(path, callee);
  }
  if (callee.status === 'missing') context.report({ message: `Job "${job.id}" calls "${uses}", which does not exist.`, at });
  else if (callee.status === 'not-callable')
    context.report({ message: `Job "${job.id}" calls "${uses}", which has no "workflow_call" trigger under "on:", so it cannot be called.`, at });
  else if (callee.status === 'callable') {
    checkInputs(context, job, uses, callee.spec);
    checkSecrets(context, job, uses, callee.spec);
  }
}

function checkRemoteFormat(context: RuleContext, job: JobNode, uses: string, at: YamlNode): void {
  const match = REMOTE.exec(uses);
  if (!match && /^[^/\s@]+\/[^/\s@]+\/[^@]+$/.test(uses)) {
    context.report({ message: `Job "${job.id}" calls "${uses}" without a ref; add "@" and a branch, tag or commit SHA.`, at });
    return;
  }
  if (!match) {
    const advice = /^[^/\s@]+\/[^/\s@]+(\/[^@]*)?@/.test(uses)
      ? ' That is an action: run it in a step, or call a workflow as owner/repo/.github/workflows/file.yml@ref.'
      : ' Use owner/repo/.github/workflows/file.yml@ref or ./.github/workflows/file.yml.';
    context.report({ message: `Job "${job.id}" calls "${uses}", which is not a reusable workflow reference.${advice}`, at });
    return;
  }
  const [, , , path = '', ref = ''] = match;
  if (ref.trim() === '') {
    context.report({ message: `Job "${job.id}" calls "${uses}" without a ref; add "@" and a branch, tag or commit SHA.`, at });
    return;
  }
  if (!WORKFLOW_FILE.test(path)) {
    // A bare `owner/repo/file.yml@ref` is only an info: actionlint accepts it and its
    // reference set (test corpus "actionlint-ok") must stay clean.
    context.report({
      severity: /^[^/]+$/.test(path) ? 'info' : 'error',
      message: `Job "${job.id}" calls "${uses}", but GitHub only runs reusable workflows stored directly in .github/workflows/ (owner/repo/.github/workflows/file.yml@ref).`,
      at,
    });
  }
}

function checkInputs(context: RuleContext, job: JobNode, uses: string, spec: WorkflowCallSpec): void {
  const { doc } = context.source;
  const declared = spec.inputs;
  const withNode = get(doc, job.map, 'with');
  if (!declared || (withNode && !isMap(withNode))) return;
  const given = new Set<string>();
  for (const pair of pairsOf(doc, withNode)) {
    const name = keyText(pair);
    given.add(name.toLowerCase());
    const input = declared.get(name.toLowerCase());
    if (!input) {
      const hint = didYouMean(
        name,
        [...declared.values()].map((item) => item.name),
      );
      context.report({ message: `Reusable workflow "${uses}" has no input "${name}".${hint}`, at: pair.key as YamlNode });
      continue;
    }
    const value = get(doc, withNode, keyText(pair));
    if (!isScalar(value)) continue;
    const problem = typeProblem(input.type, value.value);
    if (problem)
      context.report({
        message: `Input "${input.name}" of "${uses}" is ${problem}, but job "${job.id}" passes ${JSON.stringify(value.value)}.`,
        at: value as YamlNode,
      });
  }
  const missing = [...declared.values()].filter((input) => input.required && !input.hasDefault && !given.has(input.name.toLowerCase()));
  for (const input of missing)
    context.report({ message: `Job "${job.id}" does not pass the required input "${input.name}" of "${uses}".`, at: get(doc, job.map, 'uses') as YamlNode });
}

function checkSecrets(context: RuleContext, job: JobNode, uses: string, spec: WorkflowCallSpec): void {
  const { doc } = context.source;
  const declared = spec.secrets;
  const secretsNode = get(doc, job.map, 'secrets');
  // `secrets: inherit` passes everything; an expression or other odd form is not checked.
  if (!declared || (secretsNode && !isMap(secretsNode))) return;
  const given = new Set<string>();
  for (const pair of pairsOf(doc, secretsNode)) {
    const name = keyText(pair);
    given.add(name.toLowerCase());
    if (declared.has(name.toLowerCase())) continue;
    const hint = didYouMean(
      name,
      [...declared.values()].map((secret) => secret.name),
    );
    context.report({ message: `Reusable workflow "${uses}" has no secret "${name}".${hint}`, at: pair.key as YamlNode });
  }
  const missing = [...declared.values()].filter((secret) => secret.required && !given.has(secret.name.toLowerCase()));
  for (const secret of missing)
    context.report({ message: `Job "${job.id}" does not pass the required secret "${secret.name}" of "${uses}".`, at: get(doc, job.map, 'uses') as YamlNode });
}

/** Why a literal does not fit an input type ("a boolean"), or undefined when it fits or is an expression. */
export function typeProblem(type: string | undefined, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.includes('${{')) return undefined;
  if (type === 'boolean' && typeof value !== 'boolean' && !/^(true|false)$/i.test(String(value))) return 'a boolean (true or false)';
  // Number(true) is 1: a boolean literal is caught before the text test.
  if (type === 'number' && typeof value !== 'number' && (typeof value === 'boolean' || String(value).trim() === '' || !Number.isFinite(Number(value))))
    return 'a number';
  return undefined;
}

/** This file's own `on.workflow_call.inputs`: a default that can never apply, or that does not fit its type. */
function checkDefinitions(context: RuleContext): void {
  const { doc } = context.source;
  const on = get(doc, doc.contents, 'on');
  if (!isMap(on)) return;
  for (const pair of pairsOf(doc, get(doc, get(doc, on, 'workflow_call'), 'inputs'))) {
    const name = keyText(pair);
    const input = get(doc, pair.value, 'default');
    if (!isScalar(input) || input.value === null) continue;
    const required = get(doc, pair.value, 'required');
    if (isScalar(required) && required.value === true) {
      context.report({ severity: 'warning', message: `Input "${name}" is required, so its default is never used.`, at: input as YamlNode });
    }
    const type = textOf(doc, get(doc, pair.value, 'type'));
    const problem = typeProblem(type, input.value);
    if (problem) context.report({ message: `Input "${name}" is ${problem}, so its default cannot be ${JSON.stringify(input.value)}.`, at: input as YamlNode });
  }
}
