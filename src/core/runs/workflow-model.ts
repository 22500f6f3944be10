import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { errorMessage } from '../errors';
import { scalarText } from '../pipelines/yaml/nodes';

/**
 * A workflow as the runner reads it: plain values straight from the YAML,
 * with the few shapes GitHub allows normalised (needs as a list, env as a
 * mapping). Expressions stay as text; they are evaluated when their
 * contexts exist.
 */
export type Plain = Readonly<Record<string, unknown>>;

export interface StepModel {
  /** 0-based position in the job's (or composite action's) steps. */
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly if: string | undefined;
  readonly run: string | undefined;
  readonly uses: string | undefined;
  readonly with: Plain;
  readonly env: Plain;
  readonly shell: string | undefined;
  readonly workingDirectory: string | undefined;
  readonly continueOnError: unknown;
  readonly timeoutMinutes: unknown;
}

export interface JobModel {
  readonly id: string;
  readonly name: string | undefined;
  readonly needs: readonly string[];
  readonly if: string | undefined;
  readonly runsOn: unknown;
  readonly strategy: unknown;
  readonly env: Plain;
  readonly defaults: RunDefaults;
  readonly steps: readonly StepModel[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly timeoutMinutes: unknown;
  readonly continueOnError: unknown;
  /** A reusable workflow call (`jobs.<id>.uses`). */
  readonly uses: string | undefined;
  readonly with: Plain;
  readonly secrets: unknown;
  /** Keys a local run cannot honour, kept to say so: services, container, environment, concurrency. */
  readonly raw: Plain;
  /** 0-based line of the job's key. */
  readonly line: number;
}

export interface RunDefaults {
  readonly shell: string | undefined;
  readonly workingDirectory: string | undefined;
}

export interface WorkflowModel {
  readonly name: string | undefined;
  readonly on: unknown;
  readonly env: Plain;
  readonly defaults: RunDefaults;
  readonly jobs: readonly JobModel[];
  readonly raw: Plain;
}

export type WorkflowRead = { readonly ok: true; readonly workflow: WorkflowModel } | { readonly ok: false; readonly problem: string };

export const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const plainOr = (value: unknown): Plain => (isPlain(value) ? value : {});
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** Reads a workflow file's text. Never throws: malformed YAML gives the parser's first problem. */
export function readWorkflow(source: string): WorkflowRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false, lineCounter });
  const error = doc.errors[0];
  if (error) {
    const at = lineCounter.linePos(error.pos[0]);
    return { ok: false, problem: `The YAML cannot be read (line ${at.line}): ${error.message.split('\n')[0]}` };
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 1000 });
  } catch (caught) {
    return { ok: false, problem: `The YAML cannot be read: ${errorMessage(caught)}` };
  }
  if (!isPlain(root)) return { ok: false, problem: 'The file is not a workflow: its top level is not a mapping.' };
  if (!isPlain(root.jobs)) return { ok: false, problem: 'The workflow has no "jobs" mapping.' };
  const jobLines = new Map<string, number>();
  const jobsNode = isMap(doc.contents) ? doc.contents.get('jobs', true) : undefined;
  if (isMap(jobsNode)) {
    for (const pair of jobsNode.items) {
      if (isScalar(pair.key) && pair.key.range) jobLines.set(scalarText(pair.key), lineCounter.linePos(pair.key.range[0]).line - 1);
    }
  }
  const jobs = Object.entries(root.jobs).map(([id, job]) => readJob(id, plainOr(job), jobLines.get(id) ?? 0));
  return {
    ok: true,
    workflow: { name: text(root.name), on: root.on ?? root.true, env: plainOr(root.env), defaults: readDefaults(root.defaults), jobs, raw: root },
  };
}

export function readDefaults(value: unknown): RunDefaults {
  const run = plainOr(plainOr(value).run);
  return { shell: text(run.shell), workingDirectory: text(run['working-directory']) };
}

function readJob(id: string, job: Plain, line: number): JobModel {
  const needs = Array.isArray(job.needs)
    ? job.needs.map(text).filter((need): need is string => need !== undefined)
    : text(job.needs) !== undefined
      ? [text(job.needs) as string]
      : [];
  const outputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(plainOr(job.outputs))) outputs[key] = text(value) ?? '';
  return {
    id,
    name: text(job.name),
    needs,
    if: text(job.if),
    runsOn: job['runs-on'],
    strategy: job.strategy,
    env: plainOr(job.env),
    defaults: readDefaults(job.defaults),
    steps: readSteps(job.steps),
    outputs,
    timeoutMinutes: job['timeout-minutes'],
    continueOnError: job['continue-on-error'],
    uses: text(job.uses),
    with: plainOr(job.with),
    secrets: job.secrets,
    raw: job,
    line,
  };
}

export function readSteps(value: unknown): StepModel[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw, index) => {
    const step = plainOr(raw);
    return {
      index,
      id: text(step.id),
      name: text(step.name),
      if: text(step.if),
      run: text(step.run),
      uses: text(step.uses),
      with: plainOr(step.with),
      env: plainOr(step.env),
      shell: text(step.shell),
      workingDirectory: text(step['working-directory']),
      continueOnError: step['continue-on-error'],
      timeoutMinutes: step['timeout-minutes'],
    };
  });
}

/** What a person calls a step in logs and views, as GitHub does: its name, else "Run <first line>", else the action. */
export function stepLabel(step: StepModel): string {
  if (step.name) return step.name;
  if (step.run !== undefined) return `Run ${step.run.trim().split('\n')[0] ?? ''}`.trim();
  if (step.uses) return `Run ${step.uses}`;
  return `Step ${step.index + 1}`;
}
