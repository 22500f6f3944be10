import { setMaxListeners } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import { arch } from 'node:os';
import { join } from 'node:path';
import type { Value } from '../pipelines/expressions/values';
import { NEVER } from './abort-signals';
import { asText, evaluateDeep, evaluateEnv } from './evaluate-values';
import { defaultGithubEnv } from './github-context';
import { createJobTemp, removeJobTemp } from './job-temp';
import type { MatrixLeg } from './matrix';
import { timerDelay } from './process-runner';
import type { Annotation, JobResult, RunListener, RunStatus, StepResult } from './run-types';
import type { SecretMasker } from './secret-masker';
import { executeStep, isTrue, stepContexts } from './step-executor';
import type { StepScope } from './step-scope';
import { StepSession } from './step-session';
import { jobMarker, killStrayProcesses, RUN_MARKER_VARIABLE } from './stray-processes';
import { stepLabel, type JobModel, type Plain, type RunDefaults } from './workflow-model';
import { errorMessage } from '../errors';

/** What every job of a run shares. */
export interface RunEnvironment {
  /** The run's id: each leg's steps carry `<runId>/<ordinal>` in SHIPSHAPE_RUN_ID (see stray-processes.ts). */
  readonly runId: string;
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
  const runnerTemp = createJobTemp(legDir);
  const force = request.forceSignal ?? NEVER;
  const contexts = legContexts(request.contexts, runnerTemp, environment.cacheDir);
  // An expression that cannot be evaluated fails the job (as on GitHub); it must not throw out of the run.
  const timeout = readJobTimeout(job, contexts);
  const hardStop = startHardStop(force, timeout.minutes);
  const env = evaluateJobEnv(job, environment.workflowEnv, contexts);
  const setupProblem = timeout.problem ?? env.problem;
  const annotations: Annotation[] = [];
  const postSteps: PostStep[] = [];
  const scope = legScope(request, environment, {
    contexts,
    baseEnv: env.values,
    runnerTemp,
    hardSignal: hardStop.signal,
    postSteps,
    failed: setupProblem !== undefined,
  });

  environment.emit({ type: 'job-started', key: request.key, name: request.name, jobId: request.jobId ?? job.id, matrix: request.matrix });
  const sessions = sessionFactory(request.key, runnerTemp, environment, annotations);
  let ran: { results: StepResult[]; summary: string };
  try {
    ran = await runSteps(request, scope, { legDir, setupProblem, sessions, emit: environment.emit });
    await runPostSteps(postSteps, annotations, request.key);
  } finally {
    hardStop.dispose();
    killBackgroundProcesses(scope.processGroups);
    // Stray processes first: one of them may still be writing into the job's temp folder.
    await killStrayProcesses(jobMarker(environment.runId, request.ordinal));
    await removeJobTemp(runnerTemp);
  }
  const { results, summary } = ran;

  const outputs = evaluateJobOutputs(job.outputs, stepContexts(scope));
  const { status, reason } = concludeJob({ request, results, hardStop, force, timeoutMinutes: timeout.minutes, setupProblem, contexts });
  return {
    key: request.key,
    jobId: request.jobId ?? job.id,
    name: request.name,
    matrix: request.matrix,
    needs: request.needs ?? job.needs,
    status,
    outputs,
    steps: results,
    reason,
    warnings: [...new Set(results.flatMap((result) => (result.warning ? [result.warning] : [])))],
    durationMs: Date.now() - started,
    annotations,
    summary,
    limitations: request.limitations,
  };
}

interface PostStep {
  readonly name: string;
  readonly work: () => Promise<void>;
}

/** The contexts every step of the leg starts from: the run's, plus `runner` and `job`. */
function legContexts(contexts: Readonly<Record<string, Value>>, runnerTemp: string, cacheDir: string): Record<string, Value> {
  return {
    ...contexts,
    runner: {
      os: 'Linux',
      arch: arch() === 'arm64' ? 'ARM64' : 'X64',
      name: 'shipshape-local',
      temp: runnerTemp,
      tool_cache: join(cacheDir, 'tools'),
      environment: 'self-hosted',
    },
    job: { status: 'success' },
  };
}

