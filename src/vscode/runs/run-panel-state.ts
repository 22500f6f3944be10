// The run panel's snapshot of one run, made from the model's entry and the job results seen so
// far. Pure (types only from the rest of the extension), so unit tests can call it directly.
import { planProblems, type PlanProblem } from '../../core/runs/plan';
import { shownStatus, type Annotation, type JobResult } from '../../core/runs/run-types';
import type { AnnotationView, JobView, ProblemView, RunPanelState, StepRef, SummaryView } from '../../protocol/run-panel';
import type { LiveJob, RunEntry } from './local-runs-model';

const MAX_SUMMARY_CHARS = 200_000;
const MAX_ANNOTATIONS = 2_000;

/** A leg's job id: from the plan or the result, else its key without the matrix part. */
const jobIdOf = (entry: RunEntry, key: string, results: ReadonlyMap<string, JobResult>): string =>
  entry.plan?.jobs.find((job) => job.key === key)?.jobId ?? results.get(key)?.jobId ?? key.replace(/ \(.*\)$/, '');

/** The finished jobs of a run: its record's, plus those reported live (the record comes last). */
export function resultsOf(entry: RunEntry, live: ReadonlyMap<string, JobResult>): Map<string, JobResult> {
  const results = new Map(live);
  for (const job of entry.record?.jobs ?? []) results.set(job.key, job);
  return results;
}

/** Leg keys each leg waits for: every leg of each job it needs, so the graph can join legs. */
export function legNeeds(entry: RunEntry, results: ReadonlyMap<string, JobResult>): Map<string, string[]> {
  const legs = new Map<string, string[]>();
  for (const job of entry.jobs) {
    const id = jobIdOf(entry, job.key, results);
    legs.set(id, [...(legs.get(id) ?? []), job.key]);
  }
  const needs = new Map<string, string[]>();
  for (const job of entry.jobs) {
    const declared = entry.plan?.jobs.find((planned) => planned.key === job.key)?.needs ?? results.get(job.key)?.needs ?? [];
    needs.set(
      job.key,
      declared.flatMap((id) => legs.get(id) ?? []),
    );
  }
  return needs;
}

/** Every annotation of the run, in job order; the panel's openAnnotation indexes into this. */
export function annotationsOf(entry: RunEntry, results: ReadonlyMap<string, JobResult>): Annotation[] {
  return entry.jobs.flatMap((job) => results.get(job.key)?.annotations ?? []).slice(0, MAX_ANNOTATIONS);
}

const locationOf = (annotation: Annotation): string | undefined =>
  annotation.file
    ? [annotation.file, annotation.line, annotation.line !== undefined ? annotation.column : undefined].filter((part) => part !== undefined).join(':')
    : undefined;

const annotationView = (annotation: Annotation): AnnotationView => ({
  level: annotation.level,
  message: annotation.message,
  title: annotation.title,
  location: locationOf(annotation),
  jobKey: annotation.job,
});

function jobView(job: LiveJob, needs: readonly string[]): JobView {
  return {
    key: job.key,
    name: job.name,
    needs,
    status: shownStatus(job.status, job.warnings),
    durationMs: job.durationMs,
    reason: job.reason,
    warnings: job.warnings ?? [],
    limitations: job.limitations,
    steps: job.steps.map((step) => ({
      index: step.index,
      name: step.name,
      status: shownStatus(step.status, step.warning ? [step.warning] : []),
      durationMs: step.durationMs,
      reason: step.warning ?? step.reason,
    })),
  };
}

const problemView = (problem: PlanProblem): ProblemView => ({
  message: problem.message,
  location: problem.file ? [problem.file.split('/').pop(), problem.line, problem.column].filter((part) => part !== undefined).join(':') : undefined,
  rule: problem.rule,
});

/** The reasons a run or plan cannot start, once each (a run that started had none). */
const problemsOf = (entry: RunEntry): ProblemView[] => (entry.plan?.problems?.length ? planProblems(entry.plan).map(problemView) : []);

function summariesOf(entry: RunEntry, results: ReadonlyMap<string, JobResult>): SummaryView[] {
  return entry.jobs.flatMap((job) => {
    const markdown = results.get(job.key)?.summary ?? '';
    if (!markdown.trim()) return [];
    const truncated = markdown.length > MAX_SUMMARY_CHARS;
    return [{ jobKey: job.key, jobName: job.name, markdown: truncated ? markdown.slice(0, MAX_SUMMARY_CHARS) : markdown, truncated }];
  });
}

export function panelStateOf(entry: RunEntry, live: ReadonlyMap<string, JobResult>, selected: StepRef | undefined): RunPanelState {
  const results = resultsOf(entry, live);
  const needs = legNeeds(entry, results);
  return {
    run: {
      id: entry.id,
      kind: entry.kind,
      workflow: entry.name,
      event: entry.event,
      ref: entry.ref.replace(/^refs\/(heads|tags)\//, ''),
      status: shownStatus(
        entry.status,
        entry.jobs.flatMap((job) => job.warnings ?? []),
      ),
      startedAt: entry.startedAt.toISOString(),
      durationMs: entry.durationMs,
      problem: entry.problem,
      problems: problemsOf(entry),
      canCancel: entry.controller !== undefined,
      canRerun: entry.kind === 'run' && entry.controller === undefined && entry.request !== undefined,
    },
    jobs: entry.jobs.map((job) => jobView(job, needs.get(job.key) ?? [])),
    annotations: annotationsOf(entry, results).map(annotationView),
    summaries: summariesOf(entry, results),
    selected,
  };
}
