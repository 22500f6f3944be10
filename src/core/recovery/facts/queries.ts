import type { CommitInfo, RecoveryFacts, RefInfo } from './types';

/** Questions the detectors ask of the facts; pure, no git. */

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

export function isFullSha(text: string): boolean {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(text);
}

export function findRef(facts: RecoveryFacts, name: string): RefInfo | undefined {
  return facts.refs.find((ref) => ref.name === name);
}

export function localBranchNames(facts: RecoveryFacts): string[] {
  return facts.refs.filter((ref) => ref.name.startsWith('refs/heads/')).map((ref) => ref.name.slice('refs/heads/'.length));
}

/** The ref HEAD moves when a fix resets: the branch, or HEAD itself when detached. */
export function currentRefName(facts: RecoveryFacts): string {
  return facts.status.branch ? `refs/heads/${facts.status.branch}` : 'HEAD';
}

/** The upstream's ref, when it is a remote-tracking branch that still exists. */
export function remoteUpstream(facts: RecoveryFacts): RefInfo | undefined {
  const { upstream, upstreamExists } = facts.status;
  return upstream && upstreamExists ? findRef(facts, `refs/remotes/${upstream}`) : undefined;
}

const USUAL_DEFAULTS = new Set(['main', 'master', 'trunk']);

/**
 * Whether `branch` is the default branch: the one the upstream's remote HEAD
 * names (refs/remotes/origin/HEAD, set by clone), else a conventional name.
 */
export function isDefaultBranch(facts: RecoveryFacts, branch: string): boolean {
  const upstream = facts.status.upstream;
  // refs/remotes/<remote>/HEAD for the upstream's remote: its target names the default branch.
  const remoteHead = facts.refs.find((ref) => {
    const remote = /^refs\/remotes\/(.+)\/HEAD$/.exec(ref.name)?.[1];
    return ref.target !== undefined && remote !== undefined && upstream?.startsWith(`${remote}/`);
  });
  if (remoteHead?.target) return remoteHead.target === `refs/remotes/${upstream}`;
  return USUAL_DEFAULTS.has(branch);
}

/**
 * The commits only the reflog still holds, reachable from `tip`, newest first.
 * Walking parents inside the reflog-only set is exact: a commit that some ref
 * holds makes all its ancestors held too, so the walk stops at the first one.
 */
export function reflogOnlyFrom(facts: RecoveryFacts, tip: string): CommitInfo[] {
  const found: CommitInfo[] = [];
  const seen = new Set<string>();
  const queue = [tip];
  while (queue.length > 0) {
    const sha = queue.shift() as string;
    const commit = facts.reflogOnly.get(sha);
    if (!commit || seen.has(sha)) continue;
    seen.add(sha);
    found.push(commit);
    queue.push(...commit.parents);
  }
  return found.sort((a, b) => b.time - a.time);
}

/**
 * True when `ancestor` is `tip` or lies just below the reflog-only commits of
 * `tip`: moving from `ancestor` to `tip` then drops nothing.
 */
export function isBelowReflogOnly(facts: RecoveryFacts, ancestor: string, tip: string): boolean {
  if (ancestor === tip) return true;
  return reflogOnlyFrom(facts, tip).some((commit) => commit.parents.includes(ancestor));
}

/**
 * A branch name that can be created now: `wanted` (or `wanted` + `suffix` when
 * that is taken), else with -2, -3, ... A name clashes when it exists or when
 * it would nest with one (a and a/b cannot both exist); under an existing
 * branch no number helps, so the slashes become dashes.
 */
export function freeBranchName(facts: RecoveryFacts, wanted: string, suffix = ''): string {
  const taken = localBranchNames(facts);
  const underBranch = (name: string) => taken.some((other) => name.startsWith(`${other}/`));
  const clashes = (name: string) => underBranch(name) || taken.some((other) => other === name || other.startsWith(`${name}/`));
  let first = suffix && clashes(wanted) ? `${wanted}${suffix}` : wanted;
  if (underBranch(first)) first = first.replace(/\//g, '-');
  if (!clashes(first)) return first;
  for (let n = 2; n < 10_000; n++) {
    if (!clashes(`${first}-${n}`)) return `${first}-${n}`;
  }
  return `${first}-${Date.now()}`;
}

/** A branch name for a commit when some ref points at it exactly, else its short sha. */
export function refNameAt(facts: RecoveryFacts, sha: string): string {
  const ref = facts.refs.find((candidate) => candidate.sha === sha && !candidate.name.endsWith('/HEAD'));
  if (!ref) return shortSha(sha);
  return ref.name.replace(/^refs\/(heads|remotes|tags)\//, '');
}
