import { evaluateCondition, evaluateTemplate, type Contexts, type EvaluationHooks, type StatusFunction } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';
import { abortReason, anySignal } from './abort-signals';
import { runBuiltIn } from './built-in-actions';
import { asText, evaluateDeep, evaluateEnv } from './evaluate-values';
import { runLocalAction } from './local-actions';
import type { RunStatus } from './run-types';
import { runScript } from './run-script';
import type { SecretMasker } from './secret-masker';
import { classifyStep, type StepKind } from './step-kinds';
import type { StepSession } from './step-session';
import type { RunDefaults, StepModel } from './workflow-model';
import { errorMessage } from '../errors';

/** What the steps of one job (or one composite action) share while they run. */
export interface StepScope {
  /** github, inputs, vars, secrets, matrix, strategy, needs, runner, job; `env` and `steps` are filled per step. */
  readonly contexts: Record<string, Value>;
  /** Workflow and job `env:`, evaluated. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** What steps wrote to GITHUB_ENV, shared by the whole job. */
  readonly envFromFiles: Record<string, string>;
  /** What steps wrote to GITHUB_PATH, newest first, shared by the whole job. */
  readonly pathAdditions: string[];
  /** `steps.<id>` of this scope. */
  readonly steps: Record<string, Value>;
  readonly defaults: RunDefaults;
  /** The process environment under everything: the host's, then GITHUB_*, RUNNER_*. */
  readonly processEnv: Readonly<Record<string, string>>;
  /** Variables no step may override (GITHUB_*, RUNNER_*, CI). */
  readonly fixedEnv: Readonly<Record<string, string>>;
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly artifactsDir: string;
  readonly cacheDir: string;
  readonly masker: SecretMasker;
  readonly findExecutable: (name: string) => string | undefined;
  /** Graceful cancel: cancelled() turns true; a running step stops unless its if: still holds (always()). */
  readonly signal: AbortSignal;
  /** Force-cancel or the job's timeout: every step stops, always() ones too; its reason is text. */
  readonly hardSignal: AbortSignal;
  readonly addPostStep: (name: string, work: () => Promise<void>) => void;
  /** Process groups of finished steps, whose background processes are killed when the job ends. */
  readonly processGroups: number[];
  /** Whether an earlier step of this scope failed (for success()/failure()). */
  failed: boolean;
}

export interface StepOutcome {
  readonly outcome: RunStatus;
  readonly exitCode: number | null;
  readonly outputs: Record<string, string>;
  readonly reason: string | undefined;
  readonly summary: string;
}

const skipped = (reason: string): StepOutcome => ({ outcome: 'skipped', exitCode: null, outputs: {}, reason, summary: '' });

export function statusHooks(scope: StepScope) {
  const cancelled = () => scope.signal.aborted || scope.hardSignal.aborted;
  return {
    status: (name: StatusFunction) => {
      if (name === 'always') return true;
      if (name === 'cancelled') return cancelled();
      if (name === 'failure') return scope.failed;
      return !scope.failed && !cancelled();
    },
    hashFiles: () => '',
  };
}

/**
 * Whether a step's if: holds once the job is cancelled (GitHub re-evaluates it then):
 * always() and cancelled() steps keep running, the rest are stopped.
 */
function holdsWhenCancelled(condition: string, contexts: Contexts, failed: boolean): boolean {
  try {
    return evaluateCondition(condition, contexts, { status: (name) => name === 'always' || name === 'cancelled' || (name === 'failure' && failed), hashFiles: () => '' });
  } catch {
    return false;
  }
}

/** The `env` context a step sees: workflow and job env, then GITHUB_ENV, then its own. */
export function stepContexts(scope: StepScope, stepEnv: Readonly<Record<string, string>> = {}): Contexts {
  return { ...scope.contexts, env: { ...scope.baseEnv, ...scope.envFromFiles, ...stepEnv }, steps: scope.steps };
}

const minutes = (value: unknown, contexts: Contexts): number | undefined => {
  const evaluated = typeof value === 'string' ? evaluateDeep(value, contexts) : value;
  const number = typeof evaluated === 'number' ? evaluated : typeof evaluated === 'string' ? Number(evaluated) : NaN;
  return Number.isFinite(number) && number > 0 ? number * 60_000 : undefined;
};

export function isTrue(value: unknown, contexts: Contexts): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return asText(evaluateDeep(value, contexts)) === 'true';
  return false;
}

