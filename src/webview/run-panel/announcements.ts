// What the run panel tells a screen reader after a state change: short news of what finished, not
// the page again. Pure, so unit tests can call it.
import type { PanelStatus, RunPanelState } from '../../protocol/run-panel';

const FINISHED: Partial<Record<PanelStatus, string>> = {
  success: 'succeeded',
  warning: 'finished with a warning',
  failure: 'failed',
  cancelled: 'cancelled',
};

/** A leg's label: its key when that already says it (matrix legs), else the job's name (as the graph shows it). */
const label = (job: { key: string; name: string }) => (job.name === job.key || job.key.startsWith(job.name) ? job.key : job.name);

/** One message per job that just finished, and one for the run when it ends (or cannot start); none for the first state. */
export function changeAnnouncements(previous: RunPanelState | undefined, next: RunPanelState): string[] {
  if (!previous || previous.run.id !== next.run.id) return [];
  const before = new Map(previous.jobs.map((job) => [job.key, job.status]));
  const news: string[] = [];
  for (const job of next.jobs) {
    const word = FINISHED[job.status];
    if (word && before.get(job.key) !== job.status)
      news.push(`Job ${label(job)} ${word}${job.status === 'warning' && job.warnings[0] ? `: ${job.warnings[0]}` : ''}`);
  }
  if (previous.run.status !== next.run.status) {
    const word = FINISHED[next.run.status];
    if (next.run.problems.length)
      news.push(`The workflow cannot run: ${next.run.problems.length === 1 ? '1 problem' : `${next.run.problems.length} problems`}`);
    else if (word) news.push(`Run ${word}`);
  }
  return news;
}
