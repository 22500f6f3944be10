import { evaluateCondition } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';
import { evaluateDeep } from './evaluate-values';
import type { RunSubject } from './github-context';
import { runJobLeg, type RunEnvironment } from './job-runner';
import { expandMatrix, legLabel, type MatrixLeg } from './matrix';
import { evaluatedRunsOn, jobContexts, legName } from './plan';
import type { JobResult, RunStatus, StepResult } from './run-types';
import { jobLimitations } from './step-kinds';
import { stepLabel, type JobModel, type WorkflowModel } from './workflow-model';

export interface EngineRequest {
  readonly workflow: WorkflowModel;
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
  readonly signal: AbortSignal;
  readonly environment: RunEnvironment;
}

interface JobOutcome {
  readonly status: RunStatus;
  readonly outputs: Readonly<Record<string, string>>;
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

/**
 * Runs the jobs as a true DAG: each job starts as soon as its own needs have finished, and
 * matrix legs and independent jobs share `maxParallel` slots. Never throws for a job's failure.
 */
export async function runJobs(request: EngineRequest): Promise<JobResult[]> {
  const { workflow } = request;
  const slots = new Slots(Math.max(1, request.maxParallel));
  const outcomes = new Map<string, Promise<JobOutcome>>();
  const results: JobResult[] = [];
  const byId = new Map(workflow.jobs.map((job) => [job.id, job]));
  let ordinal = 0;

  const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
    for (const need of byId.get(id)?.needs ?? []) {
      if (seen.has(need)) continue;
      seen.add(need);
      ancestors(need, seen);
    }
    return seen;
  };

  const skip = (job: JobModel, reason: string, status: RunStatus = 'skipped'): JobOutcome => {
    const result = skippedResult(job, reason, status);
    results.push(result);
    request.environment.emit({ type: 'job-finished', key: result.key, result });
    return { status, outputs: {} };
  };

