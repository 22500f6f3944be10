import { evaluateCondition, evaluateTemplate, type Contexts } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';
import { evaluateDeep, evaluateEnv } from './evaluate-values';
import { eventPayload, githubContext, type RunSubject } from './github-context';
import { orderJobs, type JobOrder } from './job-order';
import { expandMatrix, legLabel, type MatrixLeg } from './matrix';
import { classifyStep, jobLimitations, type StepKind } from './step-kinds';
import { matchTrigger, type TriggerDecision } from './triggers';
import { resolveDispatchInputs } from './workflow-inputs';
import { stepLabel, type JobModel, type StepModel, type WorkflowModel } from './workflow-model';

export interface StepPlan {
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string;
  readonly kind: StepKind['kind'];
  readonly willRun: boolean;
  /** Why it runs, is skipped, or is only decided at run time. */
  readonly reason: string;
}

export interface JobPlan {
  /** Unique in the run: the job id, plus the matrix leg in parentheses. */
  readonly key: string;
  readonly jobId: string;
  readonly name: string;
  readonly matrix: MatrixLeg | null;
  readonly needs: readonly string[];
  readonly willRun: boolean;
  readonly reason: string;
  /** What this machine cannot reproduce (services, containers, other operating systems...). */
  readonly limitations: readonly string[];
  readonly steps: readonly StepPlan[];
  /** 0-based line of the job in the workflow file. */
  readonly line: number;
}

export interface WorkflowPlan {
  readonly workflow: string;
  readonly name: string;
  readonly event: string;
  readonly ref: string;
  readonly trigger: TriggerDecision;
  /** Reasons the workflow cannot run at all: validation errors, bad inputs, blocked jobs. */
  readonly problems: readonly string[];
  readonly jobs: readonly JobPlan[];
  readonly order: JobOrder;
  readonly willRun: boolean;
}

export interface PlanOptions {
  /** Repository-relative path of the workflow file. */
  readonly workflowPath: string;
  readonly workflow: WorkflowModel;
  readonly subject: RunSubject;
  readonly vars?: Readonly<Record<string, string>>;
  /** Errors from validation; any of them stops a run. */
  readonly validationErrors?: readonly string[];
  readonly hostOs?: NodeJS.Platform;
  /** Run only this job and the jobs it needs (like `act -j`). */
  readonly job?: string;
}

/** The jobs a selection needs: the job itself and everything in its `needs`, transitively. */
export function selectJobs(jobs: readonly JobModel[], job: string | undefined): Set<string> {
  if (job === undefined) return new Set(jobs.map((candidate) => candidate.id));
  const byId = new Map(jobs.map((candidate) => [candidate.id, candidate]));
  const selected = new Set<string>();
  const visit = (id: string) => {
    if (selected.has(id)) return;
    selected.add(id);
    for (const need of byId.get(id)?.needs ?? []) visit(need);
  };
  visit(job);
  return selected;
}

/** The contexts a job's `if:`, name and matrix see before its steps run (the runner adds runner, job, env, steps). */
export function jobContexts(subject: RunSubject, job: JobModel, inputs: Readonly<Record<string, Value>>, vars: Readonly<Record<string, string>>, needs: Record<string, Value>, matrix: MatrixLeg | null, workspace = '', secrets: Readonly<Record<string, string>> = {}): Record<string, Value> {
  const payload = eventPayload(subject, inputs);
  return {
    github: githubContext(subject, job.id, workspace, payload),
    inputs: { ...inputs },
    vars: { ...vars },
    needs,
    matrix: matrix ? { ...matrix } : {},
    strategy: {},
    secrets: { ...secrets },
    runner: { os: 'Linux', arch: 'X64', name: 'shipshape-local', temp: '', tool_cache: '' },
    job: { status: 'success' },
    env: {},
    steps: {},
  };
}

