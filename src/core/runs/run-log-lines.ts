import { printable } from '../printable';
import { isAbsolute, join } from 'node:path';
import { planProblems, problemText } from './plan';
import { runWarnings, shownStatus, type Annotation, type RunRecord, type RunUpdate } from './run-types';

/**
 * A run's live updates as plain text lines, prefixed by job and step, for a
 * terminal: the CLI's human output and the editor's task terminal share it.
 */
export class RunLogLines {
  private readonly stepNames = new Map<string, string>();

  /**
   * The lines one update prints (none for most bookkeeping updates), printable: names
   * and reasons come from the repository. A step's own output is its own, colours included.
   */
  linesOf(update: RunUpdate): string[] {
    if (update.type === 'log') {
      const name = this.stepNames.get(`${update.key}\0${update.index}`) ?? '';
      const prefix = printable(`[${update.key}${name ? ` / ${name}` : ''}] ${update.stream === 'runner' ? '· ' : ''}`);
      return update.lines.map((line) => `${prefix}${line}`);
    }
    return this.describe(update).map(printable);
  }

  private describe(update: RunUpdate): string[] {
    switch (update.type) {
      case 'run-started':
        return [
          `${update.plan.name}: ${update.plan.trigger.reason}`,
          ...(update.plan.checkout ? [`files: ${update.plan.checkout}`] : []),
          ...(update.plan.warnings ?? []).map((warning) => `warning: ${problemText(warning)}`),
        ];
      case 'step-started':
        this.stepNames.set(`${update.key}\0${update.index}`, update.name);
        return [`[${update.key}] ▶ ${update.name}`];
      case 'step-finished': {
        const { result } = update;
        if (result.status === 'success' && !result.reason && !result.warning) return [];
        const status = shownStatus(result.status, result.warning ? [result.warning] : []);
        const reason = result.warning ?? result.reason;
        return [`[${update.key}] ${statusSymbol(status)} ${result.name}: ${status}${reason ? ` (${reason})` : ''}`];
      }
      case 'job-finished': {
        const { result } = update;
        const status = shownStatus(result.status, result.warnings);
        const reason = [result.reason, ...(result.warnings ?? [])].filter(Boolean).join('; ');
        return [`[${update.key}] ${statusSymbol(status)} job ${status}${reason ? `: ${reason}` : ''} (${(result.durationMs / 1000).toFixed(1)} s)`];
      }
      default:
        return [];
    }
  }
}

const SYMBOLS: Readonly<Record<string, string>> = { success: '✓', failure: '✗', cancelled: '⊘', warning: '⚠' };
export const statusSymbol = (status: string): string => SYMBOLS[status] ?? '○';

/** The closing summary of a run: its status, why it could not run (one problem a line), each job's, their annotations and a kept worktree. */
export function outcomeLines(record: RunRecord): string[] {
  const status = shownStatus(record.status, runWarnings(record));
  const lines = [`${statusSymbol(status)} run ${record.runId}: ${status} in ${(record.durationMs / 1000).toFixed(1)} s`];
  if (record.problem) lines.push(`  ${record.problem}`);
  if (record.jobs.length === 0) for (const problem of planProblems(record.plan)) lines.push(`    ${problemText(problem)}`);
  for (const job of record.jobs) {
    const jobStatus = shownStatus(job.status, job.warnings);
    const reason = [job.reason, ...(job.warnings ?? [])].filter(Boolean).join('; ');
    lines.push(`  ${statusSymbol(jobStatus)} ${job.key}: ${jobStatus}${reason ? ` (${reason})` : ''}`);
    for (const annotation of job.annotations)
      lines.push(
        `      ${annotation.level}${annotation.file ? ` ${annotation.file}${annotation.line ? `:${annotation.line}` : ''}` : ''}: ${annotation.message}`,
      );
  }
  if (record.keptWorktree) lines.push(`  The isolated copy was kept at ${record.keptWorktree}.`);
  return lines.map(printable);
}

/**
 * An annotation as one `::error file=…,line=…,col=…::message` line with an absolute
 * path, the shape the `$shipshape-*` problem matchers read. Annotations without a
 * file have nothing to point at and give no line.
 */
export function annotationMatcherLine(annotation: Annotation, repoRoot: string): string | undefined {
  if (!annotation.file) return undefined;
  const file = isAbsolute(annotation.file) ? annotation.file : join(repoRoot, annotation.file);
  const where = [`file=${file}`, `line=${annotation.line ?? 1}`, ...(annotation.column ? [`col=${annotation.column}`] : [])].join(',');
  const message = `${annotation.title ? `${annotation.title}: ` : ''}${annotation.message}`.replace(/\r?\n/g, ' ');
  return printable(`::${annotation.level} ${where}::${message}`);
}
