import type { Git } from '../../git/git';

/** Our own namespace: snapshots live here and are never part of what a fix or an undo compares. */
export const SHIPSHAPE_REF_PREFIX = 'refs/shipshape/';
export const SNAPSHOT_REF_PREFIX = 'refs/shipshape/snapshots/';
/** Put before `--all` (rev-list, log): every ref but ours. Detection judges what is lost as if our refs were not there. */
export const NOT_OURS = [`--exclude=${SHIPSHAPE_REF_PREFIX}*`] as const;

/**
 * What detection counts as held, after `--not`: every ref but ours, and the
 * backups (`before/`) of the fixes still applied, whose commits are left
 * behind on purpose and come back with `fix --undo`. An undone fix's or an
 * undo's snapshot holds nothing here, so the mistake it brought back shows again.
 */
export function keptRefs(appliedFixSnapshots: readonly string[]): string[] {
  return [...NOT_OURS, '--all', ...appliedFixSnapshots.map((id) => `--glob=${SNAPSHOT_REF_PREFIX}${id}/before/*`)];
}

/** HEAD: the branch it names (possibly unborn, then sha is null), or a detached commit. */
export interface HeadState {
  readonly symbolic: string | null;
  readonly sha: string | null;
}

/** Every ref and the object it holds, except symbolic refs (their targets are listed) and ours. */
export async function readRefs(git: Git): Promise<Map<string, string>> {
  const output = await git.raw(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)']);
  const refs = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [name, sha, symref] = line.split('\0');
    if (!name || !sha || symref || name.startsWith(SHIPSHAPE_REF_PREFIX)) continue;
    refs.set(name, sha);
  }
  return refs;
}

export async function readHead(git: Git): Promise<HeadState> {
  const [symbolic, sha] = await Promise.all([git.tryRaw(['symbolic-ref', '-q', 'HEAD']), git.tryRaw(['rev-parse', '-q', '--verify', 'HEAD'])]);
  return { symbolic: symbolic?.trim() || null, sha: sha?.trim() || null };
}

export function sameHead(a: HeadState, b: HeadState): boolean {
  return a.symbolic === b.symbolic && a.sha === b.sha;
}

export function describeHead(head: HeadState): string {
  if (head.symbolic) return head.sha ? `${head.symbolic} at ${head.sha}` : `${head.symbolic} (no commits yet)`;
  return head.sha ? `detached at ${head.sha}` : 'missing';
}

/** Refs whose value differs between two listings: before/after, null when absent. */
export function changedRefs(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): Record<string, { before: string | null; after: string | null }> {
  const changes: Record<string, { before: string | null; after: string | null }> = {};
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(name) ?? null;
    const now = after.get(name) ?? null;
    if (was !== now) changes[name] = { before: was, after: now };
  }
  return changes;
}