/** A dry run: which jobs and steps would run for the event, and why or why not. Pure: no git, no files. */
export function planWorkflow(options: PlanOptions): WorkflowPlan {
  const { workflow, subject } = options;
  const trigger = matchTrigger(workflow.on, subject.event);
  const inputs = subject.event.name === 'workflow_dispatch' ? resolveDispatchInputs(workflow.on, subject.inputs) : { values: { ...subject.inputs }, problems: [] };
  const order = orderJobs(workflow.jobs);
  const problems = [...(options.validationErrors ?? []), ...inputs.problems, ...order.blocked.map(({ id, reason }) => `job "${id}" ${reason}`)];
  if (options.job !== undefined && !workflow.jobs.some((job) => job.id === options.job)) {
    problems.push(`there is no job "${options.job}" (jobs: ${workflow.jobs.map((job) => job.id).join(', ')})`);
  }
  const selected = selectJobs(workflow.jobs, options.job);
  const byId = new Map(workflow.jobs.map((job) => [job.id, job]));
  const jobs: JobPlan[] = [];
  const willRunById = new Map<string, boolean>();
  for (const id of order.waves.flat()) {
    const job = byId.get(id);
    if (!job) continue;
    const needsRun = job.needs.every((need) => willRunById.get(need) === true);
    const context = { trigger, selected: selected.has(id), needsRun, inputs: inputs.values, vars: options.vars ?? {}, hostOs: options.hostOs ?? process.platform };
    const planned = planJob(job, subject, context);
    willRunById.set(id, planned.some((leg) => leg.willRun));
    jobs.push(...planned);
  }
  for (const { id } of order.blocked) {
    const job = byId.get(id);
    if (job) jobs.push(skippedJob(job, 'never starts: its needs cannot be met', options.hostOs ?? process.platform));
  }
  return {
    workflow: options.workflowPath,
    name: workflow.name ?? options.workflowPath,
    event: subject.event.name,
    ref: subject.event.ref,
    trigger,
    problems,
    jobs,
    order,
    willRun: trigger.triggers && problems.length === 0 && jobs.some((job) => job.willRun),
  };
}

interface JobPlanContext {
  readonly trigger: TriggerDecision;
  readonly selected: boolean;
  readonly needsRun: boolean;
  readonly inputs: Record<string, Value>;
  readonly vars: Readonly<Record<string, string>>;
  readonly hostOs: NodeJS.Platform;
}

function skippedJob(job: JobModel, reason: string, hostOs: NodeJS.Platform): JobPlan {
  return {
    key: job.id,
    jobId: job.id,
    name: job.name ?? job.id,
    matrix: null,
    needs: job.needs,
    willRun: false,
    reason,
    limitations: jobLimitations(job, hostOs),
    steps: job.steps.map((step) => planStep(step, false, 'the job does not run')),
    line: job.line,
  };
}

function planJob(job: JobModel, subject: RunSubject, context: JobPlanContext): JobPlan[] {
  if (!context.trigger.triggers) return [skippedJob(job, 'the workflow does not trigger for this event', context.hostOs)];
  if (!context.selected) return [skippedJob(job, 'not selected: only the chosen job and the jobs it needs run', context.hostOs)];
  const needs: Record<string, Value> = {};
  for (const need of job.needs) needs[need] = { result: 'success', outputs: {} };
  const base = jobContexts(subject, job, context.inputs, context.vars, needs, null);
  const matrix = planMatrix(job, base);
  if (typeof matrix === 'string') return [{ ...skippedJob(job, matrix, context.hostOs), willRun: context.needsRun, reason: matrix }];
  return (matrix.length === 0 ? [null] : matrix).map((leg) => {
    const contexts = leg ? { ...base, matrix: { ...leg } } : base;
    const name = legName(job, leg, contexts);
    const decision = jobDecision(job, contexts, context.needsRun);
    const env = safeEnv(job, contexts);
    const steps = job.steps.map((step) => (decision.willRun ? planStepCondition(step, { ...contexts, env }) : planStep(step, false, 'the job does not run')));
    return { key: leg ? `${job.id} (${legLabel(leg)})` : job.id, jobId: job.id, name, matrix: leg, needs: job.needs, ...decision, limitations: jobLimitations(job, context.hostOs, evaluatedRunsOn(job, contexts)), steps, line: job.line };
  });
}