/** The job's timeout-minutes, evaluated; a broken expression is the job's setup problem. */
function readJobTimeout(job: JobModel, contexts: Record<string, Value>): { minutes: number; problem: string | undefined } {
  try {
    return {
      minutes: Number(
        typeof job.timeoutMinutes === 'string' ? evaluateDeep(job.timeoutMinutes, contexts) : (job.timeoutMinutes ?? DEFAULT_JOB_TIMEOUT_MINUTES),
      ),
      problem: undefined,
    };
  } catch (error) {
    return { minutes: DEFAULT_JOB_TIMEOUT_MINUTES, problem: `the job's timeout-minutes cannot be evaluated: ${errorMessage(error)}` };
  }
}

/** What stops even always() steps: a force-cancel, or the job's timeout (bounded, unlike GitHub's 5-minute grace). */
interface HardStop {
  readonly signal: AbortSignal;
  readonly timedOut: () => boolean;
  readonly dispose: () => void;
}

function startHardStop(force: AbortSignal, timeoutMinutes: number): HardStop {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every step, nested composite ones too, listens to it
  const onForce = () => controller.abort('force-cancelled');
  force.addEventListener('abort', onForce, { once: true });
  if (force.aborted) onForce();
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      controller.abort(`the job timed out after ${timeoutMinutes} minutes`);
    },
    timerDelay((Number.isFinite(timeoutMinutes) && timeoutMinutes > 0 ? timeoutMinutes : DEFAULT_JOB_TIMEOUT_MINUTES) * 60_000),
  );
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      force.removeEventListener('abort', onForce);
    },
  };
}

/** Workflow then job `env:`, evaluated; a broken expression is the job's setup problem. */
function evaluateJobEnv(job: JobModel, workflowEnv: Plain, contexts: Record<string, Value>): { values: Record<string, string>; problem: string | undefined } {
  try {
    const workflowValues = evaluateEnv(workflowEnv, { ...contexts, env: {} });
    return { values: { ...workflowValues, ...evaluateEnv(job.env, { ...contexts, env: workflowValues }) }, problem: undefined };
  } catch (error) {
    return { values: {}, problem: `the job's env cannot be evaluated: ${errorMessage(error)}` };
  }
}

/** The GITHUB_* and RUNNER_* variables no step may override. */
function fixedRunnerEnv(contexts: Record<string, Value>, environment: RunEnvironment, leg: { runnerTemp: string; ordinal: number }): Record<string, string> {
  const github = contexts.github as Record<string, Value>;
  const { runnerTemp } = leg;
  return {
    [RUN_MARKER_VARIABLE]: jobMarker(environment.runId, leg.ordinal),
    ...defaultGithubEnv(github, environment.eventPath, environment.workflowName),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: (contexts.runner as Record<string, string>).arch ?? 'X64',
    RUNNER_NAME: 'shipshape-local',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(environment.cacheDir, 'tools'),
    RUNNER_ENVIRONMENT: 'self-hosted',
  };
}

function legScope(
  request: LegRequest,
  environment: RunEnvironment,
  leg: {
    contexts: Record<string, Value>;
    baseEnv: Record<string, string>;
    runnerTemp: string;
    hardSignal: AbortSignal;
    postSteps: PostStep[];
    failed: boolean;
  },
): StepScope {
  const { job } = request;
  return {
    contexts: leg.contexts,
    baseEnv: leg.baseEnv,
    envFromFiles: {},
    pathAdditions: [],
    steps: {},
    defaults: {
      shell: job.defaults.shell ?? environment.workflowDefaults.shell,
      workingDirectory: job.defaults.workingDirectory ?? environment.workflowDefaults.workingDirectory,
    },
    processEnv: environment.hostEnv,
    fixedEnv: fixedRunnerEnv(leg.contexts, environment, { runnerTemp: leg.runnerTemp, ordinal: request.ordinal }),
    workspace: environment.workspace,
    runnerTemp: leg.runnerTemp,
    artifactsDir: environment.artifactsDir,
    cacheDir: environment.cacheDir,
    masker: environment.masker,
    findExecutable: environment.findExecutable,
    signal: request.signal,
    hardSignal: leg.hardSignal,
    addPostStep: (name, work) => leg.postSteps.unshift({ name, work }),
    processGroups: [],
    failed: leg.failed,
  };
}

