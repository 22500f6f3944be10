import type { MatrixLeg } from '../matrix';
import type { WorkflowPlan } from '../plan';
import type { JobResult, RunRecord, RunUpdate, StepResult } from '../run-types';

interface StartedJob {
  readonly key: string;
  readonly jobId: string;
  readonly name: string;
  readonly matrix: MatrixLeg | null;
  readonly startedAt: number;
  readonly steps: StepResult[];
  running?: { index: number; name: string; startedAt: number };
}

/**
 * What the editor knows of a run from its updates alone: enough to end it as failed, with every
 * finished job and step kept, should the process running it die before it could say so itself.
 */
export class RunProgress {
  private started: { runId: string; plan: WorkflowPlan; runDir: string; at: number } | undefined;
  private readonly jobs = new Map<string, StartedJob>();
  private readonly finished: JobResult[] = [];

  get runId(): string | undefined {
    return this.started?.runId;
  }

  get runDir(): string | undefined {
    return this.started?.runDir;
  }

  fold(update: RunUpdate, now = Date.now()): void {
    switch (update.type) {
      case 'run-started':
        this.started = { runId: update.runId, plan: update.plan, runDir: update.runDir, at: now };
        return;
      case 'job-started':
        this.jobs.set(update.key, { key: update.key, jobId: update.jobId, name: update.name, matrix: update.matrix, startedAt: now, steps: [] });
        return;
      case 'step-started': {
        const job = this.jobs.get(update.key);
        if (job) job.running = { index: update.index, name: update.name, startedAt: now };
        return;
      }
      case 'step-finished': {
        const job = this.jobs.get(update.key);
        if (!job) return;
        job.steps.push(update.result);
        job.running = undefined;
        return;
      }
      case 'job-finished':
        this.jobs.delete(update.key);
        this.finished.push(update.result);
        return;
      default:
    }
  }

  /** The run ended as failed because `reason`; undefined when it never started (nothing to record). */
  crashRecord(reason: string, keptWorktree: string | undefined, now = Date.now()): RunRecord | undefined {
    if (!this.started) return undefined;
    const { runId, plan, at } = this.started;
    const limitationsOf = (key: string) => plan.jobs.find((job) => job.key === key)?.limitations ?? [];
    const needsOf = (key: string) => plan.jobs.find((job) => job.key === key)?.needs ?? [];
    const interrupted = [...this.jobs.values()].map((job): JobResult => ({
      key: job.key,
      jobId: job.jobId,
      name: job.name,
      matrix: job.matrix,
      needs: needsOf(job.key),
      status: 'failure',
      outputs: {},
      steps: job.running
        ? [
            ...job.steps,
            {
              index: job.running.index,
              id: undefined,
              name: job.running.name,
              status: 'failure',
              outcome: 'failure',
              exitCode: null,
              outputs: {},
              reason,
              durationMs: now - job.running.startedAt,
              logFile: undefined,
            },
          ]
        : job.steps,
      reason,
      durationMs: now - job.startedAt,
      annotations: [],
      summary: '',
      limitations: limitationsOf(job.key),
    }));
    return {
      runId,
      workflow: plan.workflow,
      workflowName: plan.name,
      event: plan.event,
      ref: plan.ref,
      sha: '',
      status: 'failure',
      startedAt: new Date(at).toISOString(),
      durationMs: now - at,
      jobs: [...this.finished, ...interrupted],
      plan,
      keptWorktree,
      problem: reason,
    };
  }
}
