import type { JobView } from '../../protocol/run-panel';

/** The step a click on a job shows: the first failure, else the running one, else the last that ran, else the first. */
export function stepToShow(job: JobView): number {
  const steps = job.steps;
  const pick =
    steps.find((step) => step.status === 'failure') ??
    steps.find((step) => step.status === 'running') ??
    [...steps].reverse().find((step) => step.status === 'success' || step.status === 'cancelled') ??
    steps[0];
  return pick?.index ?? 0;
}

/** "1.2 s", "350 ms", "2 min 5 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
