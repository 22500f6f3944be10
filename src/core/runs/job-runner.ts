import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { arch } from 'node:os';
import { join } from 'node:path';
import type { Value } from '../pipelines/expressions/values';
import { NEVER } from './abort-signals';
import { asText, evaluateDeep, evaluateEnv } from './evaluate-values';
import { defaultGithubEnv } from './github-context';
import type { MatrixLeg } from './matrix';
import { timerDelay } from './process-runner';
import type { Annotation, JobResult, RunListener, RunStatus, StepResult } from './run-types';
import type { SecretMasker } from './secret-masker';
import { executeStep, isTrue, stepContexts, type StepScope } from './step-executor';
import { StepSession } from './step-session';
import { stepLabel, type JobModel, type Plain, type RunDefaults } from './workflow-model';
import { errorMessage } from '../errors';

/** What every job of a run shares. */
export interface RunEnvironment {
  readonly workspace: string;
  readonly runDir: string;
  readonly artifactsDir: string;
  readonly cacheDir: string;
  readonly hostEnv: Readonly<Record<string, string>>;
  readonly masker: SecretMasker;
  readonly findExecutable: (name: string) => string | undefined;
  readonly workflowName: string;
  readonly workflowEnv: Plain;
  readonly workflowDefaults: RunDefaults;
  readonly eventPath: string;
  readonly emit: RunListener;
}

export interface LegRequest {
  readonly job: JobModel;
  /** The job's id in the run ("<caller>/<id>" in a called workflow); default: job.id. */
  readonly jobId?: string;
  /** Job ids it waited for, as the plan names them; default: job.needs. */
  readonly needs?: readonly string[];
  readonly key: string;
  readonly name: string;
  readonly matrix: MatrixLeg | null;
  /** github (workspace set), inputs, vars, secrets, needs, matrix, strategy. */
  readonly contexts: Record<string, Value>;
  readonly limitations: readonly string[];
  /** Graceful cancel: the running step stops unless its if: holds when cancelled; always() steps still run. */
  readonly signal: AbortSignal;
  /** Force-cancel: stops the running step and every step after it. */
  readonly forceSignal?: AbortSignal;
  /** 1-based number of the leg in the run, for folder names. */
  readonly ordinal: number;
}

const DEFAULT_JOB_TIMEOUT_MINUTES = 360;

