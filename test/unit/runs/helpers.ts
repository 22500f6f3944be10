import { runLocally, type RunRequest } from '../../../src/core/runs/local-run';
import type { JobResult, RunRecord, RunUpdate, StepResult } from '../../../src/core/runs/run-types';
import { git } from '../../support/git';

/** Everything a test compares to prove a run left the user's repository alone. */
export function repositoryFingerprint(repo: string): string {
  const run = (...args: string[]) => git(repo, ...args);
  return [
    run('status', '--porcelain=v1', '--untracked-files=all'),
    run('for-each-ref'),
    run('rev-parse', 'HEAD'),
    run('ls-files', '-s'),
    run('stash', 'list'),
    run('diff'),
  ].join('\n---\n');
}

export async function runIn(repo: string, store: string, options: Partial<RunRequest> = {}): Promise<{ record: RunRecord; updates: RunUpdate[] }> {
  const updates: RunUpdate[] = [];
  const record = await runLocally({ repo, workflow: '.github/workflows/ci.yml', storeDir: store, onUpdate: (update) => updates.push(update), ...options });
  return { record, updates };
}

export function job(record: RunRecord, key: string): JobResult {
  const found = record.jobs.find((candidate) => candidate.key === key);
  if (!found)
    throw new Error(`no job "${key}" in the run; jobs: ${record.jobs.map((j) => `${j.key}=${j.status}`).join(', ')}; problem: ${record.problem ?? 'none'}`);
  return found;
}

export function step(result: JobResult, id: string): StepResult {
  const found = result.steps.find((candidate) => candidate.id === id || candidate.name === id);
  if (!found) throw new Error(`no step "${id}" in ${result.key}`);
  return found;
}

/** The log lines a step printed, from the live updates. */
export function logOf(updates: readonly RunUpdate[], key: string, index: number): string[] {
  return updates.flatMap((update) => (update.type === 'log' && update.key === key && update.index === index ? update.lines : []));
}