/** A step's session: its log goes to its file and to the listeners, its annotations to the job. */
function sessionFactory(key: string, runnerTemp: string, environment: RunEnvironment, annotations: Annotation[]): (index: number, fd: number) => StepSession {
  return (index, fd) =>
    new StepSession({
      job: key,
      step: index,
      runnerTemp,
      masker: environment.masker,
      log: (stream, line) => {
        writeSync(fd, stream === 'runner' ? `##[shipshape] ${line}\n` : `${line}\n`);
        environment.emit({ type: 'log', key, index, stream, lines: [line] });
      },
      annotate: (annotation) => annotations.push(annotation),
    });
}

/** Every step in order, each logged to its own file; a setup problem fails them all without running them. */
async function runSteps(
  request: LegRequest,
  scope: StepScope,
  leg: { legDir: string; setupProblem: string | undefined; sessions: (index: number, fd: number) => StepSession; emit: RunListener },
): Promise<{ results: StepResult[]; summary: string }> {
  const results: StepResult[] = [];
  let summary = '';
  for (const step of request.job.steps) {
    const name = stepLabel(step);
    const stepStarted = Date.now();
    const logFile = join(leg.legDir, `step-${step.index + 1}.log`);
    const fd = openSync(logFile, 'w');
    leg.emit({ type: 'step-started', key: request.key, index: step.index, name });
    const session = leg.sessions(step.index, fd);
    let outcome;
    try {
      outcome = leg.setupProblem
        ? { outcome: 'failure' as RunStatus, exitCode: null, outputs: {}, reason: leg.setupProblem, summary: '' }
        : await executeStep(step, scope, session);
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
      ...(outcome.warning ? { warning: outcome.warning } : {}),
    };
    results.push(result);
    leg.emit({ type: 'step-finished', key: request.key, result });
  }
  return { results, summary };
}

/** Post steps (actions/cache saving), newest first; a failing one is a warning, as on GitHub. */
async function runPostSteps(postSteps: readonly PostStep[], annotations: Annotation[], key: string): Promise<void> {
  for (const post of postSteps) {
    try {
      await post.work();
    } catch (error) {
      annotations.push({ level: 'warning', message: `${post.name} failed: ${errorMessage(error)}`, job: key, step: -1 });
    }
  }
}

/** `jobs.<id>.outputs`, evaluated once the steps are done; one that cannot be evaluated is empty. */
function evaluateJobOutputs(templates: Readonly<Record<string, unknown>>, contexts: Record<string, Value>): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    try {
      outputs[name] = asText(evaluateDeep(template, contexts));
    } catch {
      outputs[name] = '';
    }
  }
  return outputs;
}

/** The job's status and the reason shown for it. */
function concludeJob(ending: {
  request: LegRequest;
  results: readonly StepResult[];
  hardStop: HardStop;
  force: AbortSignal;
  timeoutMinutes: number;
  setupProblem: string | undefined;
  contexts: Record<string, Value>;
}): { status: RunStatus; reason: string | undefined } {
  const { request, hardStop } = ending;
  const timedOut = hardStop.timedOut();
  const failedStep = ending.results.find((result) => result.status === 'failure');
  const cancelled = request.signal.aborted || (hardStop.signal.aborted && !timedOut);
  let status: RunStatus = cancelled ? 'cancelled' : timedOut || failedStep ? 'failure' : 'success';
  if (status === 'failure' && safeIsTrue(request.job.continueOnError, ending.contexts)) status = 'success';
  const reason = timedOut
    ? `timed out after ${ending.timeoutMinutes} minutes`
    : cancelled
      ? ending.force.aborted
        ? 'force-cancelled'
        : 'cancelled'
      : failedStep
        ? `step "${failedStep.name}" failed`
        : ending.setupProblem;
  return { status, reason };
}

/**
 * What steps left running in the background stops with the job, as on GitHub ("Cleaning up orphan
 * processes"): their process groups here, what escaped them by its marker (killStrayProcesses).
 */
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
