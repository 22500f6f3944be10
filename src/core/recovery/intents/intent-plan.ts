import type { FixPlan, Situation } from '../model';
import { stableId } from '../model';
import { guardFixes, keepResetTargets } from '../detectors/reset-guard';
import { readPathsChangedSince } from '../facts/read-facts';
import type { IntentContext } from './intent-context';
import { usage } from './intent-context';

/** The things a person can ask for by name, rather than Shipshape finding them. */
export type IntentName = 'undo-commit' | 'restore-file' | 'reword' | 'move-to-branch' | 'discard' | 'start-over';

/** Gives an intent's plan its stable id: over the intent, the shas and inputs involved, and the plan's name. */
export function intentPlan(intent: IntentName, name: string, parts: readonly string[], fields: Omit<FixPlan, 'id'>): FixPlan {
  return { id: stableId(`intent:${intent}`, ...parts, name), ...fields };
}

/** The ref HEAD moves: its branch, or HEAD itself when detached. */
export function headRefName(context: IntentContext): string {
  return context.facts.status.branch ? `refs/heads/${context.facts.status.branch}` : 'HEAD';
}

/**
 * Marks `reset --keep` plans that git would refuse now (a file the reset
 * changes has local edits), with the same words the diagnosis uses.
 */
export async function guardKeepResets(context: IntentContext, plans: readonly FixPlan[]): Promise<FixPlan[]> {
  // guardFixes works on situations; the kind only matters for 'in-progress', which intents never are.
  const wrapped: Situation = { id: '', kind: 'wrong-branch', title: '', explanation: '', evidence: [], fixes: plans, likelihood: 0 };
  const targets = context.facts.status.changes.length > 0 ? keepResetTargets([wrapped]) : [];
  const changed = new Map(
    await Promise.all(targets.map(async (target) => [target, await readPathsChangedSince(context.root, target, context.options)] as const)),
  );
  return guardFixes([wrapped], context.facts, changed)[0]?.fixes.slice() ?? [...plans];
}

const GLOB_OR_MAGIC = /[*?[\\]|^:/;

/**
 * A pathspec that matches exactly this path: git reads `*`, `?`, `[` and `\`
 * as a pattern (and a leading `:` as magic), so such names get `:(literal)`.
 * Plain names stay plain, so the commands read as a person would type them.
 */
export function exactPathspec(path: string): string {
  return GLOB_OR_MAGIC.test(path) ? `:(literal)${path}` : path;
}

/**
 * A path relative to the top of the work tree, as git prints it: forward
 * slashes (callers convert Windows paths), no `./`, nothing outside the
 * repository. '' means the whole tree.
 */
export function repoPath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || parts.includes('..')) {
    throw usage(`"${path}" is not a path inside the repository: give it relative to the repository's top folder.`);
  }
  return parts.join('/');
}

/** True when `path` is `folder` or lies inside it ('' is the whole tree). */
export function isWithin(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}
