import { evaluateCondition, evaluateTemplate, type Contexts } from '../pipelines/expressions/evaluator';
import type { Value } from '../pipelines/expressions/values';
import { evaluateDeep, evaluateEnv } from './evaluate-values';
import { eventPayload, githubContext, type RunSubject } from './github-context';
import { orderJobs, type JobOrder } from './job-order';
import { expandMatrix, legLabel, type MatrixLeg } from './matrix';
import { classifyStep, jobLimitations, type StepKind } from './step-kinds';
import { callTarget, expandedNeeds, missingSecrets, resolveCallInputs, type CalledWorkflows } from './reusable-workflows';
import { matchTrigger, type TriggerDecision } from './triggers';
import { resolveDispatchInputs } from './workflow-inputs';
import { stepLabel, type JobModel, type StepModel, type WorkflowModel } from './workflow-model';
import { errorMessage } from '../errors';

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
  /** Unique in the run: the job id, plus the matrix leg in parentheses; a called workflow's jobs are "<caller key>/<key>". */
  readonly key: string;
  /** The job's id; "<caller>/<id>" for a called workflow's job. */
  readonly jobId: string;
  readonly name: string;
  readonly matrix: MatrixLeg | null;
  /** Job ids it waits for; a caller stands for its called workflow's last jobs. */
  readonly needs: readonly string[];
  readonly willRun: boolean;
  readonly reason: string;
  /** What this machine cannot reproduce (services, containers, other operating systems...). */
  readonly limitations: readonly string[];
  readonly steps: readonly StepPlan[];
  /** 0-based line of the job in its workflow file. */
  readonly line: number;
  /** The called workflow that holds the job (repository-relative), when a caller job expanded into it. */
  readonly file?: string;
}

/** One reason a workflow cannot run; validation findings say where (repository-relative file, 1-based line and column) and which rule. */
export interface PlanProblem {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly rule?: string;
}

/** A problem as one line: "file:line:column: message [rule]", or the bare message when it has no place. */
export const problemText = (problem: PlanProblem): string =>
  `${problem.file ? `${[problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':')}: ` : ''}${problem.message}${problem.rule ? ` [${problem.rule}]` : ''}`;

/** A plan's problems with their places; a plan recorded before they had places gives its texts. */
export const planProblems = (plan: Pick<WorkflowPlan, 'problems' | 'findings'>): readonly PlanProblem[] =>
  plan.findings ?? plan.problems.map((message) => ({ message }));

export interface WorkflowPlan {
  readonly workflow: string;
  readonly name: string;
  readonly event: string;
  readonly ref: string;
  readonly trigger: TriggerDecision;
  /** Reasons the workflow cannot run at all: validation errors, bad inputs, blocked jobs; each once, as text (problemText). */
  readonly problems: readonly string[];
  /** The same problems with their places (absent in plans recorded before them: use planProblems). */
  readonly findings?: readonly PlanProblem[];
  readonly jobs: readonly JobPlan[];
  readonly order: JobOrder;
  readonly willRun: boolean;
  /** Validation findings that do not stop the run (GitHub runs the workflow all the same, or the user insisted). */
  readonly warnings?: readonly PlanProblem[];
  /** What a run's copy holds, for a person: "other (80ec22e), the commit GitHub checks out for it", "HEAD (ef7a706), as committed". */
  readonly checkout?: string;
}

