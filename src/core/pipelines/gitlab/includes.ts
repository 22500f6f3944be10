/**
 * `include:` as GitLab processes it: each included file's own includes first, the includes
 * deep-merged in order (a later one wins), the including file's own content over them. Only
 * `local` files resolve offline (from the repository root, wildcards too); `project`, `remote`,
 * `template` and `component` are reported as not resolved and leave the configuration open.
 */
import { join } from 'node:path';
import { keyText, scalarText, valueOf, type AMap, type ANode, type Origin } from '../yaml/located-tree';
import type { GitLabFinding } from './finding';
import type { GitLabFile } from './gitlab-file';
import { parsedGitLabFile } from './parse-cache';
import { isIncludeGlob, matchIncludeGlob, normalizeLocal } from './include-paths';
import { bindInputs, interpolated, readInputSpecs, type InputProblem } from './inputs';
import { includeRulesDecision } from './include-rules';
import { includeItemProblems } from './check-entries';
import { deepMerge, relabel } from './tree-ops';

export const MAX_INCLUDES = 150;

export interface IncludeRequest {
  readonly file: string;
  readonly repositoryRoot: string;
  readonly read: (file: string) => string | undefined;
  /** The repository's files, relative to its root with forward slashes (for wildcard includes). */
  readonly list: () => readonly string[];
  /** Files already parsed (by text), shared by the configurations of one repository. */
  readonly cache?: Map<string, GitLabFile>;
  /**
   * Whether a file exists (absolute path), for `include: rules: exists:`; without it the file is read
   * (a lockfile named there would be read on every check: the editor and lint pass a stat).
   */
  readonly exists?: (file: string) => boolean;
}

/** One entry of `include:` as written. */
export interface IncludeEntry {
  readonly at: Origin;
  readonly local?: { readonly path: string; readonly at: Origin };
  /** `project`, `remote`, `template` or `component`: what cannot be read offline. */
  readonly external?: { readonly kind: string; readonly target: string };
  readonly inputs?: AMap;
  readonly rules?: ANode;
}

/** The entries of an `include:` value: a string, a map, or a list of either. */
export function includeEntries(include: ANode | undefined): IncludeEntry[] {
  if (!include) return [];
  const items = include.kind === 'seq' ? include.items : [include];
  const entries: IncludeEntry[] = [];
  for (const item of items) {
    if (item.kind === 'scalar' && typeof item.value === 'string') {
      const remote = /^https?:\/\//i.test(item.value);
      entries.push(
        remote ? { at: item.origin, external: { kind: 'remote', target: item.value } } : { at: item.origin, local: { path: item.value, at: item.origin } },
      );
      continue;
    }
    if (item.kind !== 'map') continue;
    const inputs = valueOf(item, 'inputs');
    const rules = valueOf(item, 'rules');
    const common = { at: item.origin, ...(inputs?.kind === 'map' ? { inputs } : {}), ...(rules ? { rules } : {}) };
    const local = valueOf(item, 'local');
    if (local?.kind === 'scalar' && typeof local.value === 'string') entries.push({ ...common, local: { path: local.value, at: local.origin } });
    else
      for (const kind of ['project', 'remote', 'template', 'component'])
        if (valueOf(item, kind)) {
          const target = scalarText(valueOf(item, kind)) ?? '';
          const files = valueOf(item, 'file');
          const named = kind === 'project' && files ? ` (${files.kind === 'seq' ? files.items.map(scalarText).join(', ') : scalarText(files)})` : '';
          entries.push({ ...common, external: { kind, target: target + named } });
          break;
        }
  }
  return entries;
}

export interface IncludeResult {
  readonly root: AMap | undefined;
  readonly files: readonly string[];
  readonly parsed: ReadonlyMap<string, GitLabFile>;
  /** Something brought in by `include:` is not known offline (another project, a rule not decided, a variable in a path). */
  readonly open: boolean;
  /** The include lines of each file whose nodes were merged unlabelled (its first inclusion), outermost first. */
  readonly chains: ReadonlyMap<string, readonly Origin[]>;
}

export class Includer {
  readonly problems: GitLabFinding[] = [];
  readonly parsed = new Map<string, GitLabFile>();
  private readonly files: string[] = [];
  private readonly chains = new Map<string, readonly Origin[]>();
  private count = 0;
  private listed: readonly string[] | undefined;
  open = false;

  constructor(private readonly request: IncludeRequest) {}

  private parse(file: string): GitLabFile | undefined {
    const known = this.parsed.get(file);
    if (known) return known;
    const text = this.request.read(file);
    if (text === undefined) return undefined;
    const cached = this.request.cache?.get(file);
    const parsed = cached && cached.text === text ? cached : parsedGitLabFile(file, text);
    this.request.cache?.set(file, parsed);
    this.parsed.set(file, parsed);
    if (!this.files.includes(file)) this.files.push(file);
    return parsed;
  }

  private report(rule: string, severity: GitLabFinding['severity'], message: string, origin: Origin, via: readonly Origin[], cycle = false): void {
    this.problems.push({ rule, severity, message, origin, ...(via.length ? { via } : {}), ...(cycle ? { cycle: true as const } : {}) });
  }

  run(): IncludeResult {
    const root = this.expand(this.request.file, [], [], false, undefined, undefined);
    return { root, files: this.files, parsed: this.parsed, open: this.open, chains: this.chains };
  }

