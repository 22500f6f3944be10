/**
 * What an Azure Pipelines file is: a pipeline, or a template of stages, jobs, steps or variables
 * (or one a pipeline `extends`). Read from its root keys; a file another one references with
 * `template:` is a template whatever its keys say.
 */
import { entryOf, keyText, valueOf, type AMap, type ANode } from './templates/tree';

export type AzureRole = 'pipeline' | 'stages-template' | 'jobs-template' | 'steps-template' | 'variables-template';

export const AZURE_ROLE_LABELS: Readonly<Record<AzureRole, string>> = {
  pipeline: 'pipeline',
  'stages-template': 'stages template',
  'jobs-template': 'jobs template',
  'steps-template': 'steps template',
  'variables-template': 'variables template',
};

/** Keys only a pipeline has (a template holding them would be refused by Azure DevOps). */
const PIPELINE_ONLY = ['trigger', 'pr', 'schedules', 'resources', 'name', 'appendCommitMessageToRunName', 'lockBehavior', 'extends'];

/** A parameter without a default: a pipeline's parameters all have one (they are chosen at queue time). */
function hasRequiredParameter(root: ANode): boolean {
  const parameters = valueOf(root, 'parameters');
  return parameters?.kind === 'seq' && parameters.items.some((item) => item.kind === 'map' && !entryOf(item, 'default'));
}

/** Whether `${{ }}` reads `parameters` in a file that declares none: only a template's caller can give them. */
function readsUndeclaredParameters(root: AMap): boolean {
  if (entryOf(root, 'parameters')) return false;
  const reads = (node: ANode, depth: number): boolean => {
    if (depth > 100) return false;
    if (node.kind === 'scalar') return typeof node.value === 'string' && node.value.includes('${{') && /\bparameters\b/.test(node.value);
    if (node.kind === 'seq') return node.items.some((item) => reads(item, depth + 1));
    return node.entries.some((entry) => reads(entry.key, depth + 1) || reads(entry.value, depth + 1));
  };
  return reads(root, 0);
}

/** Legacy map-form parameters (`parameters: { name: default }`) exist only in templates. */
const hasLegacyParameters = (root: ANode): boolean => valueOf(root, 'parameters')?.kind === 'map';

/** A file kept in a `templates` folder (templates/, core-templates/, templates-v2/…) is one by convention. */
const inTemplatesFolder = (path: string | undefined): boolean =>
  path !== undefined &&
  path
    .replace(/\\/g, '/')
    .split('/')
    .slice(0, -1)
    .some((segment) => /templates?/i.test(segment));

/** `path`: the file's path from the repository root, when known (a templates folder says "template"). */
export function azureRole(root: ANode | undefined, referencedAsTemplate = false, path?: string): AzureRole {
  if (root?.kind !== 'map') return 'pipeline';
  const keys = new Set(root.entries.map(keyText));
  const template =
    referencedAsTemplate ||
    (!PIPELINE_ONLY.some((key) => keys.has(key)) &&
      (hasRequiredParameter(root) || readsUndeclaredParameters(root) || hasLegacyParameters(root) || inTemplatesFolder(path)));
  if (keys.has('extends') && !referencedAsTemplate) return 'pipeline';
  if (keys.has('variables') && !keys.has('stages') && !keys.has('jobs') && !keys.has('steps'))
    return template || keys.size <= 2 ? 'variables-template' : 'pipeline';
  if (!template) return 'pipeline';
  if (keys.has('stages')) return 'stages-template';
  if (keys.has('jobs')) return 'jobs-template';
  return 'steps-template';
}

/**
 * A pipeline for sure, not a template nothing here includes: it holds a key only a pipeline has, or
 * is named as Azure DevOps names a new pipeline's file. Claims that need the pipeline's own
 * declarations (its `resources`) are made only then.
 */
export function isCertainlyPipeline(root: ANode | undefined, file: string): boolean {
  if (root?.kind === 'map' && root.entries.some((entry) => PIPELINE_ONLY.includes(keyText(entry)))) return true;
  return /(^|[\\/])\.?azure-pipelines\.ya?ml$/i.test(file);
}