/** Decides whether a step runs, runs it, and applies what it wrote to the environment files. */
export async function executeStep(step: StepModel, scope: StepScope, session: StepSession): Promise<StepOutcome> {
  if (scope.hardSignal.aborted) return { ...skipped(abortReason(scope.hardSignal)), outcome: 'cancelled' };
  const kind = classifyStep(step);
  const before = stepContexts(scope);
  const hooks = statusHooks(scope);
  const condition = step.if?.trim() ?? '';
  let runs: boolean;
  try {
    runs = evaluateCondition(condition, before, hooks);
  } catch (error) {
    return { ...skipped(`if: ${condition} cannot be evaluated: ${errorMessage(error)}`), outcome: 'failure' };
  }
  if (!runs) {
    if (scope.signal.aborted) return { ...skipped('the run was cancelled'), outcome: 'cancelled' };
    return skipped(condition ? `if: ${condition} is false` : scope.failed ? 'an earlier step failed' : 'skipped');
  }
  if (kind.kind === 'not-local' || kind.kind === 'invalid') {
    session.note(kind.reason);
    return kind.kind === 'invalid' ? { ...skipped(kind.reason), outcome: 'failure' } : skipped(kind.reason);
  }

  let stepEnv: Record<string, string>;
  try {
    stepEnv = evaluateEnv(step.env, before, hooks);
  } catch (error) {
    return { ...skipped(`its env cannot be evaluated: ${errorMessage(error)}`), outcome: 'failure' };
  }
  const contexts = stepContexts(scope, stepEnv);
  // What stops this step's processes: always() steps only a force-cancel or the job's timeout.
  const stop = condition !== '' && holdsWhenCancelled(condition, before, scope.failed) ? anySignal(scope.hardSignal) : anySignal(scope.signal, scope.hardSignal);
  try {
    return await runStep(step, kind, { ...scope, signal: stop.signal }, session, { env: { ...scope.processEnv, ...scope.baseEnv, ...scope.envFromFiles, ...stepEnv, ...scope.fixedEnv, ...session.files }, contexts, hooks });
  } finally {
    stop.dispose();
  }
}

/** The step's work itself, once it is decided that it runs; `scope.signal` is what stops it. */
async function runStep(step: StepModel, kind: Exclude<StepKind, { kind: 'not-local' | 'invalid' }>, scope: StepScope, session: StepSession, prepared: { env: Record<string, string>; contexts: Contexts; hooks: EvaluationHooks }): Promise<StepOutcome> {
  const { env, contexts, hooks } = prepared;
  if (scope.pathAdditions.length) env.PATH = [...scope.pathAdditions, env.PATH ?? ''].join(':');

  let result: { outcome: RunStatus; exitCode: number | null; reason: string | undefined; outputs?: Record<string, string> };
  try {
    const timeoutMs = minutes(step.timeoutMinutes, contexts); // may throw: the step fails, the run goes on
    if (kind.kind === 'run') {
      const script = evaluateTemplate(step.run ?? '', contexts, hooks);
      const workingDirectory = step.workingDirectory !== undefined ? evaluateTemplate(step.workingDirectory, contexts) : scope.defaults.workingDirectory;
      const outcome = await runScript({
        script,
        shell: step.shell ?? scope.defaults.shell,
        workingDirectory,
        workspace: scope.workspace,
        runnerTemp: scope.runnerTemp,
        env,
        timeoutMs,
        signal: scope.signal,
        findExecutable: scope.findExecutable,
        session,
        onProcessGroup: (group) => scope.processGroups.push(group),
      });
      result = { outcome: outcome.ok ? 'success' : outcome.cancelled ? 'cancelled' : 'failure', exitCode: outcome.exitCode, reason: outcome.reason };
    } else {
      const withValues = evaluateEnv(step.with, contexts, hooks);
      if (kind.kind === 'built-in') {
        const builtIn = await runBuiltIn({ action: kind.action, uses: kind.uses, inputs: withValues, workspace: scope.workspace, artifactsDir: scope.artifactsDir, cacheDir: scope.cacheDir, session, findExecutable: scope.findExecutable, env, addPostStep: scope.addPostStep });
        result = { outcome: builtIn.status, exitCode: null, reason: builtIn.reason, outputs: builtIn.outputs };
      } else {
        const local = await runLocalAction({ path: kind.path, inputs: withValues, scope, session, env, contexts, timeoutMs });
        result = { outcome: local.outcome, exitCode: local.exitCode, reason: local.reason, outputs: local.outputs };
      }
    }
  } catch (error) {
    result = { outcome: 'failure', exitCode: null, reason: errorMessage(error) };
  }
  if (result.reason && result.outcome !== 'success') session.note(result.reason);

  const effects = session.collect();
  for (const problem of effects.problems) session.note(problem);
  Object.assign(scope.envFromFiles, effects.env);
  scope.pathAdditions.unshift(...[...effects.path].reverse());
  return { outcome: result.outcome, exitCode: result.exitCode, outputs: { ...(result.outputs ?? {}), ...effects.outputs }, reason: result.reason, summary: effects.summary };
}
