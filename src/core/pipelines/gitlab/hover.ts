/**
 * Hovers in a GitLab CI file: a keyword (what it does, its section of GitLab's YAML reference), a
 * predefined variable (`$CI_COMMIT_BRANCH`: when it is known and what it holds), and a job's name
 * (or an `extends:` base): its `extends` chain and every key it ends up with, each with where it
 * comes from (the job, a base, `default:`, the global keys and `variables`). The job is read
 * through the merged configuration, so bases and defaults of other files count: the repository's
 * `.gitlab-ci.yml` when it includes this file, else this file alone. Pure: files through `read`.
 */
import { join, relative } from 'node:path';
import type { HoverInfo } from '../hover';
import { scalarAt, type LocatedAt } from '../yaml/located-at';
import { keyText, valueOf, type AEntry, type AMap, type ANode, type Origin } from '../yaml/located-tree';
import { extendsNames } from './extends';
import { parseGitLabFile } from './gitlab-file';
import { GITLAB_VARIABLES_URL, GITLAB_YAML_URL, gitLabKeyDoc, type GitLabPlace } from './hover-docs';
import type { GitLabCursorRequest } from './definitions';
import { GLOBAL_KEYWORDS } from './jobs';
import { mergeGitLabConfig, type MergedGitLabConfig } from './merge';
import { PREDEFINED_VARIABLES } from './predefined-variables';
import { isRootName } from './validate-gitlab-files';

export type GitLabHoverRequest = GitLabCursorRequest;

const link = (text: string, url: string): string => `[${text}](${url})`;

export function gitLabHoverAt(request: GitLabHoverRequest): HoverInfo | undefined {
  const variable = variableAt(request.text, request.offset);
  if (variable) return variable;
  const parsed = parseGitLabFile(request.file, request.text);
  for (const [tree, header] of [
    [parsed.header, true],
    [parsed.root, false],
  ] as const) {
    const found = tree && scalarAt(tree, request.offset);
    if (!found) continue;
    const span: [number, number] = [found.scalar.origin.start, found.scalar.origin.end];
    if (header) return found.isKey && found.path.length === 1 ? keyHover('root', String(found.scalar.value), span) : undefined;
    return found.isKey ? keyAt(found, span, request) : valueAt(found, span, request);
  }
  return undefined;
}

/** `$CI_X`, `${CI_X}` or a bare `CI_X` (a key under `variables:`) that GitLab predefines. */
function variableAt(text: string, offset: number): HoverInfo | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(lineStart, newline < 0 ? text.length : newline);
  for (const match of line.matchAll(/[A-Z_][A-Z0-9_]*/g)) {
    const start = lineStart + match.index;
    const end = start + match[0].length;
    if (offset < start || offset > end) continue;
    const variable = PREDEFINED_VARIABLES.get(match[0]);
    if (!variable) return undefined;
    const known = {
      'pre-pipeline': 'Known before the pipeline is created: usable in `include: rules`, `workflow: rules`, `rules` and scripts.',
      pipeline: 'Known when the pipeline is created: usable in `workflow: rules`, `rules` and scripts (not in `include: rules`).',
      job: 'Set when a runner runs the job: usable in scripts only (not in `rules`, `workflow` or `include`).',
    }[variable.availability];
    const only = variable.only ? ` Set only in ${variable.only}.` : '';
    // The page's sections: the main table, and one for merge request (and external pull request) pipelines.
    const section = variable.only ? `#predefined-variables-for-${variable.only.replace(/s$/, '').replace(/ /g, '-')}s` : '#predefined-variables';
    return {
      contents: [
        `**$${match[0]}** (predefined)`,
        `${variable.doc}${only}`,
        known,
        link('Predefined CI/CD variables', `${GITLAB_VARIABLES_URL}${section}`),
      ].join('\n\n'),
      span: [start, end],
    };
  }
  return undefined;
}

function keyHover(place: GitLabPlace, key: string, span: [number, number]): HoverInfo | undefined {
  const doc = gitLabKeyDoc(place, key);
  return doc ? { contents: `**${key}**\n\n${doc.doc}\n\n${link('CI/CD YAML syntax reference', doc.url)}`, span } : undefined;
}

function keyAt(found: LocatedAt, span: [number, number], request: GitLabHoverRequest): HoverInfo | undefined {
  const key = String(found.scalar.value);
  const top = found.path[0]?.key ?? '';
  if (found.path.length === 1) return GLOBAL_KEYWORDS.has(key) ? keyHover('root', key, span) : jobHover(key, span, request);
  if (found.path.length !== 2) return undefined;
  if (top === 'default') return keyHover('default', key, span);
  if (top === 'workflow') return keyHover('workflow', key, span);
  if (top === 'include') return keyHover('include', key, span);
  return GLOBAL_KEYWORDS.has(top) ? undefined : keyHover('job', key, span);
}

/** An `extends:` base: what that job or template holds. */
function valueAt(found: LocatedAt, span: [number, number], request: GitLabHoverRequest): HoverInfo | undefined {
  const keys = found.path.map((step) => step.key);
  if (keys.length !== 2 || keys[1] !== 'extends' || GLOBAL_KEYWORDS.has(keys[0] as string) || found.list?.node.reference) return undefined;
  return jobHover(String(found.scalar.value), span, request);
}

