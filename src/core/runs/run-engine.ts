import { evaluateCondition, type Contexts, type EvaluationHooks } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';
import { anySignal, NEVER } from './abort-signals';
import { evaluateDeep } from './evaluate-values';
import type { RunSubject } from './github-context';
import { orderJobs } from './job-order';
import { runJobLeg, type RunEnvironment } from './job-runner';
import { expandMatrix, type MatrixLeg } from './matrix';
import { evaluatedRunsOn, jobContexts, legKey, legName } from './plan';
import { callOutputs, callSecrets, callTarget, expandedNeeds, resolveCallInputs, type CalledWorkflows } from './reusable-workflows';
import type { JobResult, RunStatus, StepResult } from './run-types';
import { jobLimitations } from './step-kinds';
import { stepLabel, type JobModel, type WorkflowModel } from './workflow-model';
import { errorMessage } from '../errors';

export interface EngineRequest {
  readonly workflow: WorkflowModel;
  /** Repository-relative path of the workflow, so a reusable workflow calling it back is a cycle. */
  readonly workflowPath?: string;
  readonly subject: RunSubject;
  readonly inputs: Readonly<Record<string, Value>>;
  readonly vars: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  /** Jobs to run; the others are reported as skipped (not selected). */
  readonly selected: ReadonlySet<string>;
  /** Jobs that can never start (cycles, unknown needs), from the plan. */
  readonly blocked: ReadonlySet<string>;
  /** How many job legs may run at once. */
  readonly maxParallel: number;
  /** Cancels the run as GitHub does: jobs and steps whose `if:` holds when cancelled (always(), cancelled()) still run. */
  readonly signal: AbortSignal;
  /** Force-cancel: stops everything at once, always() steps too. */
  readonly forceSignal?: AbortSignal;
  readonly environment: RunEnvironment;
  /** Local reusable workflows the jobs may call (loadCalledWorkflows). */
  readonly calledWorkflows?: CalledWorkflows;
}

interface JobOutcome {
  readonly status: RunStatus;
  readonly outputs: Readonly<Record<string, string>>;
}

/** What one leg of a job produced: its own result, or a called workflow's job results. */
interface LegOutcome extends JobOutcome {
  readonly results: readonly JobResult[];
}

/** One leg of a job about to run, named for the run. */
interface Leg {
  readonly contexts: Record<string, Value>;
  readonly key: string;
  readonly name: string;
  readonly leg: MatrixLeg | null;
  /** Plan job ids it waited for. */
  readonly needs: readonly string[];
  /** Graceful cancel of this leg: the run's (unless its if: has always()), or fail-fast. */
  readonly signal: AbortSignal;
}

/** The jobs of one workflow: the top one, or a called one inside a leg of its caller. */
interface Scope {
  readonly workflow: WorkflowModel;
  /** Workflow paths from the top one to this one. */
  readonly stack: readonly string[];
  /** "<caller>/" prefixes of job ids, keys and (with " / ") names; empty at the top. */
  readonly idPrefix: string;
  readonly keyPrefix: string;
  readonly namePrefix: string;
  /** The `inputs` context: the run's inputs at the top, the caller's `with:` in a called workflow. */
  readonly inputs: Readonly<Record<string, Value>>;
  readonly secrets: Readonly<Record<string, string>>;
  /** What jobs without needs wait for, as plan job ids (the caller's needs). */
  readonly rootNeeds: readonly string[];
  /** undefined: every job. */
  readonly selected: ReadonlySet<string> | undefined;
  readonly blocked: ReadonlySet<string>;
  /** Graceful cancel of this scope (the run's, or the caller leg's). */
  readonly signal: AbortSignal;
  readonly environment: RunEnvironment;
}

/** A counting semaphore: legs of all jobs share the run's parallelism. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const FORCE_CANCELLED = 'force-cancelled';

/**
 * Runs the jobs as a true DAG: each job starts as soon as its own needs have finished, and
 * matrix legs and independent jobs share `maxParallel` slots. A job calling a local reusable
 * workflow runs the called workflow's jobs in its place. Never throws for a job's failure.
 */
export async function runJobs(request: EngineRequest): Promise<JobResult[]> {
  const engine = new Engine(request);
  const { results } = await engine.runScope({
    workflow: request.workflow,
    stack: [request.workflowPath ?? ''],
    idPrefix: '',
    keyPrefix: '',
    namePrefix: '',
    inputs: request.inputs,
    secrets: request.secrets,
    rootNeeds: [],
    selected: request.selected,
    blocked: request.blocked,
    signal: request.signal,
    environment: request.environment,
  });
  return results;
}

