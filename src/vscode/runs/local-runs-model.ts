import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { prepareLocalPlan, refusalOf, runLocally, type PlanRequest, type RunRequest } from '../../core/runs/local-run';
import type { WorkflowPlan } from '../../core/runs/plan';
import { RunStore } from '../../core/runs/run-store';
import { BoundedLog } from './log-buffer';
import type { JobResult, LiveStatus, RunRecord, RunUpdate, StepResult } from '../../core/runs/run-types';
import { errorMessage } from '../../core/errors';
import { editorGitOptions } from '../git-options';

export interface LiveStep {
  readonly index: number;
  name: string;
  status: LiveStatus;
  reason?: string;
  /** It went on, but not as asked (another toolchain): the views show a warning. */
  warning?: string;
  durationMs?: number;
  logFile?: string;
}

export interface LiveJob {
  readonly key: string;
  name: string;
  status: LiveStatus;
  reason?: string;
  /** Its steps' warnings: the leg did not run as the workflow asked. */
  warnings?: readonly string[];
  durationMs?: number;
  limitations: readonly string[];
  steps: LiveStep[];
}

/** A run in the view: live while it goes, then its record; or a plan, which never runs. */
export interface RunEntry {
  readonly id: string;
  readonly kind: 'run' | 'plan';
  readonly workflow: string;
  readonly name: string;
  readonly event: string;
  readonly ref: string;
  readonly startedAt: Date;
  status: LiveStatus;
  problem?: string;
  durationMs?: number;
  jobs: LiveJob[];
  runDir?: string;
  record?: RunRecord;
  plan?: WorkflowPlan;
  /** What started it, for Re-run. */
  readonly request?: PlanRequest;
  controller?: AbortController;
  /** Aborted by a second cancel: stops even the steps that run because of always(). */
  force?: AbortController;
}

export interface RunSettings {
  readonly storeDir: string;
  readonly cacheDir: string;
  readonly retain: number;
  readonly maxParallel: number | undefined;
  readonly keepWorktree: 'never' | 'on-failure';
  /** Steps may push to the repository's remotes (off by default). */
  readonly allowPush?: boolean;
}

/** Runs a workflow and resolves with its record: in this process (runLocally) or in a worker (runInWorker). */
export type RunExecutor = (request: RunRequest) => Promise<RunRecord>;

const jobsOfPlan = (plan: WorkflowPlan): LiveJob[] =>
  plan.jobs.map((job) => ({
    key: job.key,
    name: job.name,
    status: job.willRun ? 'queued' : 'skipped',
    reason: job.reason,
    limitations: job.limitations,
    steps: job.steps.map((step) => ({ index: step.index, name: step.name, status: job.willRun && step.willRun ? 'queued' : 'skipped', reason: step.reason })),
  }));

const liveStepOf = (step: StepResult): LiveStep => ({
  index: step.index,
  name: step.name,
  status: step.status,
  ...(step.reason ? { reason: step.reason } : {}),
  ...(step.warning ? { warning: step.warning } : {}),
  durationMs: step.durationMs,
  ...(step.logFile ? { logFile: step.logFile } : {}),
});

const liveJobOf = (job: JobResult): LiveJob => ({
  key: job.key,
  name: job.name,
  status: job.status,
  ...(job.reason ? { reason: job.reason } : {}),
  ...(job.warnings?.length ? { warnings: job.warnings } : {}),
  durationMs: job.durationMs,
  limitations: job.limitations,
  steps: job.steps.map(liveStepOf),
});

const jobsOfRecord = (record: RunRecord): LiveJob[] => record.jobs.map(liveJobOf);

/**
 * Local runs for the editor: plans and runs (newest first), live state from the core's
 * updates, past runs from the run store. View refreshes are batched so chatty logs cost little.
 */
