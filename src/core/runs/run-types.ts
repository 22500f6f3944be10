import type { MatrixLeg } from './matrix';
import type { WorkflowPlan } from './plan';

export type RunStatus = 'success' | 'failure' | 'skipped' | 'cancelled';
/** What a step or job is while the run goes on; a finished one has a RunStatus. */
export type LiveStatus = 'queued' | 'running' | RunStatus;
/** What a person is shown: a job or step that did not run as the workflow asked (another toolchain) is a warning. */
export type ShownStatus = LiveStatus | 'warning';

/** A success (or a skipped setup step) with warnings shows as a warning; failures and the rest show as they are. */
export const shownStatus = (status: LiveStatus, warnings: readonly string[] | undefined): ShownStatus =>
  warnings?.length && (status === 'success' || status === 'skipped') ? 'warning' : status;

/** Every job's warnings, in job order (records written before warnings existed have none). */
export const runWarnings = (record: Pick<RunRecord, 'jobs'>): string[] => record.jobs.flatMap((job) => job.warnings ?? []);

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly title?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly job: string;
  readonly step: number;
}

export interface StepResult {
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string;
  /** The conclusion: a failed step with continue-on-error concludes success. */
  readonly status: RunStatus;
  /** What happened before continue-on-error was applied. */
  readonly outcome: RunStatus;
  readonly exitCode: number | null;
  readonly outputs: Readonly<Record<string, string>>;
  readonly reason: string | undefined;
  readonly durationMs: number;
  /** Path of the full (masked) log on disk, when the step produced one. */
  readonly logFile: string | undefined;
  /** What did not happen as asked, though the job went on ("asked for Node 18, ran on this machine's Node 20.11.1"). */
  readonly warning?: string;
}

export interface JobResult {
  readonly key: string;
  readonly jobId: string;
  readonly name: string;
  readonly matrix: MatrixLeg | null;
  readonly needs: readonly string[];
  readonly status: RunStatus;
  readonly outputs: Readonly<Record<string, string>>;
  readonly steps: readonly StepResult[];
  readonly reason: string | undefined;
  /** Its steps' warnings, each once: the leg did not run as the workflow asked. */
  readonly warnings?: readonly string[];
  readonly durationMs: number;
  readonly annotations: readonly Annotation[];
  /** GITHUB_STEP_SUMMARY of all steps, Markdown. */
  readonly summary: string;
  readonly limitations: readonly string[];
}

export interface RunRecord {
  readonly runId: string;
  readonly workflow: string;
  readonly workflowName: string;
  readonly event: string;
  readonly ref: string;
  readonly sha: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly jobs: readonly JobResult[];
  readonly plan: WorkflowPlan;
  /** The isolated copy, when it was kept (on failure, at the user's request). */
  readonly keptWorktree: string | undefined;
  /** Why the run did not start or stopped early, for a person. */
  readonly problem: string | undefined;
  /** The repository's top level (the editor groups runs by folder); absent in older records. */
  readonly repositoryRoot?: string;
}

/** Live events, in order, for views, panels and the CLI's streamed output. Log lines are already masked. */
export type RunUpdate =
  | { readonly type: 'run-started'; readonly runId: string; readonly plan: WorkflowPlan; readonly runDir: string }
  | { readonly type: 'job-started'; readonly key: string; readonly name: string; readonly jobId: string; readonly matrix: MatrixLeg | null }
  | { readonly type: 'step-started'; readonly key: string; readonly index: number; readonly name: string }
  /**
   * One or more lines of one step's stream, in order (without line breaks). A run in this process
   * sends them one by one; the run worker groups a batch's lines per step and stream, so a chatty
   * step costs the editor one update per batch, not one per line.
   */
  | { readonly type: 'log'; readonly key: string; readonly index: number; readonly stream: 'stdout' | 'stderr' | 'runner'; readonly lines: readonly string[] }
  | { readonly type: 'step-finished'; readonly key: string; readonly result: StepResult }
  | { readonly type: 'job-finished'; readonly key: string; readonly result: JobResult }
  | { readonly type: 'run-finished'; readonly record: RunRecord };

export type RunListener = (update: RunUpdate) => void;
