import type { GitOptions } from '../git/git';
import { refusalOf, runLocally } from '../runs/local-run';
import { shownStatus, type ShownStatus } from '../runs/run-types';
import type { PreflightReport } from './types';

/** One job run locally for `preflight --run`: its workflow, key (a matrix leg's too) and how it ended. */
export interface PreflightRun {
  readonly workflow: string;
  /** The job's key; empty when the workflow could not run at all (`problem` says why). */
  readonly job: string;
  readonly conclusion: ShownStatus;
  readonly problem?: string;
}

export interface RunPushJobsOptions {
  /** Where the runs are recorded, as `shipshape run --store`. */
  readonly storeDir: string;
  readonly git?: GitOptions;
  readonly signal?: AbortSignal;
  /** Told before each workflow runs. */
  readonly onWorkflow?: (file: string) => void;
}

/**
 * Runs, one workflow after another, each in its own isolated copy (`runLocally`, as `shipshape run`),
 * the workflows the report says this push would run, for a push event with exactly the paths the push
 * changes. Runs repository code: the caller checks trust first.
 */
export async function runPushJobs(
  repo: string,
  report: PreflightReport,
  changedFiles: readonly string[],
  options: RunPushJobsOptions,
): Promise<PreflightRun[]> {
  const runs: PreflightRun[] = [];
  for (const pipeline of report.pipelines) {
    if (!pipeline.willRun || pipeline.kind !== 'github-workflow' || options.signal?.aborted) continue;
    options.onWorkflow?.(pipeline.file);
    const record = await runLocally({
      repo,
      workflow: pipeline.file,
      event: 'push',
      changedFiles,
      storeDir: options.storeDir,
      keepWorktree: 'never',
      ...(options.git ? { git: options.git } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (record.jobs.length === 0) {
      runs.push({ workflow: pipeline.file, job: '', conclusion: 'failure', problem: record.problem ?? refusalOf(record.plan) ?? 'it did not run' });
      continue;
    }
    for (const job of record.jobs) runs.push({ workflow: pipeline.file, job: job.key, conclusion: shownStatus(job.status, job.warnings) });
  }
  return runs;
}

/** A job that failed (or was cancelled) locally blocks the push, as a red CI run would. */
export function runsBlock(runs: readonly PreflightRun[]): boolean {
  return runs.some((run) => run.conclusion === 'failure' || run.conclusion === 'cancelled');
}
