/**
 * A GitLab CI configuration merged as GitLab builds it, offline and pure (files come through
 * `read` and `list`): includes with their inputs, then `extends`, then `!reference`, then script
 * arrays flattened. What cannot be known offline (other projects, include rules, variables in
 * paths) leaves the result `undecided`, so checks avoid claims that depend on it. Every node keeps
 * where it was written, and the include lines that brought it in.
 */
import { keyText, type AEntry, type AMap, type ANode, type Origin } from '../yaml/located-tree';
import { applyExtends } from './extends';
import type { GitLabFinding } from './finding';
import type { GitLabFile } from './gitlab-file';
import { Includer, type IncludeRequest } from './includes';
import { gitLabJobs, type GitLabJob } from './jobs';
import { resolveReferences } from './references';
import { isHiddenName } from './tree-ops';

export interface GitLabMergeRequest extends IncludeRequest {
  /**
   * The file is a fragment checked on its own (reached by an include from elsewhere): the jobs,
   * stages and templates it uses may be defined by files not seen here.
   */
  readonly fragment?: boolean;
}

export interface MergedGitLabConfig {
  readonly root: AMap | undefined;
  readonly problems: readonly GitLabFinding[];
  /** Every file read, the entry first. */
  readonly files: readonly string[];
  /** Something is not known offline: jobs, stages or keys may come from it. */
  readonly undecided: boolean;
  readonly jobs: readonly GitLabJob[];
  readonly parsed: ReadonlyMap<string, GitLabFile>;
  /**
   * The include lines that brought a node in, outermost first (none for the entry file's own): its
   * labels, else its file's chain when the file was merged as its parse's own tree (includes.ts).
   */
  readonly viaOf: (node: Located) => readonly Origin[] | undefined;
}

type Located = { readonly origin: Origin; readonly via?: readonly Origin[] };

/** Findings with the include lines of the nodes they were made at (a node merged unlabelled gives its file's). */
export function withIncludeLines(findings: readonly GitLabFinding[], merged: Pick<MergedGitLabConfig, 'viaOf'>): GitLabFinding[] {
  return findings.map((finding) => {
    if (finding.via) return finding;
    const via = merged.viaOf(finding);
    return via ? { ...finding, via } : finding;
  });
}

const SCRIPT_KEYS = new Set(['script', 'before_script', 'after_script']);
export const MAX_SCRIPT_NESTING = 10;

const depthOf = (node: ANode): number => (node.kind === 'seq' ? 1 + Math.max(0, ...node.items.map(depthOf)) : 0);

/** A list with its nested lists spliced in; the list itself when none is nested (most scripts). */
function flatten(node: ANode): ANode {
  if (node.kind !== 'seq' || !node.items.some((item) => item.kind === 'seq')) return node;
  const items: ANode[] = [];
  const add = (item: ANode): void => {
    if (item.kind === 'seq') item.items.forEach(add);
    else items.push(item);
  };
  node.items.forEach(add);
  return { ...node, items };
}

/** `entries` with `change` applied, or undefined when it changed none (nothing is copied then). */
function changedEntries(entries: readonly AEntry[], change: (entry: AEntry) => AEntry): AEntry[] | undefined {
  let changed: AEntry[] | undefined;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as AEntry;
    const next = change(entry);
    if (next !== entry) changed ??= entries.slice(0, index);
    changed?.push(next);
  }
  return changed;
}

/**
 * Each job flattened, by its node and name, when that told nothing: after an edit most jobs are the
 * same objects (parse-cache.ts, references.ts), and so stay their flattened copies.
 */
const flattenedJobs = new WeakMap<ANode, { readonly name: string; readonly flat: ANode }>();

/** Script arrays flattened (GitLab accepts nested arrays up to 10 levels, as `!reference` makes them). */
function flattenScripts(root: AMap, problems: GitLabFinding[]): AMap {
  const job = (name: string, value: ANode): ANode => {
    if (value.kind !== 'map') return value;
    const known = flattenedJobs.get(value);
    if (known?.name === name) return known.flat;
    const told = problems.length;
    const flat = flattenedJob(name, value);
    if (flat !== value && problems.length === told) flattenedJobs.set(value, { name, flat });
    return flat;
  };
  const flattenedJob = (name: string, value: AMap): ANode => {
    const entries = changedEntries(value.entries, (entry) => {
      const key = keyText(entry);
      if (!SCRIPT_KEYS.has(key) || entry.value.kind !== 'seq') return entry;
      const flat = flatten(entry.value);
      if (flat === entry.value) return entry;
      if (name && !isHiddenName(name) && depthOf(entry.value) > MAX_SCRIPT_NESTING)
        problems.push({
          rule: 'gitlab-job',
          severity: 'error',
          message: `jobs:${name}:${key} config should be a string or a nested array of strings up to ${MAX_SCRIPT_NESTING} levels deep`,
          origin: entry.key.origin,
          ...(entry.key.via ? { via: entry.key.via } : {}),
        });
      return { key: entry.key, value: flat };
    });
    return entries ? { ...value, entries } : value;
  };
  const entries = changedEntries(root.entries, (entry) => {
    const name = keyText(entry);
    const value = name === 'default' ? job('', entry.value) : SCRIPT_KEYS.has(name) ? flatten(entry.value) : job(name, entry.value);
    return value === entry.value ? entry : { key: entry.key, value };
  });
  return entries ? { ...root, entries } : root;
}

/** A file included twice (with other inputs, or by two files) tells its own problems once. */
function unique(problems: readonly GitLabFinding[]): GitLabFinding[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.origin.file}\0${problem.origin.start}\0${problem.rule}\0${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function mergeGitLabConfig(request: GitLabMergeRequest): MergedGitLabConfig {
  const includer = new Includer(request);
  const included = includer.run();
  const problems: GitLabFinding[] = [...includer.problems];
  let open = included.open || request.fragment === true;
  let root = included.root;
  if (root) {
    root = applyExtends(root, open, problems);
    const referenced = resolveReferences(root, open, problems);
    root = flattenScripts(referenced.root, problems);
    open ||= referenced.unresolved;
  }
  const viaOf = (node: Located): readonly Origin[] | undefined => node.via ?? included.chains.get(node.origin.file);
  return {
    root,
    problems: withIncludeLines(unique(problems), { viaOf }),
    files: included.files,
    undecided: open,
    jobs: gitLabJobs(root),
    parsed: included.parsed,
    viaOf,
  };
}