class Engine {
  private readonly slots: Slots;
  private readonly force: AbortSignal;
  private ordinal = 0;

  constructor(private readonly request: EngineRequest) {
    this.slots = new Slots(Math.max(1, request.maxParallel));
    this.force = request.forceSignal ?? NEVER;
  }

  /** Runs one workflow's jobs; results in the workflow's job order, with each job's outcome for `needs` and `jobs` contexts. */
  async runScope(scope: Scope): Promise<{ results: JobResult[]; outcomes: Map<string, JobOutcome> }> {
    const { workflow } = scope;
    const outcomes = new Map<string, Promise<JobOutcome>>();
    const resultsById = new Map<string, readonly JobResult[]>();
    const byId = new Map(workflow.jobs.map((job) => [job.id, job]));

    const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
      for (const need of byId.get(id)?.needs ?? []) {
        if (seen.has(need)) continue;
        seen.add(need);
        ancestors(need, seen);
      }
      return seen;
    };

    const start = (job: JobModel): Promise<JobOutcome> => {
      const existing = outcomes.get(job.id);
      if (existing) return existing;
      const promise = (async (): Promise<JobOutcome> => {
        const needs = job.needs.length ? expandedNeeds(job.needs, workflow, scope.idPrefix, this.called, scope.stack) : scope.rootNeeds;
        const skip = (reason: string, status: RunStatus = 'skipped'): JobOutcome => {
          const result = skippedResult(job, reason, status, scope, needs);
          resultsById.set(job.id, [result]);
          this.request.environment.emit({ type: 'job-finished', key: result.key, result });
          return { status, outputs: {} };
        };
        if (scope.blocked.has(job.id)) return skip('never starts: its needs cannot be met');
        const needOutcomes = await Promise.all(job.needs.map(async (need) => [need, await start(byId.get(need) as JobModel)] as const));
        if (scope.selected && !scope.selected.has(job.id)) return skip('not selected: only the chosen job and the jobs it needs run');
        if (this.force.aborted) return skip(FORCE_CANCELLED, 'cancelled');
        const needsContext: Record<string, Value> = {};
        for (const [need, outcome] of needOutcomes) needsContext[need] = { result: outcome.status, outputs: { ...outcome.outputs } };
        const ancestorStatus = await Promise.all(
          [...ancestors(job.id)].map((id) => outcomes.get(id) ?? Promise.resolve({ status: 'skipped' as RunStatus, outputs: {} })),
        );
        const ancestorFailed = ancestorStatus.some((outcome) => outcome.status === 'failure');
        const base = jobContexts(this.request.subject, job, this.request.inputs, this.request.vars, needsContext, null, scope.environment.workspace, {
          ...scope.secrets,
          GITHUB_TOKEN: scope.secrets.GITHUB_TOKEN ?? '',
        });
        const contexts = { ...base, inputs: { ...scope.inputs } };
        const hooks: EvaluationHooks = {
          status: (name) => {
            if (name === 'always') return true;
            if (name === 'cancelled') return scope.signal.aborted;
            if (name === 'failure') return ancestorFailed;
            return !scope.signal.aborted && needOutcomes.every(([, outcome]) => outcome.status === 'success');
          },
          hashFiles: () => '',
        };
        const condition = job.if?.trim() ?? '';
        let runs: boolean;
        try {
          runs = evaluateCondition(condition, contexts, hooks);
        } catch (error) {
          return skip(`if: ${condition} cannot be evaluated: ${errorMessage(error)}`, 'failure');
        }
        if (!runs) {
          if (scope.signal.aborted) return skip('the run was cancelled', 'cancelled');
          const failedNeed = needOutcomes.find(([, outcome]) => outcome.status !== 'success');
          return skip(condition ? `if: ${condition} is false` : `a job it needs (${failedNeed?.[0] ?? '?'}) did not succeed`);
        }
        const target = job.uses !== undefined ? callTarget(job.uses, this.called, scope.stack) : undefined;
        if (target && target.kind !== 'local') return skip(target.reason, target.kind === 'problem' ? 'failure' : 'skipped');

        const strategy = readStrategy(job, contexts);
        if (typeof strategy === 'string') return skip(strategy, 'failure');
        const { legs, failFast, maxParallel } = strategy;

        // GitHub re-evaluates a running job's if: when the run is cancelled: always() keeps it running.
        // A called workflow's jobs are jobs of their own: each of them decides for itself.
        const keepsRunning = !target && condition !== '' && holdsWhenCancelled(condition, contexts, ancestorFailed);
        const siblings = new AbortController();
        const cancel = anySignal(siblings.signal, keepsRunning ? NEVER : scope.signal);
        const jobSlots = new Slots(Number.isFinite(maxParallel) ? Math.max(1, maxParallel) : legs.length);
        const legOutcomes = await Promise.all(
          legs.map(async (leg, index): Promise<LegOutcome> => {
            await jobSlots.acquire();
            try {
              const legContexts: Record<string, Value> = {
                ...contexts,
                matrix: leg ? { ...leg } : {},
                strategy: {
                  'fail-fast': failFast,
                  'job-index': index,
                  'job-total': legs.length,
                  'max-parallel': Number.isFinite(maxParallel) ? maxParallel : legs.length,
                },
              };
              const key = scope.keyPrefix + legKey(job.id, leg);
              const name = scope.namePrefix + legName(job, leg, legContexts);
              const leftOut = (reason: string): LegOutcome => {
                const result = skippedResult(job, reason, 'cancelled', scope, needs, key, name, leg);
                this.request.environment.emit({ type: 'job-finished', key, result });
                return { results: [result], status: 'cancelled', outputs: {} };
              };
              // A called workflow's jobs take the run's slots themselves; an ordinary leg takes one here.
              if (!target) await this.slots.acquire();
              try {
                // A leg that had not started is cancelled whole, as GitHub cancels a queued job.
                if (this.force.aborted) return leftOut(FORCE_CANCELLED);
                if (cancel.signal.aborted)
                  return leftOut(siblings.signal.aborted ? 'cancelled: another leg of the matrix failed (fail-fast)' : 'the run was cancelled');
                const call = { contexts: legContexts, key, name, leg, needs, signal: cancel.signal };
                const outcome = target ? await this.runCall(job, target, call, scope) : await this.runLeg(job, call, scope);
                if (outcome.status === 'failure' && failFast) siblings.abort();
                return outcome;
              } finally {
                if (!target) this.slots.release();
              }
            } finally {
              jobSlots.release();
            }
          }),
        );
        cancel.dispose();
        resultsById.set(
          job.id,
          legOutcomes.flatMap((outcome) => outcome.results),
        );
        const status: RunStatus = legOutcomes.some((outcome) => outcome.status === 'failure')
          ? 'failure'
          : legOutcomes.some((outcome) => outcome.status === 'cancelled')
            ? 'cancelled'
            : 'success';
        const outputs: Record<string, string> = {};
        for (const outcome of legOutcomes)
          for (const [name, value] of Object.entries(outcome.outputs)) if (value !== '' || !(name in outputs)) outputs[name] = value;
        return { status, outputs };
      })();
      outcomes.set(job.id, promise);
      return promise;
    };

