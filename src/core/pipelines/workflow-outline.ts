import { LineCounter, parseDocument, type Document } from 'yaml';
import { isMap, isScalar } from './yaml/identity';
import { scalarText } from './yaml/nodes';
import type { SourceFile } from './yaml/source-file';
import { errorMessage } from '../errors';

export interface JobOutline {
  readonly id: string;
  readonly name: string | undefined;
  readonly needs: readonly string[];
  readonly runsOn: string | undefined;
  readonly steps: readonly string[];
  /** 0-based line of the job's key, for "reveal in editor". */
  readonly line: number;
}

export interface WorkflowOutline {
  readonly name: string | undefined;
  readonly jobs: readonly JobOutline[];
  /** Set when the YAML could not be read; jobs is then empty. */
  readonly problem: string | undefined;
}

type Plain = Record<string, unknown>;

const isRecord = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/**
 * The jobs and steps of a GitHub Actions workflow, for tree views and plans.
 * Never throws: malformed YAML yields a problem and no jobs.
 */
export function outlineWorkflow(text: string): WorkflowOutline {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, lineCounter });
  return outlineDocument(doc, (offset) => lineCounter.linePos(offset).line - 1);
}

/** The same outline from the validator's parse (the validation worker has it at hand): no second parse. */
export function outlineSource(source: SourceFile): WorkflowOutline {
  return outlineDocument(source.doc, (offset) => source.positionAt(offset).line - 1);
}

/** `lineAt` turns an offset into a 0-based line. */
function outlineDocument(doc: Document, lineAt: (offset: number) => number): WorkflowOutline {
  if (doc.errors.length > 0) return { name: undefined, jobs: [], problem: doc.errors[0]?.message.split('\n')[0] };
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { name: undefined, jobs: [], problem: errorMessage(error) };
  }
  if (!isRecord(root)) return { name: undefined, jobs: [], problem: 'The file is not a YAML mapping.' };
  const lineOf = jobLineFinder(doc, lineAt);
  const jobs = isRecord(root.jobs) ? Object.entries(root.jobs) : [];
  return {
    name: asText(root.name),
    problem: undefined,
    jobs: jobs.map(([id, job]) => outlineJob(id, isRecord(job) ? job : {}, lineOf(id))),
  };
}

function outlineJob(id: string, job: Plain, line: number): JobOutline {
  const needs = Array.isArray(job.needs) ? job.needs.map(asText).filter((v): v is string => !!v) : asText(job.needs) ? [asText(job.needs) as string] : [];
  const runsOn = Array.isArray(job['runs-on']) ? job['runs-on'].map(asText).join(', ') : asText(job['runs-on']);
  const steps = Array.isArray(job.steps)
    ? job.steps.map(
        (step, index) => (isRecord(step) ? (asText(step.name) ?? asText(step.uses) ?? firstLine(asText(step.run))) : undefined) ?? `Step ${index + 1}`,
      )
    : job.uses
      ? [`uses ${asText(job.uses)}`]
      : [];
  return { id, name: asText(job.name), needs, runsOn, steps, line };
}

function firstLine(text: string | undefined): string | undefined {
  return text
    ?.split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

/** The 0-based line of each job's key, from the parsed document's node ranges. */
function jobLineFinder(doc: Document, lineAt: (offset: number) => number): (jobId: string) => number {
  const lines = new Map<string, number>();
  const jobs = doc.get('jobs', true);
  if (isMap(jobs)) {
    for (const pair of jobs.items) {
      if (isScalar(pair.key) && pair.key.range) lines.set(scalarText(pair.key), lineAt(pair.key.range[0]));
    }
  }
  return (jobId) => lines.get(jobId) ?? 0;
}
