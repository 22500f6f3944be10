/**
 * The stages, jobs and steps of an expanded Azure pipeline, in Azure's shape whatever the root
 * (`steps:` is one implied job, `jobs:` one implied stage). Pure over the expanded tree.
 */
import { entryOf, keyText, valueOf, type AMap, type ANode, type AScalar } from './templates/tree';

export interface NamedNode {
  /** The written name, or undefined when there is none (or it is not known offline). */
  readonly name: string | undefined;
  readonly nameNode: AScalar | undefined;
  readonly node: AMap;
  /** Inside an `${{ if }}` / `${{ each }}` that could not be decided. */
  readonly undecided: boolean;
}

export interface DependsOn {
  /** Undefined when `dependsOn` is absent (the implicit order applies). */
  readonly names: readonly AScalar[] | undefined;
  /** Some entry is not known offline: no claim can be made about it. */
  readonly unknown: boolean;
}

export interface AzureStep extends NamedNode {
  readonly kind: string;
}

export interface AzureJob extends NamedNode {
  readonly kind: 'job' | 'deployment' | 'template';
  readonly dependsOn: DependsOn;
  readonly steps: readonly AzureStep[];
}

export interface AzureStage extends NamedNode {
  /** False for the stage implied by a `jobs:` or `steps:` root. */
  readonly written: boolean;
  readonly dependsOn: DependsOn;
  readonly jobs: readonly AzureJob[];
}

export interface AzurePipelineModel {
  readonly stages: readonly AzureStage[];
}

export const STEP_KINDS = [
  'task',
  'script',
  'bash',
  'pwsh',
  'powershell',
  'checkout',
  'download',
  'downloadBuild',
  'getPackage',
  'publish',
  'upload',
  'reviewApp',
  'template',
  'restoreCache',
  'saveCache',
] as const;

const isUndecided = (node: ANode): boolean => node.undecided === true;

function named(node: AMap, key: string): Pick<NamedNode, 'name' | 'nameNode'> {
  const value = valueOf(node, key);
  const nameNode = value?.kind === 'scalar' ? value : undefined;
  const name = nameNode && !nameNode.unknown && nameNode.value !== null && nameNode.value !== '' ? String(nameNode.value) : undefined;
  return { name, nameNode };
}

function dependsOnOf(node: AMap): DependsOn {
  const entry = entryOf(node, 'dependsOn');
  if (!entry) return { names: undefined, unknown: false };
  const value = entry.value;
  if (value.kind === 'scalar') {
    if (value.unknown) return { names: [], unknown: true };
    return { names: value.value === null || value.value === '' ? [] : [value], unknown: false };
  }
  if (value.kind === 'seq') {
    const names = value.items.filter((item): item is AScalar => item.kind === 'scalar' && item.value !== null);
    return { names: names.filter((item) => !item.unknown), unknown: names.some((item) => item.unknown) || names.length !== value.items.length };
  }
  return { names: [], unknown: true };
}

const STEP_KIND_RANK = new Map<string, number>(STEP_KINDS.map((kind, rank) => [kind, rank]));

/** The first of STEP_KINDS the step has as a key (one pass over its keys), or 'unknown'. */
function stepKind(step: AMap): string {
  let first: number | undefined;
  for (const entry of step.entries) {
    const rank = STEP_KIND_RANK.get(keyText(entry));
    if (rank !== undefined && (first === undefined || rank < first)) first = rank;
  }
  return first === undefined ? 'unknown' : (STEP_KINDS[first] as string);
}

// Plain loops: every step of every expansion passes here, and a list per item (flatMap) and a spread cost more than the step.
function stepsOf(node: ANode | undefined): AzureStep[] {
  const steps: AzureStep[] = [];
  if (node?.kind !== 'seq') return steps;
  for (const item of node.items) {
    if (item.kind !== 'map') continue;
    const { name, nameNode } = named(item, 'name');
    steps.push({ kind: stepKind(item), name, nameNode, node: item, undecided: isUndecided(item) });
  }
  return steps;
}

function jobsOf(node: ANode | undefined): AzureJob[] {
  const jobs: AzureJob[] = [];
  if (node?.kind !== 'seq') return jobs;
  for (const item of node.items) {
    if (item.kind !== 'map') continue;
    const kind = entryOf(item, 'deployment') ? 'deployment' : entryOf(item, 'template') ? 'template' : 'job';
    const steps = kind === 'deployment' ? deploymentSteps(item) : stepsOf(valueOf(item, 'steps'));
    const { name, nameNode } = named(item, kind);
    jobs.push({ kind, name, nameNode, node: item, undecided: isUndecided(item), dependsOn: dependsOnOf(item), steps });
  }
  return jobs;
}

/** A deployment job's steps live in its strategy's lifecycle hooks. */
function deploymentSteps(job: AMap): AzureStep[] {
  const strategy = valueOf(job, 'strategy');
  if (strategy?.kind !== 'map') return [];
  const steps: AzureStep[] = [];
  const visit = (node: ANode | undefined, depth: number): void => {
    if (node?.kind !== 'map' || depth > 4) return;
    for (const entry of node.entries) {
      if (keyText(entry) === 'steps') steps.push(...stepsOf(entry.value));
      else visit(entry.value, depth + 1);
    }
  };
  visit(strategy, 0);
  return steps;
}

export function pipelineModel(root: ANode | undefined): AzurePipelineModel {
  if (root?.kind !== 'map') return { stages: [] };
  const stages = valueOf(root, 'stages');
  if (stages?.kind === 'seq')
    return {
      stages: stages.items.flatMap((item) =>
        item.kind === 'map'
          ? [
              {
                ...named(item, 'stage'),
                node: item,
                written: true,
                undecided: isUndecided(item),
                dependsOn: dependsOnOf(item),
                jobs: jobsOf(valueOf(item, 'jobs')),
              },
            ]
          : [],
      ),
    };
  const implied = { name: undefined, nameNode: undefined, node: root, written: false, undecided: false, dependsOn: { names: undefined, unknown: false } };
  if (entryOf(root, 'jobs')) return { stages: [{ ...implied, jobs: jobsOf(valueOf(root, 'jobs')) }] };
  if (entryOf(root, 'steps'))
    return {
      stages: [
        {
          ...implied,
          jobs: [
            {
              kind: 'job',
              name: undefined,
              nameNode: undefined,
              node: root,
              undecided: false,
              dependsOn: { names: undefined, unknown: false },
              steps: stepsOf(valueOf(root, 'steps')),
            },
          ],
        },
      ],
    };
  return { stages: [] };
}
