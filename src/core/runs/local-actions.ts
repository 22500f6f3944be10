import { existsSync, readFileSync } from 'node:fs';
import { MAX_COMPOSITE_DEPTH } from '../pipelines/github/action-metadata';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Contexts } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';
import { asText, evaluateDeep } from './evaluate-values';
import { runProcess } from './process-runner';
import type { RunStatus } from './run-types';
import { jobContext, type StepExecutor, type StepScope } from './step-scope';
import type { StepSession } from './step-session';
import { isPlain, readSteps, stepLabel } from './workflow-model';
import { errorMessage } from '../errors';

export interface LocalActionRequest {
  /** `./path` from the step's `uses:`, relative to the workspace. */
  readonly path: string;
  /** The step's `with:`, evaluated. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly scope: StepScope;
  readonly session: StepSession;
  /** The process environment the step would get. */
  readonly env: Readonly<Record<string, string>>;
  readonly contexts: Contexts;
  readonly timeoutMs: number | undefined;
  /** Runs the steps of a composite action. */
  readonly executeStep: StepExecutor;
}

export interface LocalActionResult {
  readonly outcome: RunStatus;
  readonly exitCode: number | null;
  readonly reason: string | undefined;
  readonly outputs: Record<string, string>;
}

const fail = (reason: string): LocalActionResult => ({ outcome: 'failure', exitCode: null, reason, outputs: {} });

/** Runs an action from the repository: composite actions step by step, JavaScript actions with this machine's node. */
export async function runLocalAction(request: LocalActionRequest): Promise<LocalActionResult> {
  const folder = resolve(request.scope.workspace, request.path);
  const file = ['action.yml', 'action.yaml'].map((name) => join(folder, name)).find((candidate) => existsSync(candidate));
  if (!file) return fail(`there is no action.yml or action.yaml in ${request.path}`);
  let metadata: unknown;
  try {
    metadata = parse(readFileSync(file, 'utf8'), { maxAliasCount: 1000 });
  } catch (error) {
    return fail(`${request.path}/action.yml cannot be read: ${errorMessage(error)}`);
  }
  if (!isPlain(metadata) || !isPlain(metadata.runs)) return fail(`${request.path}/action.yml has no "runs" section`);
  const using = String(metadata.runs.using ?? '');
  const inputs = actionInputs(metadata.inputs, request.inputs, request.contexts);
  if (using === 'composite') return runComposite(request, folder, metadata, inputs);
  if (/^node\d+$/.test(using)) return runNodeAction(request, folder, String(metadata.runs.main ?? ''), inputs);
  if (using === 'docker') return { outcome: 'skipped', exitCode: null, reason: `ignored locally: ${request.path} is a Docker action`, outputs: {} };
  return fail(`${request.path}/action.yml: runs.using "${using}" is not one Shipshape can run`);
}

/** Declared inputs with their defaults (which may hold expressions), then what the step gave. */
function actionInputs(declared: unknown, given: Readonly<Record<string, string>>, contexts: Contexts): Record<string, string> {
  const values: Record<string, string> = {};
  if (isPlain(declared)) {
    for (const [name, spec] of Object.entries(declared)) {
      if (isPlain(spec) && spec.default !== undefined) values[name] = asText(evaluateDeep(spec.default, contexts));
    }
  }
  return { ...values, ...given };
}

async function runComposite(
  request: LocalActionRequest,
  folder: string,
  metadata: Readonly<Record<string, unknown>>,
  inputs: Record<string, string>,
): Promise<LocalActionResult> {
  const parent = request.scope;
  const depth = (parent.compositeDepth ?? 0) + 1;
  // An action that uses itself (directly or round a loop) would recurse until the stack runs out.
  if (depth > MAX_COMPOSITE_DEPTH)
    return fail(`composite actions are nested more than ${MAX_COMPOSITE_DEPTH} levels deep at ${request.path} (does it use itself?); GitHub stops there too`);
  const github = { ...(parent.contexts.github as Record<string, Value>), action_path: folder };
  const steps: Record<string, Value> = {};
  const scope: StepScope = {
    ...parent,
    contexts: { ...parent.contexts, github, inputs, job: jobContext(parent) },
    baseEnv: { ...parent.baseEnv, ...Object.fromEntries(Object.entries(request.env).filter(([key]) => !(key in parent.processEnv))) },
    steps,
    defaults: { shell: undefined, workingDirectory: undefined },
    fixedEnv: { ...parent.fixedEnv, GITHUB_ACTION_PATH: folder },
    failed: false,
    compositeDepth: depth,
  };
  const runsSteps = isPlain(metadata.runs) ? readSteps(metadata.runs.steps) : [];
  let failure: string | undefined;
  for (const step of runsSteps) {
    if (step.run !== undefined && !step.shell) {
      failure = `step "${stepLabel(step)}" of ${request.path} has no "shell", which composite actions require`;
      break;
    }
    const session = request.session.nested();
    session.note(`${request.path}: ${stepLabel(step)}`);
    const outcome = await request.executeStep(step, scope, session);
    if (step.id) steps[step.id] = { outputs: outcome.outputs, outcome: outcome.outcome, conclusion: outcome.outcome };
    if (outcome.outcome === 'failure' || outcome.outcome === 'cancelled') {
      scope.failed = true;
      failure ??= `step "${stepLabel(step)}" of ${request.path} failed${outcome.reason ? `: ${outcome.reason}` : ''}`;
    }
  }
  const outputs: Record<string, string> = {};
  if (isPlain(metadata.outputs)) {
    const contexts = { ...scope.contexts, steps };
    for (const [name, spec] of Object.entries(metadata.outputs)) {
      if (isPlain(spec) && spec.value !== undefined) outputs[name] = asText(evaluateDeep(spec.value, contexts));
    }
  }
  if (failure) return { outcome: request.scope.signal.aborted ? 'cancelled' : 'failure', exitCode: null, reason: failure, outputs };
  return { outcome: 'success', exitCode: 0, reason: undefined, outputs };
}

/** INPUT_<NAME> as the toolkit reads it: upper case, spaces to underscores. */
const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

async function runNodeAction(request: LocalActionRequest, folder: string, main: string, inputs: Record<string, string>): Promise<LocalActionResult> {
  if (!main) return fail(`${request.path}/action.yml has no runs.main`);
  const node = request.scope.findExecutable('node');
  if (!node) return { outcome: 'skipped', exitCode: null, reason: `skipped: ${request.path} is a JavaScript action and node is not installed`, outputs: {} };
  const env: Record<string, string> = { ...request.env, GITHUB_ACTION_PATH: folder };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  request.session.note(`${request.path}: node ${main}`);
  const result = await runProcess({
    command: node,
    args: [join(folder, main)],
    cwd: request.scope.workspace,
    env,
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    signal: request.scope.signal,
    onLine: (stream, line) => request.session.handleLine(stream, line),
  });
  if (result.spawnError) return fail(result.spawnError);
  if (result.cancelled) return { outcome: 'cancelled', exitCode: result.exitCode, reason: 'cancelled', outputs: {} };
  if (result.timedOut) return fail('timed out');
  return {
    outcome: result.exitCode === 0 ? 'success' : 'failure',
    exitCode: result.exitCode,
    reason: result.exitCode === 0 ? undefined : `exited with code ${result.exitCode ?? '?'}`,
    outputs: {},
  };
}