export class LocalRunsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly updated = new vscode.EventEmitter<{ entryId: string; update: RunUpdate }>();
  /** Every live update of a run, unbatched, under the run's id (the real one from run-started on). */
  readonly onDidUpdate = this.updated.event;
  private entries: RunEntry[] = [];
  private loaded = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Tails of the steps running now: run id -> step key -> tail. */
  private readonly liveLogs = new Map<string, Map<string, BoundedLog>>();

  constructor(
    private readonly logger: Logger,
    /** The settings for a run from `repo` (some are per folder); without one, the window's. */
    private readonly settings: (repo?: string) => RunSettings,
    /** The extension passes runInWorker, so runs never share the extension host's event loop. */
    private readonly execute: RunExecutor = runLocally,
  ) {}

  get all(): readonly RunEntry[] {
    if (!this.loaded) this.loadStored();
    return this.entries;
  }

  get running(): readonly RunEntry[] {
    return this.entries.filter((entry) => entry.status === 'running' || entry.status === 'queued');
  }

  /** Past runs from disk, once, below anything already in the view. */
  private loadStored(): void {
    this.loaded = true;
    try {
      const stored = new RunStore(this.settings().storeDir).list();
      const known = new Set(this.entries.map((entry) => entry.id));
      for (const record of stored) {
        if (known.has(record.runId)) continue;
        this.entries.push(this.entryOfRecord(record));
      }
    } catch (error) {
      this.logger.warn(`Local runs: could not read past runs: ${errorMessage(error)}`);
    }
  }

  private entryOfRecord(record: RunRecord): RunEntry {
    return {
      id: record.runId,
      kind: 'run',
      workflow: record.workflow,
      name: record.workflowName,
      event: record.event,
      ref: record.ref,
      startedAt: new Date(record.startedAt),
      status: record.status,
      ...(record.problem ? { problem: record.problem } : {}),
      durationMs: record.durationMs,
      jobs: jobsOfRecord(record),
      record,
      plan: record.plan,
    };
  }

  async plan(request: PlanRequest): Promise<RunEntry> {
    const { plan } = await prepareLocalPlan({ ...request, git: editorGitOptions() });
    const entry: RunEntry = {
      id: `plan-${Date.now()}`,
      kind: 'plan',
      workflow: plan.workflow,
      name: plan.name,
      event: plan.event,
      ref: plan.ref,
      startedAt: new Date(),
      status: plan.willRun ? 'queued' : 'skipped',
      ...(plan.problems.length ? { problem: refusalOf(plan) } : !plan.trigger.triggers ? { problem: plan.trigger.reason } : {}),
      jobs: jobsOfPlan(plan),
      plan,
      request,
    };
    this.add(entry);
    return entry;
  }

  /** Starts a run and resolves with its record when it ends. */
  async run(request: PlanRequest & { secrets?: Readonly<Record<string, string>> }, onUpdate?: (update: RunUpdate) => void): Promise<RunRecord> {
    const settings = this.settings(request.repo);
    const controller = new AbortController();
    const force = new AbortController();
    const entry: RunEntry = {
      id: `pending-${Date.now()}`,
      kind: 'run',
      workflow: request.workflow,
      name: request.workflow,
      event: request.event ?? 'push',
      ref: request.ref ?? '',
      startedAt: new Date(),
      status: 'queued',
      jobs: [],
      request,
      controller,
      force,
    };
    this.add(entry);
    let live = entry;
    let record: RunRecord;
    try {
      record = await this.execute({
        ...request,
        git: editorGitOptions(),
        storeDir: settings.storeDir,
        cacheDir: settings.cacheDir,
        retain: settings.retain,
        keepWorktree: settings.keepWorktree,
        allowPush: settings.allowPush === true,
        ...(settings.maxParallel ? { maxParallel: settings.maxParallel } : {}),
        signal: controller.signal,
        forceSignal: force.signal,
        onUpdate: (update) => {
          if (update.type === 'run-started') {
            live = {
              ...entry,
              id: update.runId,
              name: update.plan.name,
              workflow: update.plan.workflow,
              ref: update.plan.ref,
              status: 'running',
              jobs: jobsOfPlan(update.plan),
              runDir: update.runDir,
              plan: update.plan,
              controller,
              force,
            };
            this.entries = this.entries.map((candidate) => (candidate === entry ? live : candidate));
          } else {
            applyUpdate(live, update);
          }
          // Listeners read a step's tail: fed before they hear a line, dropped after they hear the end.
          this.feedLiveLog(live.id, update);
          this.updated.fire({ entryId: live.id, update });
          this.dropLiveLog(live.id, update);
          onUpdate?.(update);
          this.scheduleRefresh();
        },
      });
    } catch (error) {
      // The run could not start (no repository, a workflow not in the commit...): the caller reports
      // why; the entry must not stay queued, cancellable and undeletable in the view.
      this.entries = this.entries.filter((candidate) => candidate !== entry && candidate !== live);
      this.changed.fire();
      throw error;
    }
    Object.assign(live, {
      status: record.status,
      durationMs: record.durationMs,
      record,
      jobs: jobsOfRecord(record),
      controller: undefined,
      force: undefined,
      ...(record.problem ? { problem: record.problem } : {}),
    });
    this.changed.fire();
    return record;
  }

  /** The tail of a step running now (its log file has all of it), whoever opens a panel when. */
  liveLog(entryId: string, jobKey: string, index: number): BoundedLog | undefined {
    return this.liveLogs.get(entryId)?.get(stepKey(jobKey, index));
  }

  private feedLiveLog(entryId: string, update: RunUpdate): void {
    if (update.type === 'step-started') {
      const steps = this.liveLogs.get(entryId) ?? this.liveLogs.set(entryId, new Map()).get(entryId);
      steps?.set(stepKey(update.key, update.index), new BoundedLog());
    } else if (update.type === 'log') {
      this.liveLogs.get(entryId)?.get(stepKey(update.key, update.index))?.append(update.stream, update.lines);
    }
  }

  private dropLiveLog(entryId: string, update: RunUpdate): void {
    if (update.type === 'step-finished') this.liveLogs.get(entryId)?.delete(stepKey(update.key, update.result.index));
    else if (update.type === 'run-finished') this.liveLogs.delete(entryId);
  }

  /**
   * Cancels as GitHub does: steps and jobs whose if: holds after a cancel (always()) still run.
   * A second cancel forces: they stop too. Says which of the two happened.
   */
  cancel(id: string): 'cancelled' | 'forced' | undefined {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry?.controller) return undefined;
    if (!entry.controller.signal.aborted) {
      entry.controller.abort();
      return 'cancelled';
    }
    entry.force?.abort();
    return 'forced';
  }

  /** The copy a failed run kept is gone: the run's record (and the view) stop pointing at it. */
  forgetKeptWorktree(id: string): void {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry?.record?.keptWorktree) return;
    entry.record = { ...entry.record, keptWorktree: undefined };
    try {
      new RunStore(this.settings().storeDir).save(entry.record);
    } catch (error) {
      this.logger.warn(`Local runs: could not update run ${id}: ${errorMessage(error)}`);
    }
    this.changed.fire();
  }

  delete(id: string): void {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry || entry.controller) return;
    if (entry.kind === 'run') new RunStore(this.settings().storeDir).delete(id);
    this.entries = this.entries.filter((candidate) => candidate !== entry);
    this.changed.fire();
  }

  find(id: string): RunEntry | undefined {
    return this.entries.find((candidate) => candidate.id === id);
  }

  private add(entry: RunEntry): void {
    if (!this.loaded) this.loadStored();
    // Past runs beyond the retention go; a running one never does (it must stay cancellable).
    const limit = Math.max(this.settings().retain, 1) + 10;
    this.entries = [entry, ...this.entries].filter((candidate, index) => index < limit || candidate.controller !== undefined);
    this.changed.fire();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire();
    }, 150);
  }

  dispose(): void {
    for (const entry of this.running) {
      entry.controller?.abort();
      entry.force?.abort(); // the editor is going away: nothing of the run may outlive it
    }
    clearTimeout(this.refreshTimer);
    this.changed.dispose();
    this.updated.dispose();
  }
}