/** The legs, or why they are only known at run time. */
function planMatrix(job: JobModel, contexts: Contexts): MatrixLeg[] | string {
  if (job.strategy === undefined) return [];
  const rawMatrix = (job.strategy as { matrix?: unknown } | null)?.matrix;
  if (typeof rawMatrix === 'string' && /\bneeds\./.test(rawMatrix)) return 'the matrix comes from an earlier job\'s outputs, so its legs are known only at run time';
  try {
    const expansion = expandMatrix(evaluateDeep(job.strategy, contexts));
    return [...expansion.legs];
  } catch (error) {
    return `the matrix cannot be expanded: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function legName(job: JobModel, leg: MatrixLeg | null, contexts: Contexts): string {
  const base = job.name ?? job.id;
  if (job.name?.includes('${{')) {
    try {
      return evaluateTemplate(job.name, contexts);
    } catch {
      return base;
    }
  }
  return leg ? `${base} (${legLabel(leg)})` : base;
}

function jobDecision(job: JobModel, contexts: Contexts, needsRun: boolean): { willRun: boolean; reason: string } {
  const condition = job.if?.trim();
  const after = job.needs.length ? `after ${job.needs.join(', ')}` : 'first';
  if (!condition) {
    return needsRun ? { willRun: true, reason: `runs ${after}` } : { willRun: false, reason: `skipped: a job it needs (${job.needs.join(', ')}) does not run` };
  }
  try {
    const status = (name: string) => (name === 'success' ? needsRun : name === 'always');
    const holds = evaluateCondition(condition, contexts, { status, hashFiles: () => '' });
    return holds ? { willRun: true, reason: `runs ${after}: if: ${condition} holds` } : { willRun: false, reason: `skipped: if: ${condition} is false` };
  } catch (error) {
    return { willRun: false, reason: `skipped: if: ${condition} cannot be evaluated (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** runs-on with the leg's matrix filled in, or as written when it cannot be evaluated yet. */
export function evaluatedRunsOn(job: JobModel, contexts: Contexts): unknown {
  try {
    return evaluateDeep(job.runsOn, contexts);
  } catch {
    return job.runsOn;
  }
}

function safeEnv(job: JobModel, contexts: Contexts): Record<string, string> {
  try {
    return evaluateEnv(job.env, contexts);
  } catch {
    return {};
  }
}

function planStep(step: StepModel, willRun: boolean, reason: string): StepPlan {
  return { index: step.index, id: step.id, name: stepLabel(step), kind: classifyStep(step).kind, willRun, reason };
}

const RUN_TIME = /\b(steps|needs|job)\s*\.|\b(failure|cancelled|hashFiles)\s*\(/i;

function planStepCondition(step: StepModel, contexts: Contexts): StepPlan {
  const kind = classifyStep(step);
  if (kind.kind === 'not-local' || kind.kind === 'invalid') return planStep(step, false, kind.reason);
  const condition = step.if?.trim();
  if (!condition) return planStep(step, true, 'runs when the steps before it succeed');
  if (RUN_TIME.test(condition)) return planStep(step, true, `decided when it runs: if: ${condition} reads what earlier steps or jobs produce`);
  try {
    const holds = evaluateCondition(condition, contexts, { hashFiles: () => '' });
    return planStep(step, holds, holds ? `runs: if: ${condition} holds` : `skipped: if: ${condition} is false`);
  } catch (error) {
    return planStep(step, false, `skipped: if: ${condition} cannot be evaluated (${error instanceof Error ? error.message : String(error)})`);
  }
}