/** The configuration the file is part of: the repository's `.gitlab-ci.yml` when it includes it, else the file alone. */
function mergedFor(request: GitLabHoverRequest): MergedGitLabConfig {
  const read = (file: string): string | undefined => (file === request.file ? request.text : request.read(file));
  const main = join(request.repositoryRoot, '.gitlab-ci.yml');
  if (request.file !== main && read(main) !== undefined) {
    const merged = mergeGitLabConfig({ file: main, repositoryRoot: request.repositoryRoot, read, list: request.list, fragment: true });
    if (merged.files.includes(request.file)) return merged;
  }
  return mergeGitLabConfig({ file: request.file, repositoryRoot: request.repositoryRoot, read, list: request.list, fragment: !isRootName(request.file) });
}

const contains = (outer: Origin, inner: Origin): boolean => outer.file === inner.file && outer.start <= inner.start && inner.start < outer.end;

function jobHover(name: string, span: [number, number], request: GitLabHoverRequest): HoverInfo | undefined {
  const merged = mergedFor(request);
  const root = merged.root;
  const job = merged.jobs.find((candidate) => candidate.name === name);
  if (!root || !job || job.node.kind !== 'map') return undefined;
  const lineOf = (origin: Origin): string => {
    const text = origin.file === request.file ? request.text : request.read(origin.file);
    const line = text === undefined ? '?' : String(text.slice(0, origin.start).split('\n').length);
    return origin.file === request.file ? `line ${line}` : `${relative(request.repositoryRoot, origin.file).split('\\').join('/')}:${line}`;
  };
  /** Who wrote a node: the root entry whose mapping holds it (this job, a base, `default:`, a global key). */
  const ownerOf = (origin: Origin): string => {
    const entry = root.entries.find((candidate) => contains(candidate.value.origin, origin) || contains(candidate.key.origin, origin));
    const owner = entry ? keyText(entry) : undefined;
    const where = lineOf(origin);
    if (owner === name) return `this job (${where})`;
    if (owner === 'default') return `\`default:\` (${where})`;
    if (owner !== undefined && GLOBAL_KEYWORDS.has(owner)) return `the global \`${owner}:\` (${where})`;
    return owner === undefined ? where : `\`${owner}\` (${where})`;
  };

  const hidden = name.startsWith('.');
  const stage = valueOf(job.effective, 'stage');
  const lines = [
    hidden
      ? `**${name}**: a hidden job (a template: it runs only through \`extends\` or \`!reference\`)`
      : `**${name}**: job, stage \`${stage?.kind === 'scalar' ? String(stage.value) : 'test'}\``,
  ];
  const chain = extendsChain(root, name);
  if (chain) lines.push(`Extends ${chain}`);
  const effective = (hidden ? job.node : job.effective) as AMap | undefined;
  const entries = (effective?.entries ?? []).filter((entry) => keyText(entry) !== 'extends');
  if (entries.length) lines.push(entries.map((entry) => `- \`${keyText(entry)}\`: ${sourcesOf(entry, ownerOf)}`).join('\n'));
  if (!hidden && merged.undecided) lines.push('_Part of the configuration is not known offline (an include not read, a rule not decided): it may add more._');
  lines.push(link('extends', `${GITLAB_YAML_URL}#extends`) + ' · ' + link('default', `${GITLAB_YAML_URL}#default`));
  return { contents: lines.join('\n\n'), span };
}

/** Where a key comes from; for a mapping merged from several places (`variables`), each of its keys. */
function sourcesOf(entry: AEntry, ownerOf: (origin: Origin) => string): string {
  const value: ANode = entry.value;
  const own = ownerOf(entry.key.origin);
  if (value.kind !== 'map' || value.entries.length === 0) return own;
  const byOwner = new Map<string, string[]>();
  for (const inner of value.entries) {
    const owner = ownerOf(inner.key.origin);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), keyText(inner)]);
  }
  if (byOwner.size === 1 && byOwner.has(own)) return own;
  return [...byOwner].map(([owner, keys]) => `${keys.map((key) => `\`${key}\``).join(', ')} from ${owner}`).join('; ');
}

/** `.base` → `.common`, or `[.a, .b]` with each base's own chain; undefined when the job extends nothing. */
function extendsChain(root: AMap, name: string): string | undefined {
  const describe = (current: string, seen: readonly string[]): string | undefined => {
    const entry = root.entries.find((candidate) => keyText(candidate) === current);
    const bases = extendsNames(valueOf(entry?.value, 'extends'));
    if (!bases.length || seen.length > 11) return undefined;
    return bases
      .map((base) => {
        if (seen.includes(base.name)) return `\`${base.name}\` (a cycle)`;
        const further = describe(base.name, [...seen, base.name]);
        return further ? `\`${base.name}\` → ${further}` : `\`${base.name}\``;
      })
      .join(', ');
  };
  return describe(name, [name]);
}