    const settled = await Promise.all(workflow.jobs.map(async (job) => [job.id, await start(job)] as const));
    return { results: workflow.jobs.flatMap((job) => resultsById.get(job.id) ?? []), outcomes: new Map(settled) };
  }

  private get called(): CalledWorkflows {
    return this.request.calledWorkflows ?? new Map();
  }

  /** One leg of an ordinary job (its slot is taken). */
  private async runLeg(job: JobModel, leg: Leg, scope: Scope): Promise<LegOutcome> {
    const environment = scope.environment;
    const result = await runJobLeg(
      {
        job,
        jobId: scope.idPrefix + job.id,
        needs: leg.needs,
        key: leg.key,
        name: leg.name,
        matrix: leg.leg,
        contexts: leg.contexts,
        limitations: jobLimitations(job, process.platform, evaluatedRunsOn(job, leg.contexts)),
        signal: leg.signal,
        forceSignal: this.force,
        ordinal: ++this.ordinal,
      },
      environment,
    );
    environment.emit({ type: 'job-finished', key: leg.key, result });
    return { results: [result], status: result.status, outputs: result.outputs };
  }

  /**
   * One leg of a job calling a local reusable workflow: `with:` and `secrets:` evaluated in the
   * caller's context, the called jobs run (their own workflow env, the caller's event), then
   * `on.workflow_call.outputs` become the caller's outputs.
   */
  private async runCall(
    job: JobModel,
    target: { path: string; workflow: WorkflowModel; stack: readonly string[] },
    leg: Leg,
    scope: Scope,
  ): Promise<LegOutcome> {
    const uses = job.uses ?? '';
    const called = target.workflow;
    const failed = (reason: string): LegOutcome => {
      const result = skippedResult(job, reason, 'failure', scope, leg.needs, leg.key, leg.name, leg.leg);
      scope.environment.emit({ type: 'job-finished', key: leg.key, result });
      return { results: [result], status: 'failure', outputs: {} };
    };
    let inputs: Record<string, Value>;
    let secrets: Record<string, string>;
    try {
      const given = evaluateDeep(job.with, leg.contexts) as Record<string, Value>;
      const defaultsContexts: Contexts = { github: leg.contexts.github ?? {}, vars: leg.contexts.vars ?? {}, inputs: {} };
      const resolved = resolveCallInputs(called.on, given, uses, (value) => evaluateDeep(value, defaultsContexts));
      if (resolved.problems.length) return failed(resolved.problems.join('; '));
      inputs = resolved.values;
      secrets = callSecrets(job.secrets, scope.secrets, (value) => evaluateDeep(value, leg.contexts));
      // Whatever a mapping passes is a secret in the called workflow, masked as GitHub does, whatever its source.
      for (const value of Object.values(secrets)) scope.environment.masker.add(value);
    } catch (error) {
      return failed(`the call cannot be prepared: ${errorMessage(error)}`);
    }
    const child = await this.runScope({
      workflow: called,
      stack: target.stack,
      idPrefix: `${scope.idPrefix}${job.id}/`,
      keyPrefix: `${leg.key}/`,
      namePrefix: `${leg.name} / `,
      inputs,
      secrets,
      rootNeeds: leg.needs,
      selected: undefined,
      blocked: new Set(orderJobs(called.jobs).blocked.map(({ id }) => id)),
      signal: leg.signal,
      // The caller's workflow env does not reach a called workflow; its own env and defaults apply.
      environment: { ...scope.environment, workflowEnv: called.env, workflowDefaults: called.defaults },
    });
    const jobs: Record<string, Value> = {};
    for (const [id, outcome] of child.outcomes) jobs[id] = { result: outcome.status, outputs: { ...outcome.outputs } };
    const outputs = callOutputs(called.on, { github: leg.contexts.github ?? {}, vars: leg.contexts.vars ?? {}, inputs, jobs });
    const statuses = [...child.outcomes.values()].map((outcome) => outcome.status);
    const status: RunStatus = statuses.includes('failure') ? 'failure' : statuses.includes('cancelled') ? 'cancelled' : 'success';
    return { results: child.results, status, outputs };
  }
}