  const start = (job: JobModel): Promise<JobOutcome> => {
    const existing = outcomes.get(job.id);
    if (existing) return existing;
    const promise = (async (): Promise<JobOutcome> => {
      if (request.blocked.has(job.id)) return skip(job, 'never starts: its needs cannot be met');
      const needOutcomes = await Promise.all(job.needs.map(async (need) => [need, await start(byId.get(need) as JobModel)] as const));
      if (!request.selected.has(job.id)) return skip(job, 'not selected: only the chosen job and the jobs it needs run');
      const needs: Record<string, Value> = {};
      for (const [need, outcome] of needOutcomes) needs[need] = { result: outcome.status, outputs: { ...outcome.outputs } };
      const allAncestors = [...ancestors(job.id)];
      const ancestorStatus = await Promise.all(allAncestors.map((id) => outcomes.get(id) ?? Promise.resolve({ status: 'skipped' as RunStatus, outputs: {} })));
      const contexts = jobContexts(request.subject, job, request.inputs, request.vars, needs, null, request.environment.workspace, { ...request.secrets, GITHUB_TOKEN: request.secrets.GITHUB_TOKEN ?? '' });
      const hooks = {
        status: (name: string) => {
          if (name === 'always') return true;
          if (name === 'cancelled') return request.signal.aborted;
          if (name === 'failure') return ancestorStatus.some((outcome) => outcome.status === 'failure');
          return !request.signal.aborted && needOutcomes.every(([, outcome]) => outcome.status === 'success');
        },
        hashFiles: () => '',
      };
      const condition = job.if?.trim() ?? '';
      let runs: boolean;
      try {
        runs = evaluateCondition(condition, contexts, hooks);
      } catch (error) {
        return skip(job, `if: ${condition} cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`, 'failure');
      }
      if (!runs) {
        if (request.signal.aborted) return skip(job, 'the run was cancelled', 'cancelled');
        const failedNeed = needOutcomes.find(([, outcome]) => outcome.status !== 'success');
        return skip(job, condition ? `if: ${condition} is false` : `a job it needs (${failedNeed?.[0] ?? '?'}) did not succeed`);
      }
      if (job.uses) return skip(job, `ignored locally: reusable workflow "${job.uses}" is not run by this version of Shipshape`);

      let legs: (MatrixLeg | null)[] = [null];
      let failFast = true;
      let jobMaxParallel = Infinity;
      if (job.strategy !== undefined) {
        try {
          const expansion = expandMatrix(evaluateDeep(job.strategy, contexts));
          if (expansion.problems.length && expansion.legs.length === 0) return skip(job, `the matrix cannot be expanded: ${expansion.problems.join('; ')}`, 'failure');
          if (expansion.legs.length) legs = [...expansion.legs];
          failFast = expansion.failFast;
          jobMaxParallel = expansion.maxParallel ?? Infinity;
        } catch (error) {
          return skip(job, `the matrix cannot be expanded: ${error instanceof Error ? error.message : String(error)}`, 'failure');
        }
      }

      const siblings = new AbortController();
      const stopSiblings = () => siblings.abort();
      request.signal.addEventListener('abort', stopSiblings);
      const jobSlots = new Slots(Number.isFinite(jobMaxParallel) ? Math.max(1, jobMaxParallel) : legs.length);
      const legResults = await Promise.all(
        legs.map(async (leg, index) => {
          await jobSlots.acquire();
          await slots.acquire();
          try {
            const legContexts: Record<string, Value> = {
              ...contexts,
              matrix: leg ? { ...leg } : {},
              strategy: { 'fail-fast': failFast, 'job-index': index, 'job-total': legs.length, 'max-parallel': Number.isFinite(jobMaxParallel) ? jobMaxParallel : legs.length },
            };
            const key = leg ? `${job.id} (${legLabel(leg)})` : job.id;
            const name = legName(job, leg, legContexts);
            if (siblings.signal.aborted && !request.signal.aborted) {
              const result = skippedResult(job, 'cancelled: another leg of the matrix failed (fail-fast)', 'cancelled', key, name, leg);
              request.environment.emit({ type: 'job-finished', key, result });
              return result;
            }
            const result = await runJobLeg({ job, key, name, matrix: leg, contexts: legContexts, limitations: jobLimitations(job, process.platform, evaluatedRunsOn(job, legContexts)), signal: siblings.signal, ordinal: ++ordinal }, request.environment);
            if (result.status === 'failure' && failFast) siblings.abort();
            request.environment.emit({ type: 'job-finished', key, result });
            return result;
          } finally {
            slots.release();
            jobSlots.release();
          }
        }),
      );
      request.signal.removeEventListener('abort', stopSiblings);
      results.push(...legResults);
      const status: RunStatus = legResults.some((result) => result.status === 'failure') ? 'failure' : legResults.some((result) => result.status === 'cancelled') ? 'cancelled' : 'success';
      const outputs: Record<string, string> = {};
      for (const result of legResults) for (const [name, value] of Object.entries(result.outputs)) if (value !== '' || !(name in outputs)) outputs[name] = value;
      return { status, outputs };
    })();
    outcomes.set(job.id, promise);
    return promise;
  };

  await Promise.all(workflow.jobs.map((job) => start(job)));
  const order = new Map(workflow.jobs.map((job, index) => [job.id, index]));
  return results.sort((a, b) => (order.get(a.jobId) ?? 0) - (order.get(b.jobId) ?? 0));
}

function skippedResult(job: JobModel, reason: string, status: RunStatus, key = job.id, name = job.name ?? job.id, matrix: MatrixLeg | null = null): JobResult {
  const steps: StepResult[] = job.steps.map((step) => ({ index: step.index, id: step.id, name: stepLabel(step), status: 'skipped', outcome: 'skipped', exitCode: null, outputs: {}, reason: 'the job did not run', durationMs: 0, logFile: undefined }));
  return { key, jobId: job.id, name, matrix, needs: job.needs, status, outputs: {}, steps, reason, durationMs: 0, annotations: [], summary: '', limitations: jobLimitations(job, process.platform) };
}