export interface PlanOptions {
  /** Repository-relative path of the workflow file. */
  readonly workflowPath: string;
  readonly workflow: WorkflowModel;
  readonly subject: RunSubject;
  readonly vars?: Readonly<Record<string, string>>;
  /** Errors from validation; any of them stops a run. */
  readonly validationErrors?: readonly PlanProblem[];
  readonly hostOs?: NodeJS.Platform;
  /** Run only this job and the jobs it needs (like `act -j`). */
  readonly job?: string;
  /** Local reusable workflows the jobs may call, read from what runs (see loadCalledWorkflows). */
  readonly calledWorkflows?: CalledWorkflows;
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
export function jobContexts(
  subject: RunSubject,
  job: JobModel,
  inputs: Readonly<Record<string, Value>>,
  vars: Readonly<Record<string, string>>,
  needs: Record<string, Value>,
  matrix: MatrixLeg | null,
  workspace = '',
  secrets: Readonly<Record<string, string>> = {},
): Record<string, Value> {
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
  const inputs =
    subject.event.name === 'workflow_dispatch' ? resolveDispatchInputs(workflow.on, subject.inputs) : { values: { ...subject.inputs }, problems: [] };
  const order = orderJobs(workflow.jobs);
  const blocked = order.blocked.map(({ id, reason }) => `job "${id}" ${reason}`);
  const alsoValidated = new Map(blocked.map((problem) => [problem, 'job-needs']));
  const problems = [...inputs.problems, ...blocked];
  if (options.job !== undefined && !workflow.jobs.some((job) => job.id === options.job)) {
    problems.push(`there is no job "${options.job}" (jobs: ${workflow.jobs.map((job) => job.id).join(', ')})`);
  }
  const jobs = planScope({
    workflow,
    subject,
    trigger,
    selected: selectJobs(workflow.jobs, options.job),
    eventInputs: inputs.values,
    inputs: inputs.values,
    vars: options.vars ?? {},
    hostOs: options.hostOs ?? process.platform,
    called: options.calledWorkflows ?? new Map(),
    stack: [options.workflowPath],
    naming: TOP,
    rootNeeds: [],
    rootNeedsRun: true,
    problems,
    alsoValidated,
  });
  // Validation says the same as the planner's needs and call checks, at its place: the planner's words are for when it did not.
  const validation = options.validationErrors ?? [];
  const rulesReported = new Set(validation.map((problem) => problem.rule));
  const ownProblems = problems.filter((problem) => !rulesReported.has(alsoValidated.get(problem)));
  return {
    workflow: options.workflowPath,
    name: workflow.name ?? options.workflowPath,
    event: subject.event.name,
    ref: subject.event.ref,
    trigger,
    ...problemLists([...validation, ...ownProblems.map((message) => ({ message }))]),
    jobs,
    order,
    willRun: trigger.triggers && validation.length === 0 && problems.length === 0 && jobs.some((job) => job.willRun),
  };
}

/** The plan's problems, each once (the same text twice is one problem), as texts and with their places. */
export function problemLists(all: readonly PlanProblem[]): { problems: string[]; findings: PlanProblem[] } {
  const byText = new Map<string, PlanProblem>();
  for (const problem of all) if (!byText.has(problemText(problem))) byText.set(problemText(problem), problem);
  return { problems: [...byText.keys()], findings: [...byText.values()] };
}

/** How the jobs of a (called) workflow are named in the run: GitHub shows "<caller> / <called job>". */
interface Naming {
  readonly idPrefix: string;
  readonly keyPrefix: string;
  readonly namePrefix: string;
  /** Repository-relative path of the called workflow; undefined for the top workflow. */
  readonly file: string | undefined;
}

const TOP: Naming = { idPrefix: '', keyPrefix: '', namePrefix: '', file: undefined };

/** One workflow's jobs to plan: the top one, or a called one inside its caller. */
interface PlanScope {
  readonly workflow: WorkflowModel;
  readonly subject: RunSubject;
  readonly trigger: TriggerDecision;
  /** Jobs chosen by `job`; undefined: all (inside a called workflow). */
  readonly selected: ReadonlySet<string> | undefined;
  /** The run's own inputs (they stay in github.event); `inputs` is what this workflow's `inputs` context holds. */
  readonly eventInputs: Readonly<Record<string, Value>>;
  readonly inputs: Readonly<Record<string, Value>>;
  readonly vars: Readonly<Record<string, string>>;
  readonly hostOs: NodeJS.Platform;
  readonly called: CalledWorkflows;
  readonly stack: readonly string[];
  readonly naming: Naming;
  /** What the jobs without needs wait for: the caller's own needs, expanded. */
  readonly rootNeeds: readonly string[];
  readonly rootNeedsRun: boolean;
  readonly problems: string[];
  /** Problems of the top workflow a validation rule reports too (text -> rule): when validation did, its finding (with a place) is the one listed. */
  readonly alsoValidated: Map<string, string>;
}

/** The jobs of one workflow in order; a job calling a local reusable workflow becomes the called workflow's jobs. */
function planScope(scope: PlanScope): JobPlan[] {
  const { workflow, naming } = scope;
  const order = orderJobs(workflow.jobs);
  if (naming !== TOP) scope.problems.push(...order.blocked.map(({ id, reason }) => `job "${naming.idPrefix}${id}" ${reason}`));
  const byId = new Map(workflow.jobs.map((job) => [job.id, job]));
  const jobs: JobPlan[] = [];
  const willRunById = new Map<string, boolean>();
  for (const id of order.waves.flat()) {
    const job = byId.get(id);
    if (!job) continue;
    const root = job.needs.length === 0;
    const context: JobPlanContext = {
      scope,
      selected: scope.selected?.has(id) ?? true,
      needsRun: root ? scope.rootNeedsRun : job.needs.every((need) => willRunById.get(need) === true),
      needs: root ? scope.rootNeeds : expandedNeeds(job.needs, workflow, naming.idPrefix, scope.called, scope.stack),
    };
    const planned = job.uses !== undefined ? planCaller(job, context) : planJob(job, context);
    willRunById.set(id, planned.willRun);
    jobs.push(...planned.jobs);
  }
  for (const { id } of order.blocked) {
    const job = byId.get(id);
    if (job)
      jobs.push(
        skippedJob(job, 'never starts: its needs cannot be met', {
          scope,
          selected: false,
          needsRun: false,
          needs: job.needs.map((need) => naming.idPrefix + need),
        }),
      );
  }
  return jobs;
}

interface JobPlanContext {
  readonly scope: PlanScope;
  readonly selected: boolean;
  readonly needsRun: boolean;
  /** The job's needs as job ids of the plan (calls expanded). */
  readonly needs: readonly string[];
}

function skippedJob(job: JobModel, reason: string, context: JobPlanContext): JobPlan {
  const { naming, hostOs } = context.scope;
  return {
    key: naming.keyPrefix + job.id,
    jobId: naming.idPrefix + job.id,
    name: naming.namePrefix + (job.name ?? job.id),
    matrix: null,
    needs: context.needs,
    willRun: false,
    reason,
    limitations: jobLimitations(job, hostOs),
    steps: job.steps.map((step) => planStep(step, false, 'the job does not run')),
    line: job.line,
    ...(naming.file ? { file: naming.file } : {}),
  };
}

/** Why the job cannot be planned at all (trigger, selection), or undefined. */
function notPlanned(context: JobPlanContext): string | undefined {
  if (!context.scope.trigger.triggers) return 'the workflow does not trigger for this event';
  if (!context.selected) return 'not selected: only the chosen job and the jobs it needs run';
  return undefined;
}

/** The contexts a job's if:, name and matrix see in the plan (needs succeed, with empty outputs). */
function planContexts(job: JobModel, scope: PlanScope): Record<string, Value> {
  const needs: Record<string, Value> = {};
  for (const need of job.needs) needs[need] = { result: 'success', outputs: {} };
  return { ...jobContexts(scope.subject, job, scope.eventInputs, scope.vars, needs, null), inputs: { ...scope.inputs } };
}

function planJob(job: JobModel, context: JobPlanContext): { willRun: boolean; jobs: JobPlan[] } {
  const skip = notPlanned(context);
  if (skip) return { willRun: false, jobs: [skippedJob(job, skip, context)] };
  const { naming, hostOs } = context.scope;
  const base = planContexts(job, context.scope);
  const matrix = planMatrix(job, base, context.scope);
  if (typeof matrix === 'string') return { willRun: context.needsRun, jobs: [{ ...skippedJob(job, matrix, context), willRun: context.needsRun }] };
  if (!Array.isArray(matrix)) return { willRun: false, jobs: [skippedJob(job, matrix.fails, context)] };
  const jobs = (matrix.length === 0 ? [null] : matrix).map((leg): JobPlan => {
    const contexts = leg ? { ...base, matrix: { ...leg } } : base;
    const decision = jobDecision(job, contexts, context.needsRun);
    const env = safeEnv(job, contexts);
    const steps = job.steps.map((step) => (decision.willRun ? planStepCondition(step, { ...contexts, env }) : planStep(step, false, 'the job does not run')));
    return {
      key: naming.keyPrefix + legKey(job.id, leg),
      jobId: naming.idPrefix + job.id,
      name: naming.namePrefix + legName(job, leg, contexts),
      matrix: leg,
      needs: context.needs,
      ...decision,
      limitations: jobLimitations(job, hostOs, evaluatedRunsOn(job, contexts)),
      steps,
      line: job.line,
      ...(naming.file ? { file: naming.file } : {}),
    };
  });
  return { willRun: jobs.some((planned) => planned.willRun), jobs };
}

/** A job's key in the run: its id, plus the matrix leg in parentheses. */
export const legKey = (id: string, leg: MatrixLeg | null): string => (leg ? `${id} (${legLabel(leg)})` : id);

/** A problem of the plan; one in the top workflow is one the rule also reports (called files are not validated with it). */
function report(scope: PlanScope, problem: string, rule: string): void {
  scope.problems.push(problem);
  if (scope.naming === TOP) scope.alsoValidated.set(problem, rule);
}

/** A job calling a reusable workflow: the called workflow's jobs once per leg of the caller, or the caller alone when it does not run. */
function planCaller(job: JobModel, context: JobPlanContext): { willRun: boolean; jobs: JobPlan[] } {
  const { scope } = context;
  const uses = job.uses ?? '';
  const skip = notPlanned(context);
  if (skip) return { willRun: false, jobs: [skippedJob(job, skip, context)] };
  const target = callTarget(uses, scope.called, scope.stack);
  if (target.kind !== 'local') {
    if (target.kind === 'problem') report(scope, `job "${scope.naming.idPrefix}${job.id}" ${target.reason}`, 'workflow-call');
    return { willRun: false, jobs: [skippedJob(job, target.reason, context)] };
  }
  // What GitHub refuses before the run starts; values with ${{ }} are checked when they are known.
  const staticProblems = [
    ...resolveCallInputs(target.workflow.on, job.with as Record<string, Value>, uses).problems,
    ...missingSecrets(target.workflow.on, job.secrets, uses),
  ];
  for (const problem of staticProblems) report(scope, `job "${scope.naming.idPrefix}${job.id}": ${problem}`, 'workflow-call');
  const base = planContexts(job, scope);
  const decision = jobDecision(job, base, context.needsRun);
  if (!decision.willRun) return { willRun: false, jobs: [skippedJob(job, decision.reason, context)] };
  const matrix = planMatrix(job, base, scope);
  if (typeof matrix === 'object' && !Array.isArray(matrix)) return { willRun: false, jobs: [skippedJob(job, matrix.fails, context)] };
  const legs = typeof matrix === 'string' || matrix.length === 0 ? [null] : matrix;
  const jobs = legs.flatMap((leg) => {
    const contexts = leg ? { ...base, matrix: { ...leg } } : base;
    const name = legName(job, leg, contexts);
    const given: Record<string, Value> = {};
    for (const [key, value] of Object.entries(job.with)) given[key] = planValue(value, contexts);
    const inputs = resolveCallInputs(target.workflow.on, given, uses, (value) => evaluateDeep(value, { ...contexts, inputs: {} })).values;
    const naming: Naming = {
      idPrefix: `${scope.naming.idPrefix}${job.id}/`,
      keyPrefix: `${scope.naming.keyPrefix}${legKey(job.id, leg)}/`,
      namePrefix: `${scope.naming.namePrefix}${name} / `,
      file: target.path,
    };
    return planScope({
      ...scope,
      workflow: target.workflow,
      selected: undefined,
      inputs,
      stack: target.stack,
      naming,
      rootNeeds: context.needs,
      rootNeedsRun: true,
    });
  });
  return { willRun: true, jobs };
}

/** A `with:` value as far as the plan can know it: evaluated, or as written when it needs the run. */
function planValue(value: unknown, contexts: Contexts): Value {
  try {
    return evaluateDeep(value, contexts);
  } catch {
    return typeof value === 'string' ? value : null;
  }
}

/** The legs, or why they are only known at run time; a matrix GitHub would reject is a problem of the plan. */
function planMatrix(job: JobModel, contexts: Contexts, scope: PlanScope): MatrixLeg[] | string | { fails: string } {
  if (job.strategy === undefined) return [];
  const rawMatrix = (job.strategy as { matrix?: unknown } | null)?.matrix;
  if (typeof rawMatrix === 'string' && /\bneeds\./.test(rawMatrix))
    return "the matrix comes from an earlier job's outputs, so its legs are known only at run time";
  try {
    const expansion = expandMatrix(evaluateDeep(job.strategy, contexts));
    if (expansion.tooMany) scope.problems.push(`job "${scope.naming.idPrefix}${job.id}": ${expansion.tooMany}`);
    // The run fails such a job (readStrategy), as GitHub does: say it before, not after the other jobs ran.
    if (expansion.problems.length && expansion.legs.length === 0) {
      const fails = `${expansion.problems.join('; ')}; GitHub fails the job`;
      scope.problems.push(`job "${scope.naming.idPrefix}${job.id}": ${fails}`);
      return { fails };
    }
    return [...expansion.legs];
  } catch (error) {
    return `the matrix cannot be expanded: ${errorMessage(error)}`;
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
    return { willRun: false, reason: `skipped: if: ${condition} cannot be evaluated (${errorMessage(error)})` };
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
    return planStep(step, false, `skipped: if: ${condition} cannot be evaluated (${errorMessage(error)})`);
  }
}
