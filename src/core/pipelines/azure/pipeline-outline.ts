/**
 * What the Pipelines view shows of an Azure file: its role, and stages -> jobs -> steps after
 * expansion, each at the line a person wrote it (in the template for what a template brought
 * in). Plain data (it crosses from the validation worker). Pure over an expansion.
 */
import { pipelineModel, type AzureJob, type AzureStep, type DependsOn, type NamedNode } from './pipeline-model';
import type { AzureRole } from './roles';
import { scalarText, valueOf, type AMap, type Origin } from './templates/tree';
import type { Expansion } from './templates/expand';

/** Where to open: a file (absolute) and a 0-based line. */
export interface OutlinePlace {
  readonly file: string;
  readonly line: number;
}

export interface AzureOutlineStep {
  readonly label: string;
  readonly place: OutlinePlace;
}

export interface AzureOutlineJob {
  /** The job's name, else its display name, else "Job". */
  readonly label: string;
  readonly displayName: string | undefined;
  readonly kind: AzureJob['kind'];
  /** False for the job a `steps:` root implies (the view shows its steps directly). */
  readonly written: boolean;
  readonly dependsOn: readonly string[];
  readonly place: OutlinePlace;
  readonly steps: readonly AzureOutlineStep[];
}

export interface AzureOutlineStage {
  readonly label: string;
  readonly displayName: string | undefined;
  /** False for the stage a `jobs:` or `steps:` root implies (the view shows its jobs directly). */
  readonly written: boolean;
  readonly dependsOn: readonly string[];
  readonly place: OutlinePlace;
  readonly jobs: readonly AzureOutlineJob[];
}

export interface AzureOutline {
  readonly role: AzureRole;
  readonly stages: readonly AzureOutlineStage[];
  readonly counts: { readonly stages: number; readonly jobs: number; readonly steps: number };
  /** Set when the file could not be expanded (unreadable YAML, a template missing, a cycle, a limit): what is shown may be partial. */
  readonly problem: string | undefined;
}

/** Expansion problems that leave the expanded pipeline unknown, not just wrong somewhere. */
const BREAKS_EXPANSION = new Set(['azure-yaml', 'azure-template']);

const firstLine = (text: string | undefined): string | undefined =>
  text
    ?.split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();

const STEP_PREFIX: Readonly<Record<string, string>> = { checkout: 'checkout: ', download: 'download: ', publish: 'publish: ', template: 'template: ' };

/** A step's label: its displayName, else the task, else its script's first line, else its kind. */
function stepLabel(step: AzureStep): string {
  const node = step.node;
  const display = firstLine(scalarText(valueOf(node, 'displayName')));
  if (display) return display;
  const main = firstLine(scalarText(valueOf(node, step.kind)));
  if (main)
    return step.kind === 'task' || ['script', 'bash', 'pwsh', 'powershell'].includes(step.kind) ? main : `${STEP_PREFIX[step.kind] ?? `${step.kind}: `}${main}`;
  return step.kind === 'unknown' ? 'Step' : step.kind;
}

const dependsOnOf = (dependsOn: DependsOn): string[] => (dependsOn.names ?? []).map((name) => String(name.value));

const displayNameOf = (node: NamedNode): string | undefined => firstLine(scalarText(valueOf(node.node, 'displayName')));

export function outlineAzure(expansion: Expansion, role: AzureRole): AzureOutline {
  const placeOf = (origin: Origin): OutlinePlace => {
    const source = expansion.parsed.get(origin.file)?.source;
    return { file: origin.file, line: source ? source.positionAt(origin.start).line - 1 : 0 };
  };
  // A named node opens at its name's line; an implied one at its first key.
  const placeOfNode = (node: NamedNode): OutlinePlace => placeOf((node.nameNode ?? node.node).origin);
  const model = pipelineModel(expansion.root);
  const stages = model.stages.map((stage): AzureOutlineStage => {
    const displayName = displayNameOf(stage);
    return {
      label: stage.name ?? displayName ?? 'Stage',
      displayName,
      written: stage.written,
      dependsOn: dependsOnOf(stage.dependsOn),
      place: placeOfNode(stage),
      jobs: stage.jobs.map((job): AzureOutlineJob => {
        const jobDisplay = displayNameOf(job);
        const template = job.kind === 'template' ? scalarText(valueOf(job.node, 'template')) : undefined;
        return {
          label: job.name ?? (template ? `template: ${template}` : (jobDisplay ?? 'Job')),
          displayName: jobDisplay,
          kind: job.kind,
          written: job.node !== expansion.root,
          dependsOn: dependsOnOf(job.dependsOn),
          place: job.kind === 'template' || !job.nameNode ? placeOf((job.node as AMap).origin) : placeOfNode(job),
          steps: job.steps.map((step) => ({ label: stepLabel(step), place: placeOf(step.node.origin) })),
        };
      }),
    };
  });
  const jobs = stages.flatMap((stage) => stage.jobs);
  const broken = expansion.problems.find((problem) => problem.severity === 'error' && BREAKS_EXPANSION.has(problem.rule));
  return {
    role,
    stages,
    counts: { stages: stages.filter((stage) => stage.written).length, jobs: jobs.length, steps: jobs.reduce((sum, job) => sum + job.steps.length, 0) },
    problem: expansion.root === undefined && !broken ? undefined : broken?.message,
  };
}
