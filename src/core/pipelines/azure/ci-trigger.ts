/**
 * Whether a push starts an Azure Pipelines CI run, from the pipeline's `trigger:` as Azure DevOps
 * documents it: no `trigger` means every branch, `trigger: none` means none, a list names branches,
 * a mapping has `branches`/`paths` with `include`/`exclude` (exclude wins; `*` and `?` wildcards;
 * a path without wildcards is a folder prefix). Pure: the caller gives the branch and the changed paths.
 */
import { scalarText, valueOf, type ANode } from '../yaml/located-tree';

export interface AzureTriggerAnswer {
  /** undefined when it cannot be decided offline (an expression, a shape Azure would refuse). */
  readonly willRun: boolean | undefined;
  readonly reason: string;
}

/** A branch or path filter entry as a test: Azure's `*` and `?` (a `*` crosses `/`). */
function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*+/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

const shortBranch = (name: string): string => name.replace(/^refs\/heads\//, '');

function matchesBranch(pattern: string, branch: string): boolean {
  return wildcard(shortBranch(pattern.trim())).test(branch);
}

function matchesPath(pattern: string, path: string): boolean {
  const clean = pattern.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  if (clean === '' || clean === '*') return true;
  if (/[*?]/.test(clean)) return wildcard(clean).test(path);
  return path === clean || path.startsWith(`${clean}/`);
}

/** Texts of a list node (a single scalar counts as a one-item list); undefined when an item is not plain text. */
function textList(node: ANode | undefined): string[] | undefined {
  if (!node) return [];
  if (node.kind === 'scalar') return node.value === null ? [] : [String(node.value)];
  if (node.kind !== 'seq') return undefined;
  const texts = node.items.map(scalarText);
  return texts.every((text): text is string => text !== undefined) ? texts : undefined;
}

const hasExpression = (texts: readonly string[]): boolean => texts.some((text) => /\$\{\{|\$\[|\$\(/.test(text));

/** A filter's include/exclude lists; a plain list is an include list. */
function includeExclude(node: ANode | undefined): { include: string[]; exclude: string[] } | undefined {
  if (node?.kind === 'map') {
    const include = textList(valueOf(node, 'include'));
    const exclude = textList(valueOf(node, 'exclude'));
    return include && exclude ? { include, exclude } : undefined;
  }
  const include = textList(node);
  return include ? { include, exclude: [] } : undefined;
}

/** The answer for a push of `branch` that changes `changedPaths` (repository-relative, `/`-separated). */
export function azureCiTrigger(root: ANode | undefined, branch: string, changedPaths: readonly string[]): AzureTriggerAnswer {
  const trigger = valueOf(root, 'trigger');
  if (trigger === undefined) return { willRun: true, reason: 'no trigger: is set, so a push to any branch runs it' };
  const text = scalarText(trigger);
  if (trigger.kind === 'scalar') {
    if (text === 'none') return { willRun: false, reason: 'trigger: none (CI runs are off)' };
    if (text === undefined) return { willRun: true, reason: 'trigger: is empty, so a push to any branch runs it' };
  }
  const branchNode = trigger.kind === 'map' ? valueOf(trigger, 'branches') : trigger;
  const branches = includeExclude(branchNode);
  const paths = trigger.kind === 'map' ? includeExclude(valueOf(trigger, 'paths')) : { include: [], exclude: [] };
  if (!branches || !paths) return { willRun: undefined, reason: 'its trigger: is written in a form Shipshape does not read' };
  if (hasExpression([...branches.include, ...branches.exclude, ...paths.include, ...paths.exclude]))
    return { willRun: undefined, reason: 'its trigger: holds an expression, which is not decided offline' };
  // A mapping without branches (only paths, or batch) triggers on every branch, as Azure DevOps does.
  const includes = branches.include.length ? branches.include : branchNode === undefined ? ['*'] : [];
  const excluded = branches.exclude.find((pattern) => matchesBranch(pattern, branch));
  if (excluded) return { willRun: false, reason: `branch ${branch} is excluded by trigger branches "${excluded}"` };
  const included = includes.find((pattern) => matchesBranch(pattern, branch));
  if (!included) return { willRun: false, reason: `branch ${branch} is not in trigger branches (${includes.join(', ') || 'none'})` };
  if (paths.include.length === 0 && paths.exclude.length === 0) return { willRun: true, reason: `a push to ${branch} matches trigger branches "${included}"` };
  const counted = changedPaths.filter(
    (path) =>
      (paths.include.length === 0 || paths.include.some((pattern) => matchesPath(pattern, path))) &&
      !paths.exclude.some((pattern) => matchesPath(pattern, path)),
  );
  return counted.length
    ? { willRun: true, reason: `${counted[0]}${counted.length > 1 ? ` and ${counted.length - 1} more` : ''} match the trigger's paths` }
    : { willRun: false, reason: "no changed file matches the trigger's paths" };
}
