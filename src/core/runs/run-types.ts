import type { MatrixLeg } from './matrix';
import type { WorkflowPlan } from './plan';

export type RunStatus = 'success' | 'failure' | 'skipped' | 'cancelled';
/** What a step or job is while the run goes on; a finished one has a RunStatus. */
export type LiveStatus = 'queued' | 'running' | RunStatus;

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
