/**
 * What Azure DevOps checks on stages and jobs after expansion, and no schema can: names that are
 * identifiers, names used once, `dependsOn` naming something that exists, no cycles (stages also
 * depend on the one before them unless `dependsOn` says otherwise). Nothing is claimed about a
 * list that holds a part not known offline (an undecided `${{ if }}`, another repository's
 * template).
 */
import { didYouMeanFix, uniqueNameFix, type AzureFix } from '../azure-fixes';
import type { AzureJob, AzurePipelineModel, AzureStage, DependsOn, NamedNode } from '../pipeline-model';
import type { AScalar, Origin } from '../templates/tree';

export interface AzureCheckFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly origin: Origin;
  readonly via?: readonly Origin[];
  /** A template cycle (see ExpansionProblem). */
  readonly cycle?: true;
  /** Edits that fix it, at the offsets written (see azure-fixes.ts). */
  readonly fixes?: readonly AzureFix[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const at = (node: AScalar): Pick<AzureCheckFinding, 'origin' | 'via'> => ({ origin: node.origin, ...(node.via ? { via: node.via } : {}) });

/** A list with a part not known offline: some names in it cannot be seen. */
const isOpen = (items: readonly (NamedNode & { kind?: string })[]): boolean =>
  items.some((item) => item.undecided || item.kind === 'template' || (!item.name && item.nameNode?.unknown));

function identifiers(what: 'Stage' | 'Job' | 'Step', items: readonly NamedNode[], out: AzureCheckFinding[]): void {
  for (const item of items)
    if (item.name !== undefined && item.nameNode && !IDENTIFIER.test(item.name))
      out.push({
        rule: 'azure-names',
        severity: 'error',
        message: `${what} name '${item.name}' is not valid: use only letters, digits and '_', not starting with a digit.`,
        ...at(item.nameNode),
      });
}

function duplicates(items: readonly NamedNode[], describe: (name: string) => string, out: AzureCheckFinding[]): void {
  const seen = new Map<string, NamedNode>();
  const names = items.flatMap((item) => (item.name === undefined ? [] : [item.name]));
  for (const item of items) {
    if (item.name === undefined || !item.nameNode) continue;
    const key = item.name.toLowerCase();
    const first = seen.get(key);
    // Two branches of an undecided `${{ if }}` may each define the name: only one runs.
    if (first && !first.undecided && !item.undecided)
      out.push({
        rule: 'azure-duplicate-names',
        severity: 'error',
        message: describe(item.name),
        ...at(item.nameNode),
        fixes: [uniqueNameFix(item.nameNode, names)],
      });
    if (!first) seen.set(key, item);
  }
}

interface GraphNode {
  readonly name: string;
  readonly dependsOn: DependsOn;
  readonly implicit?: string;
}

function dependencies(
  what: 'Stage' | 'Job',
  items: readonly (GraphNode & { nameNode?: AScalar | undefined })[],
  open: boolean,
  out: AzureCheckFinding[],
): void {
  const names = new Map(items.map((item) => [item.name.toLowerCase(), item]));
  const noun = what.toLowerCase();
  for (const item of items)
    for (const dependency of item.dependsOn.names ?? []) {
      const target = String(dependency.value);
      if (target === '' || names.has(target.toLowerCase()) || open) continue;
      const fixes = didYouMeanFix(
        dependency,
        items.filter((other) => other !== item).map((other) => other.name),
      );
      out.push({
        rule: 'azure-depends-on',
        severity: 'error',
        message: `${what} ${item.name} depends on unknown ${noun} ${target}.`,
        ...at(dependency),
        ...(fixes.length ? { fixes } : {}),
      });
    }
  // Cycles: depth-first over explicit and implicit edges; each cycle reported once, where it closes.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: GraphNode): void => {
    const key = item.name.toLowerCase();
    state.set(key, 'visiting');
    const edges: { target: string; node?: AScalar }[] = item.dependsOn.names
      ? item.dependsOn.names.map((node) => ({ target: String(node.value), node }))
      : item.implicit
        ? [{ target: item.implicit }]
        : [];
    for (const edge of edges) {
      const next = names.get(edge.target.toLowerCase());
      if (!next) continue;
      const nextState = state.get(edge.target.toLowerCase());
      if (nextState === 'visiting') {
        const node = edge.node ?? (item as { nameNode?: AScalar }).nameNode;
        if (node)
          out.push({
            rule: 'azure-depends-on',
            severity: 'error',
            message: `${what} ${item.name} depends on ${noun} ${next.name} which creates a cycle in the dependency graph.`,
            ...at(node),
          });
      } else if (nextState === undefined) visit(next);
    }
    state.set(key, 'done');
  };
  for (const item of items) if (!state.has(item.name.toLowerCase())) visit(item);
}

/** `partial`: the model is a template's part of a pipeline: names it depends on may be in the caller. */
export function checkGraph(model: AzurePipelineModel, partial = false): AzureCheckFinding[] {
  const out: AzureCheckFinding[] = [];
  const stages = model.stages.filter((stage) => stage.written);
  identifiers('Stage', stages, out);
  duplicates(stages, (name) => `Stage ${name} appears more than once: stage names must be unique.`, out);
  // Stages run after the one before them unless `dependsOn` is given.
  const graphStages: (GraphNode & { nameNode?: AScalar })[] = [];
  let previous: AzureStage | undefined;
  for (const stage of stages) {
    if (stage.name !== undefined)
      graphStages.push({
        name: stage.name,
        nameNode: stage.nameNode,
        dependsOn: stage.dependsOn,
        ...(previous?.name !== undefined && !stage.undecided ? { implicit: previous.name } : {}),
      });
    if (!stage.undecided) previous = stage;
  }
  dependencies('Stage', graphStages, partial || isOpen(stages) || stages.some((stage) => stage.dependsOn.unknown), out);
  const allJobs: AzureJob[] = [];
  for (const stage of model.stages) {
    const jobs = stage.jobs.filter((job) => job.kind !== 'template');
    allJobs.push(...jobs);
    identifiers('Job', jobs, out);
    duplicates(
      jobs,
      (name) => `Job ${name} appears more than once${stage.name ? ` in stage ${stage.name}` : ''}: job names must be unique within a stage.`,
      out,
    );
    dependencies(
      'Job',
      jobs.flatMap((job) => (job.name !== undefined ? [{ name: job.name, nameNode: job.nameNode, dependsOn: job.dependsOn }] : [])),
      partial || isOpen(stage.jobs) || stage.jobs.some((job) => job.dependsOn.unknown),
      out,
    );
  }
  for (const job of allJobs) {
    identifiers('Step', job.steps, out);
    duplicates(job.steps, (name) => `The step name ${name} appears more than once.`, out);
  }
  return out;
}
