/**
 * Go to definition in a GitLab CI file, pure (files are read through `read`, listed through
 * `list`): from an `extends:`, `needs:` or `dependencies:` name to the job it names, from
 * `!reference [job, key, ...]` to the job or the key inside it, from an `include: local` path to
 * the file. A job defined in another file is found through the merged configuration, whose nodes
 * keep where they were written: this file's own, else the repository's `.gitlab-ci.yml` when it
 * includes this file (a sibling include defines it).
 */
import { join } from 'node:path';
import { scalarAt, type LocatedAt } from '../yaml/located-at';
import { entryOf, scalarText, valueOf, type AEntry, type ANode } from '../yaml/located-tree';
import { parsedGitLabFile } from './parse-cache';
import { isIncludeGlob, matchIncludeGlob, normalizeLocal } from './include-paths';
import { mergeGitLabConfig } from './merge';

/** A request about the cursor in a GitLab file (go to definition, hover). */
export interface GitLabCursorRequest {
  /** Absolute path of the file. */
  readonly file: string;
  readonly text: string;
  /** The cursor, an offset into `text`. */
  readonly offset: number;
  readonly repositoryRoot: string;
  readonly read: (file: string) => string | undefined;
  /** The repository's files, relative to its root with forward slashes (for wildcard includes). */
  readonly list: () => readonly string[];
}

export type GitLabDefinitionRequest = GitLabCursorRequest;

/** The target: a file and offsets into its text (an included file: its start). */
export interface GitLabDefinition {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

export function gitLabDefinitionAt(request: GitLabDefinitionRequest): GitLabDefinition | undefined {
  const root = parsedGitLabFile(request.file, request.text).root;
  const found = root && scalarAt(root, request.offset);
  if (!found || found.isKey) return undefined;
  const name = scalarText(found.scalar);
  if (name === undefined) return undefined;
  const keys = found.path.map((step) => step.key);
  const last = keys.at(-1);
  if (found.list?.node.reference) return referenceTarget(found.list.node.items, found.list.index, request);
  if (keys[0] === 'include' && (keys.length === 1 || (keys.length === 2 && last === 'local'))) return includeTarget(name, request);
  if (keys.length < 2) return undefined;
  if ((keys.length === 2 && last === 'extends') || last === 'needs' || last === 'dependencies') return keyTarget([name], request);
  if (last === 'job' && keys.at(-2) === 'needs' && !crossPipeline(found)) return keyTarget([name], request);
  return undefined;
}

/** `needs: [{ pipeline: x, job: y }]` or `project:` names a job of another pipeline. */
const crossPipeline = (found: LocatedAt): boolean => {
  const holder = found.path.at(-1)?.map;
  return holder !== undefined && (valueOf(holder, 'pipeline') !== undefined || valueOf(holder, 'project') !== undefined);
};

/** `!reference [job, key, ...]`: the name under the cursor and those before it, as a path from the root. */
function referenceTarget(items: readonly ANode[], index: number, request: GitLabDefinitionRequest): GitLabDefinition | undefined {
  const names = items.slice(0, index + 1).map(scalarText);
  return names.every((name): name is string => name !== undefined) ? keyTarget(names, request) : undefined;
}

function includeTarget(path: string, request: GitLabDefinitionRequest): GitLabDefinition | undefined {
  if (/^https?:\/\//i.test(path) || path.includes('$')) return undefined;
  const [relative] = isIncludeGlob(path) ? matchIncludeGlob(path, request.list()) : [normalizeLocal(path)];
  if (relative === undefined) return undefined;
  const file = join(request.repositoryRoot, ...relative.split('/'));
  return request.read(file) === undefined ? undefined : { file, start: 0, end: 0 };
}

/** The key a path of names leads to from the root of a merged configuration, where it was written. */
function keyTarget(names: readonly string[], request: GitLabDefinitionRequest): GitLabDefinition | undefined {
  const read = (file: string): string | undefined => (file === request.file ? request.text : request.read(file));
  const main = join(request.repositoryRoot, '.gitlab-ci.yml');
  for (const entry of request.file === main ? [request.file] : [request.file, main]) {
    if (read(entry) === undefined) continue;
    const merged = mergeGitLabConfig({ file: entry, repositoryRoot: request.repositoryRoot, read, list: request.list, fragment: true });
    if (entry !== request.file && !merged.files.includes(request.file)) continue;
    const key = follow(merged.root, names)?.key;
    if (key) return { file: key.origin.file, start: key.origin.start, end: key.origin.end };
  }
  return undefined;
}

function follow(root: ANode | undefined, names: readonly string[]): AEntry | undefined {
  let entry: AEntry | undefined;
  let node = root;
  for (const name of names) {
    entry = node?.kind === 'map' ? entryOf(node, name) : undefined;
    if (!entry) return undefined;
    node = entry.value;
  }
  return entry;
}