  /** One file with its includes merged under it; undefined when it cannot be read. */
  private expand(
    file: string,
    via: readonly Origin[],
    stack: readonly string[],
    undecided: boolean,
    inputs: AMap | undefined,
    at: Origin | undefined,
  ): AMap | undefined {
    const parsed = this.parse(file);
    if (!parsed) return undefined;
    if (!this.reported.has(file)) {
      this.reported.add(file);
      for (const problem of parsed.problems) this.report(problem.rule, problem.severity, problem.message, problem.origin, via);
    }
    let content: ANode | undefined = parsed.root;
    const specs = readInputSpecs(parsed.header);
    const inputProblems: InputProblem[] = [];
    if (specs && content) {
      const bound = bindInputs(specs, at ? (inputs ?? emptyInputs(at)) : undefined, at ?? content.origin);
      inputProblems.push(...bound.problems);
      content = interpolated(content, bound.values, inputProblems);
    } else if (inputs && inputs.entries.length && at)
      inputProblems.push({ message: 'Given inputs not defined in the `spec` section of the included configuration file', origin: at });
    for (const problem of inputProblems)
      this.report('gitlab-inputs', 'error', problem.message, problem.origin, problem.origin.file === file ? via : via.slice(0, -1));
    if (!content) {
      if (at) this.report('gitlab-include', 'error', `Local file \`${this.relative(file)}\` is empty!`, at, via.slice(0, -1));
      return undefined;
    }
    if (content.kind !== 'map') {
      this.report('gitlab-yaml', 'error', 'Invalid configuration format: the configuration should be a hash of keys and values.', content.origin, via);
      return undefined;
    }
    // A file's first inclusion is merged as its parse's own tree: the include lines of its nodes are
    // the file's chain, looked up when a finding needs them (viaOf in merge.ts), so an edit builds one
    // tree of the edited file, not a labelled copy too. A later inclusion, an undecided one, or one
    // whose inputs put the includer's nodes in the tree gets a labelled copy (explicit labels win).
    const plain = via.length > 0 && !undecided && content === parsed.root && !this.chains.has(file);
    if (plain) this.chains.set(file, via);
    const own = (plain ? content : relabel(content, via, undecided)) as AMap;
    let merged: ANode | undefined;
    for (const problem of includeItemProblems(valueOf(own, 'include'))) this.report('gitlab-include', 'error', problem.message, problem.node.origin, via);
    for (const entry of includeEntries(valueOf(own, 'include'))) {
      const child = this.include(entry, via, [...stack, file], undecided);
      for (const part of child) merged = merged ? deepMerge(merged, part) : part;
    }
    const body: AMap = { ...own, entries: own.entries.filter((entry) => keyText(entry) !== 'include') };
    return (merged ? deepMerge(merged, body) : body) as AMap;
  }

  private readonly reported = new Set<string>();

  private relative(file: string): string {
    const root = this.request.repositoryRoot.replace(/[\\/]+$/, '');
    return file.startsWith(root) ? file.slice(root.length + 1).replace(/\\/g, '/') : file;
  }

  private include(entry: IncludeEntry, via: readonly Origin[], stack: readonly string[], undecided: boolean): AMap[] {
    const outer = via;
    if (entry.external) {
      this.open = true;
      this.report(
        'gitlab-include',
        'info',
        `include ${entry.external.kind}: ${entry.external.target} is not resolved offline: what it defines is not checked, and checks that depend on it are skipped.`,
        entry.at,
        outer,
      );
      return [];
    }
    const local = entry.local;
    if (!local) return [];
    let maybe = undecided;
    if (entry.rules) {
      const decision = includeRulesDecision(entry.rules, {
        exists: (path) => {
          const file = join(this.request.repositoryRoot, ...path.split('/'));
          return this.request.exists ? this.request.exists(file) : this.request.read(file) !== undefined;
        },
        list: () => (this.listed ??= this.request.list()),
      });
      if (decision === 'no') return [];
      if (decision === 'maybe') {
        maybe = true;
        this.open = true;
      }
    }
    if (local.path.includes('$')) {
      this.open = true;
      this.report('gitlab-include', 'info', `include local: ${local.path} names a variable: it is not resolved offline.`, local.at, outer);
      return [];
    }
    const paths = isIncludeGlob(local.path) ? matchIncludeGlob(local.path, (this.listed ??= this.request.list())) : [normalizeLocal(local.path)];
    const results: AMap[] = [];
    for (const path of paths) {
      if (!/\.ya?ml$/i.test(path)) {
        this.report('gitlab-include', 'error', `Included file \`${local.path}\` does not have YAML extension!`, local.at, outer);
        continue;
      }
      const target = join(this.request.repositoryRoot, ...path.split('/'));
      if (stack.includes(target)) {
        this.report(
          'gitlab-include',
          'error',
          `Include \`${path}\` is already being included by this chain of includes: the includes form a cycle.`,
          local.at,
          outer,
          true,
        );
        continue;
      }
      if (++this.count > MAX_INCLUDES) {
        if (this.count === MAX_INCLUDES + 1) this.report('gitlab-include', 'error', `Maximum of ${MAX_INCLUDES} nested includes are allowed!`, local.at, outer);
        return results;
      }
      if (this.request.read(target) === undefined) {
        this.report('gitlab-include', 'error', `Local file \`${path}\` does not exist!`, local.at, outer);
        continue;
      }
      const expanded = this.expand(target, [...via, entry.at], stack, maybe, entry.inputs, entry.at);
      if (expanded) results.push(expanded);
    }
    return results;
  }
}

const emptyInputs = (at: Origin): AMap => ({ kind: 'map', entries: [], origin: at });