const stepKey = (jobKey: string, index: number) => `${jobKey}\u0000${index}`;

/** Folds one live update into the entry the view shows. */
export function applyUpdate(entry: RunEntry, update: RunUpdate): void {
  const jobFor = (key: string, name?: string): LiveJob => {
    let job = entry.jobs.find((candidate) => candidate.key === key);
    if (!job) {
      job = { key, name: name ?? key, status: 'queued', limitations: [], steps: [] };
      entry.jobs.push(job);
    }
    return job;
  };
  switch (update.type) {
    case 'job-started': {
      const job = jobFor(update.key, update.name);
      job.name = update.name;
      job.status = 'running';
      return;
    }
    case 'step-started': {
      const job = jobFor(update.key);
      const step = job.steps.find((candidate) => candidate.index === update.index);
      if (step) step.status = 'running';
      else job.steps.push({ index: update.index, name: update.name, status: 'running' });
      return;
    }
    case 'step-finished': {
      const job = jobFor(update.key);
      const step = job.steps.find((candidate) => candidate.index === update.result.index);
      if (step) Object.assign(step, { reason: undefined }, liveStepOf(update.result)); // the plan's reason is stale now
      return;
    }
    case 'job-finished': {
      Object.assign(jobFor(update.key, update.result.name), { reason: undefined }, liveJobOf(update.result));
      return;
    }
    default:
  }
}
