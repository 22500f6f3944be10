import type { Value } from '../pipelines/expressions/values';
import type { RunStatus } from './run-types';
import type { SecretMasker } from './secret-masker';
import type { StepSession } from './step-session';
import { isPlain, type RunDefaults, type StepModel } from './workflow-model';

/** What the steps of one job (or one composite action) share while they run. */
export interface StepScope {
  /** How many composite actions deep these steps run (0 or absent: a job's own steps). */
  readonly compositeDepth?: number;
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
  /** The job goes on, but not as the workflow asked (see BuiltInResult.warning). */
  readonly warning?: string;
}

/**
 * Runs one step of a scope. Composite actions are handed one instead of importing the
 * step executor, which itself runs them: the two modules would otherwise need each other.
 */
export type StepExecutor = (step: StepModel, scope: StepScope, session: StepSession) => Promise<StepOutcome>;

const STATUS_RANK: Readonly<Record<string, number>> = { success: 0, failure: 1, cancelled: 2 };

/**
 * The `job` context a step sees: `job.status` is cancelled once the job is cancelled, failure
 * after a failed step (of this scope, or of the job that called this composite action), else
 * what the scope started with.
 */
export function jobContext(scope: StepScope): Record<string, Value> {
  const inherited = isPlain(scope.contexts.job) ? scope.contexts.job : {};
  const own = scope.signal.aborted || scope.hardSignal.aborted ? 'cancelled' : scope.failed ? 'failure' : 'success';
  const before = typeof inherited.status === 'string' && inherited.status in STATUS_RANK ? inherited.status : 'success';
  return { ...inherited, status: (STATUS_RANK[own] ?? 0) > (STATUS_RANK[before] ?? 0) ? own : before };
}