/** The legs of a job (one null leg without a matrix) and how they run, or why the matrix cannot be expanded. */
function readStrategy(job: JobModel, contexts: Contexts): { legs: (MatrixLeg | null)[]; failFast: boolean; maxParallel: number } | string {
  if (job.strategy === undefined) return { legs: [null], failFast: true, maxParallel: Infinity };
  try {
    const expansion = expandMatrix(evaluateDeep(job.strategy, contexts));
    if (expansion.problems.length && expansion.legs.length === 0) return `the matrix cannot be expanded: ${expansion.problems.join('; ')}`;
    return { legs: expansion.legs.length ? [...expansion.legs] : [null], failFast: expansion.failFast, maxParallel: expansion.maxParallel ?? Infinity };
  } catch (error) {
    return `the matrix cannot be expanded: ${errorMessage(error)}`;
  }
}

/** Whether a job's if: still holds once the run is cancelled (always(), cancelled(), failure() after a failed need). */
function holdsWhenCancelled(condition: string, contexts: Contexts, ancestorFailed: boolean): boolean {
  try {
    return evaluateCondition(condition, contexts, {
      status: (name) => name === 'always' || name === 'cancelled' || (name === 'failure' && ancestorFailed),
      hashFiles: () => '',
    });
  } catch {
    return false;
  }
}

function skippedResult(
  job: JobModel,
  reason: string,
  status: RunStatus,
  scope: Scope,
  needs: readonly string[],
  key = scope.keyPrefix + job.id,
  name = scope.namePrefix + (job.name ?? job.id),
  matrix: MatrixLeg | null = null,
): JobResult {
  const steps: StepResult[] = job.steps.map((step) => ({
    index: step.index,
    id: step.id,
    name: stepLabel(step),
    status: 'skipped',
    outcome: 'skipped',
    exitCode: null,
    outputs: {},
    reason: 'the job did not run',
    durationMs: 0,
    logFile: undefined,
  }));
  return {
    key,
    jobId: scope.idPrefix + job.id,
    name,
    matrix,
    needs,
    status,
    outputs: {},
    steps,
    reason,
    durationMs: 0,
    annotations: [],
    summary: '',
    limitations: jobLimitations(job, process.platform),
  };
}