/** Runs one job (one matrix leg) step by step, then its post steps, and works out its outputs. */
export async function runJobLeg(request: LegRequest, environment: RunEnvironment): Promise<JobResult> {
  const started = Date.now();
  const { job } = request;
  const legDir = join(environment.runDir, 'jobs', String(request.ordinal));
  const runnerTemp = join(legDir, 'temp');
  mkdirSync(runnerTemp, { recursive: true });
  // What stops even always() steps: a force-cancel, or the job's timeout (bounded, unlike GitHub's 5-minute grace).
  const hardStop = new AbortController();
  const force = request.forceSignal ?? NEVER;
  const onForce = () => hardStop.abort('force-cancelled');
  force.addEventListener('abort', onForce, { once: true });
  if (force.aborted) onForce();
  const baseContexts: Record<string, Value> = { ...request.contexts, runner: { os: 'Linux', arch: arch() === 'arm64' ? 'ARM64' : 'X64', name: 'shipshape-local', temp: runnerTemp, tool_cache: join(environment.cacheDir, 'tools'), environment: 'self-hosted' }, job: { status: 'success' } };
  // An expression that cannot be evaluated fails the job (as on GitHub); it must not throw out of the run.
  let timeoutMinutes = DEFAULT_JOB_TIMEOUT_MINUTES;
  let timeoutProblem: string | undefined;
  try {
    timeoutMinutes = Number(typeof job.timeoutMinutes === 'string' ? evaluateDeep(job.timeoutMinutes, baseContexts) : (job.timeoutMinutes ?? DEFAULT_JOB_TIMEOUT_MINUTES));
  } catch (error) {
    timeoutProblem = `the job's timeout-minutes cannot be evaluated: ${errorMessage(error)}`;
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    hardStop.abort(`the job timed out after ${timeoutMinutes} minutes`);
  }, timerDelay((Number.isFinite(timeoutMinutes) && timeoutMinutes > 0 ? timeoutMinutes : DEFAULT_JOB_TIMEOUT_MINUTES) * 60_000));

  const annotations: Annotation[] = [];
  const postSteps: { name: string; work: () => Promise<void> }[] = [];
  const github = baseContexts.github as Record<string, Value>;
  const fixedEnv = { ...defaultGithubEnv(github, environment.eventPath, environment.workflowName), RUNNER_OS: 'Linux', RUNNER_ARCH: (baseContexts.runner as Record<string, string>).arch ?? 'X64', RUNNER_NAME: 'shipshape-local', RUNNER_TEMP: runnerTemp, RUNNER_TOOL_CACHE: join(environment.cacheDir, 'tools'), RUNNER_ENVIRONMENT: 'self-hosted' };
  let baseEnv: Record<string, string> = {};
  let setupProblem: string | undefined = timeoutProblem;
  try {
    const workflowEnv = evaluateEnv(environment.workflowEnv, { ...baseContexts, env: {} });
    baseEnv = { ...workflowEnv, ...evaluateEnv(job.env, { ...baseContexts, env: workflowEnv }) };
  } catch (error) {
    setupProblem ??= `the job's env cannot be evaluated: ${errorMessage(error)}`;
  }
  const emit = environment.emit;
  const makeSession = (index: number, fd: number) =>
    new StepSession({
      job: request.key,
      step: index,
      runnerTemp,
      masker: environment.masker,
      log: (stream, line) => {
        writeSync(fd, stream === 'runner' ? `##[shipshape] ${line}\n` : `${line}\n`);
        emit({ type: 'log', key: request.key, index, stream, line });
      },
      annotate: (annotation) => annotations.push(annotation),
    });
  const scope: StepScope = {
    contexts: baseContexts,
    baseEnv,
    envFromFiles: {},
    pathAdditions: [],
    steps: {},
    defaults: { shell: job.defaults.shell ?? environment.workflowDefaults.shell, workingDirectory: job.defaults.workingDirectory ?? environment.workflowDefaults.workingDirectory },
    processEnv: environment.hostEnv,
    fixedEnv,
    workspace: environment.workspace,
    runnerTemp,
    artifactsDir: environment.artifactsDir,
    cacheDir: environment.cacheDir,
    masker: environment.masker,
    findExecutable: environment.findExecutable,
    signal: request.signal,
    hardSignal: hardStop.signal,
    addPostStep: (name, work) => postSteps.unshift({ name, work }),
    processGroups: [],
    failed: setupProblem !== undefined,
  };

  emit({ type: 'job-started', key: request.key, name: request.name, jobId: request.jobId ?? job.id, matrix: request.matrix });
  const results: StepResult[] = [];
  let summary = '';
  for (const step of job.steps) {
    const name = stepLabel(step);
    const stepStarted = Date.now();
    const logFile = join(legDir, `step-${step.index + 1}.log`);
    const fd = openSync(logFile, 'w');
    emit({ type: 'step-started', key: request.key, index: step.index, name });
    const session = makeSession(step.index, fd);
    let outcome;
    try {
      outcome = setupProblem ? { outcome: 'failure' as RunStatus, exitCode: null, outputs: {}, reason: setupProblem, summary: '' } : await executeStep(step, scope, session);
    } finally {
      closeSync(fd);
    }
    const continueOnError = outcome.outcome === 'failure' && safeIsTrue(step.continueOnError, stepContexts(scope));
    const status: RunStatus = continueOnError ? 'success' : outcome.outcome;
    if (status === 'failure' || status === 'cancelled') scope.failed = true;
    if (step.id) scope.steps[step.id] = { outputs: outcome.outputs, outcome: outcome.outcome, conclusion: status };
    summary += outcome.summary;
    const result: StepResult = {
      index: step.index,
      id: step.id,
      name,
      status,
      outcome: outcome.outcome,
      exitCode: outcome.exitCode,
      outputs: outcome.outputs,
      reason: continueOnError ? `failed (${outcome.reason ?? 'error'}), but continue-on-error is set` : outcome.reason,
      durationMs: Date.now() - stepStarted,
      logFile,
    };
    results.push(result);
    emit({ type: 'step-finished', key: request.key, result });
  }
  for (const post of postSteps) {
    try {
      await post.work();
    } catch (error) {
      annotations.push({ level: 'warning', message: `${post.name} failed: ${errorMessage(error)}`, job: request.key, step: -1 });
    }
  }
  clearTimeout(timer);
  force.removeEventListener('abort', onForce);
  killBackgroundProcesses(scope.processGroups);

  const outputs: Record<string, string> = {};
  const outputContexts = stepContexts(scope);
  for (const [name, template] of Object.entries(job.outputs)) {
    try {
      outputs[name] = asText(evaluateDeep(template, outputContexts));
    } catch {
      outputs[name] = '';
    }
  }
  const failedStep = results.find((result) => result.status === 'failure');
  const cancelled = request.signal.aborted || (hardStop.signal.aborted && !timedOut);
  let status: RunStatus = cancelled ? 'cancelled' : timedOut || failedStep ? 'failure' : 'success';
  if (status === 'failure' && safeIsTrue(job.continueOnError, baseContexts)) status = 'success';
  const reason = timedOut ? `timed out after ${timeoutMinutes} minutes` : cancelled ? (force.aborted ? 'force-cancelled' : 'cancelled') : failedStep ? `step "${failedStep.name}" failed` : setupProblem;
  return { key: request.key, jobId: request.jobId ?? job.id, name: request.name, matrix: request.matrix, needs: request.needs ?? job.needs, status, outputs, steps: results, reason, durationMs: Date.now() - started, annotations, summary, limitations: request.limitations };
}

/** What steps left running in the background stops with the job, as on GitHub ("Cleaning up orphan processes"). */
function killBackgroundProcesses(groups: readonly number[]): void {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // ESRCH: nothing of that step is left.
    }
  }
}

function safeIsTrue(value: unknown, contexts: Record<string, Value>): boolean {
  try {
    return isTrue(value, contexts);
  } catch {
    return false;
  }
}
