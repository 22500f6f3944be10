import { printable } from '../printable';
import { isAbsolute, join } from 'node:path';
import type { Annotation, RunRecord, RunUpdate } from './run-types';

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
        return [`${update.plan.name}: ${update.plan.trigger.reason}`];
      case 'step-started':
        this.stepNames.set(`${update.key}\0${update.index}`, update.name);
        return [`[${update.key}] ▶ ${update.name}`];
      case 'step-finished':
        if (update.result.status === 'success' && !update.result.reason) return [];
        return [
          `[${update.key}] ${statusSymbol(update.result.status)} ${update.result.name}: ${update.result.status}${update.result.reason ? ` (${update.result.reason})` : ''}`,
        ];
      case 'job-finished':
        return [
          `[${update.key}] ${statusSymbol(update.result.status)} job ${update.result.status}${update.result.reason ? `: ${update.result.reason}` : ''} (${(update.result.durationMs / 1000).toFixed(1)} s)`,
        ];
      default:
        return [];
    }
  }
}

export const statusSymbol = (status: string): string => (status === 'success' ? '✓' : status === 'failure' ? '✗' : status === 'cancelled' ? '⊘' : '○');

/** The closing summary of a run: its status, each job's, their annotations and a kept worktree. */
export function outcomeLines(record: RunRecord): string[] {
  const lines = [`${statusSymbol(record.status)} run ${record.runId}: ${record.status} in ${(record.durationMs / 1000).toFixed(1)} s`];
  if (record.problem) lines.push(`  ${record.problem}`);
  for (const job of record.jobs) {
    lines.push(`  ${statusSymbol(job.status)} ${job.key}: ${job.status}${job.reason ? ` (${job.reason})` : ''}`);
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
