import { evaluateCondition, evaluateTemplate, type Contexts, type EvaluationHooks, type StatusFunction } from '../pipelines/expressions/evaluator';
import { errorMessage } from '../errors';
import { abortReason, anySignal } from './abort-signals';
import { runBuiltIn } from './built-in-actions';
import { asText, evaluateDeep, evaluateEnv } from './evaluate-values';
import { hashFiles } from './hash-files';
import { evaluateWithFileHashes } from './hash-files-evaluation';
import { runLocalAction } from './local-actions';
import type { RunStatus } from './run-types';
import { runScript } from './run-script';
import { classifyStep, type StepKind } from './step-kinds';
import { jobContext, type StepOutcome, type StepScope } from './step-scope';
import type { StepSession } from './step-session';
import type { StepModel } from './workflow-model';

const skipped = (reason: string): StepOutcome => ({ outcome: 'skipped', exitCode: null, outputs: {}, reason, summary: '' });

type Status = NonNullable<EvaluationHooks['status']>;

const STATUS_CALL = /\b(success|failure|always|cancelled)\s*\(/i;

/** The status functions as a step of this scope sees them. */
function stepStatus(scope: StepScope): Status {
  const cancelled = () => scope.signal.aborted || scope.hardSignal.aborted;
  return (name: StatusFunction) => {
    if (name === 'always') return true;
    if (name === 'cancelled') return cancelled();
    if (name === 'failure') return scope.failed;
    return !scope.failed && !cancelled();
  };
}

/** Evaluates one of the step's expressions with hooks: the given status functions (default: the step's) and hashFiles(). */
type StepEvaluator = <T>(work: (hooks: EvaluationHooks) => T, status?: Status) => Promise<T>;

/** hashFiles() reads the workspace copy; a force-cancel or the job's timeout stops it. */
function stepEvaluator(scope: StepScope): StepEvaluator {
  const known = new Map<string, string>();
  const hash = (patterns: readonly string[]) => hashFiles(patterns, { workspace: scope.workspace, signal: scope.hardSignal });
  const defaultStatus = stepStatus(scope);
  return (work, status = defaultStatus) => evaluateWithFileHashes((hashFilesHook) => work({ status, hashFiles: hashFilesHook }), hash, known);
}

/**
 * Whether a step's if: holds once the job is cancelled (GitHub re-evaluates it then):
 * always() and cancelled() steps keep running, the rest are stopped.
 */
async function holdsWhenCancelled(condition: string, contexts: Contexts, failed: boolean, evaluate: StepEvaluator): Promise<boolean> {
  try {
    return await evaluate(
      (hooks) => evaluateCondition(condition, contexts, hooks),
      (name) => name === 'always' || name === 'cancelled' || (name === 'failure' && failed),
    );
  } catch {
    return false;
  }
}

/** The `env` context a step sees: workflow and job env, then GITHUB_ENV, then its own. */
export function stepContexts(scope: StepScope, stepEnv: Readonly<Record<string, string>> = {}): Contexts {
  return { ...scope.contexts, job: jobContext(scope), env: { ...scope.baseEnv, ...scope.envFromFiles, ...stepEnv }, steps: scope.steps };
}

/** The github context's file paths for this step (github.output, github.env, ...) and the payload's, as the runner sets them. */
function withStepFiles(contexts: Contexts, session: StepSession, eventPath: string | undefined): Contexts {
  const { files } = session;
  const github = {
    ...(contexts.github as Record<string, unknown>),
    event_path: eventPath ?? '',
    env: files.GITHUB_ENV,
    output: files.GITHUB_OUTPUT,
    path: files.GITHUB_PATH,
    state: files.GITHUB_STATE,
    step_summary: files.GITHUB_STEP_SUMMARY,
  };
  return { ...contexts, github } as Contexts;
}

const minutes = (value: unknown, contexts: Contexts, hooks: EvaluationHooks): number | undefined => {
  const evaluated = typeof value === 'string' ? evaluateDeep(value, contexts, hooks) : value;
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
  const evaluate = stepEvaluator(scope);
  const condition = step.if?.trim() ?? '';
  let runs: boolean;
  try {
    runs = await evaluate((hooks) => evaluateCondition(condition, before, hooks));
  } catch (error) {
    return { ...skipped(`if: ${condition} cannot be evaluated: ${errorMessage(error)}`), outcome: 'failure' };
  }
  if (!runs) {
    if (scope.signal.aborted) return { ...skipped('the run was cancelled'), outcome: 'cancelled' };
    if (!condition) return skipped(scope.failed ? 'an earlier step failed' : 'skipped');
    // `if: job.status == 'failure'` reads as if it held after a failure; say why it does not.
    const implied =
      scope.failed && !STATUS_CALL.test(condition) ? ': GitHub adds success() to an if: without a status function, and an earlier step failed' : '';
    return skipped(`if: ${condition} is false${implied}`);
  }
  if (kind.kind === 'not-local' || kind.kind === 'invalid') {
    session.note(kind.reason);
    return kind.kind === 'invalid' ? { ...skipped(kind.reason), outcome: 'failure' } : skipped(kind.reason);
  }

  let stepEnv: Record<string, string>;
  try {
    stepEnv = await evaluate((hooks) => evaluateEnv(step.env, before, hooks));
  } catch (error) {
    return { ...skipped(`its env cannot be evaluated: ${errorMessage(error)}`), outcome: 'failure' };
  }
  const contexts = withStepFiles(stepContexts(scope, stepEnv), session, scope.fixedEnv.GITHUB_EVENT_PATH);
  // The runner reads this from the step's env context (workflow, job, GITHUB_ENV, step), as .NET's bool.TryParse.
  const allow = { ...scope.baseEnv, ...scope.envFromFiles, ...stepEnv }.ACTIONS_ALLOW_UNSECURE_COMMANDS;
  session.allowUnsecureCommands = allow?.trim().toLowerCase() === 'true';
  // What stops this step's processes: always() steps only a force-cancel or the job's timeout.
  const stop =
    condition !== '' && (await holdsWhenCancelled(condition, before, scope.failed, evaluate))
      ? anySignal(scope.hardSignal)
      : anySignal(scope.signal, scope.hardSignal);
  try {
    return await runStep(step, kind, { ...scope, signal: stop.signal }, session, {
      env: { ...scope.processEnv, ...scope.baseEnv, ...scope.envFromFiles, ...stepEnv, ...scope.fixedEnv, ...session.files },
      contexts,
      evaluate,
    });
  } finally {
    stop.dispose();
  }
}

/** The step's work itself, once it is decided that it runs; `scope.signal` is what stops it. */
async function runStep(
  step: StepModel,
  kind: Exclude<StepKind, { kind: 'not-local' | 'invalid' }>,
  scope: StepScope,
  session: StepSession,
  prepared: { env: Record<string, string>; contexts: Contexts; evaluate: StepEvaluator },
): Promise<StepOutcome> {
  const { env, contexts, evaluate } = prepared;
  if (scope.pathAdditions.length) env.PATH = [...scope.pathAdditions, env.PATH ?? ''].join(':');

  let result: { outcome: RunStatus; exitCode: number | null; reason: string | undefined; outputs?: Record<string, string>; warning?: string };
  try {
    const timeoutMs = await evaluate((hooks) => minutes(step.timeoutMinutes, contexts, hooks)); // may throw: the step fails, the run goes on
    if (kind.kind === 'run') {
      let holdsSecret = false;
      const script = await evaluate((hooks) => {
        holdsSecret = false; // evaluate may run this twice (hashFiles)
        return evaluateTemplate(step.run ?? '', contexts, hooks, (value) => {
          if (scope.masker.holds(value)) holdsSecret = true;
        });
      });
      const workingDirectory =
        step.workingDirectory !== undefined
          ? await evaluate((hooks) => evaluateTemplate(step.workingDirectory ?? '', contexts, hooks))
          : scope.defaults.workingDirectory;
      const outcome = await runScript({
        script,
        holdsSecret,
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
      const withValues = await evaluate((hooks) => evaluateEnv(step.with, contexts, hooks));
      if (kind.kind === 'built-in') {
        const builtIn = await runBuiltIn({
          action: kind.action,
          uses: kind.uses,
          inputs: withValues,
          workspace: scope.workspace,
          artifactsDir: scope.artifactsDir,
          cacheDir: scope.cacheDir,
          session,
          findExecutable: scope.findExecutable,
          env,
          addPostStep: scope.addPostStep,
        });
        result = {
          outcome: builtIn.status,
          exitCode: null,
          reason: builtIn.reason,
          outputs: builtIn.outputs,
          ...(builtIn.warning ? { warning: builtIn.warning } : {}),
        };
      } else {
        const local = await runLocalAction({ path: kind.path, inputs: withValues, scope, session, env, contexts, timeoutMs, executeStep });
        result = { outcome: local.outcome, exitCode: local.exitCode, reason: local.reason, outputs: local.outputs };
      }
    }
  } catch (error) {
    result = { outcome: 'failure', exitCode: null, reason: errorMessage(error) };
  }
  if (result.reason && result.outcome !== 'success') session.note(result.reason);

  const effects = session.collect();
  for (const problem of effects.problems) session.note(problem);
  // GitHub's runner fails a step whose environment files it cannot process ("Unable to process file command").
  const unreadable = result.outcome === 'success' && effects.problems.length > 0 ? effects.problems[0] : undefined;
  // ...and one whose workflow command it refused (a disabled ::set-env): "Unable to process command".
  const refused = result.outcome === 'success' && !unreadable ? effects.failures[0] : undefined;
  Object.assign(scope.envFromFiles, effects.env);
  scope.pathAdditions.unshift(...[...effects.path].reverse());
  return {
    outcome: unreadable || refused ? 'failure' : result.outcome,
    exitCode: result.exitCode,
    outputs: { ...(result.outputs ?? {}), ...effects.outputs },
    reason: unreadable ? `Unable to process a file command: ${unreadable}` : refused ? `Unable to process a workflow command: ${refused}` : result.reason,
    summary: effects.summary,
    ...(result.warning ? { warning: result.warning } : {}),
  };
}
