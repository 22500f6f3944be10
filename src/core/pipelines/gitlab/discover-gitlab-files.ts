/**
 * GitLab files a path does not name: component and template files with a `spec:` header (two
 * documents), and every file a GitLab file reaches through `include: local` (followed from file to
 * file, wildcards too). Reads only YAML files under a size bound, and parses only those whose text
 * starts a `spec:` header or whose includer has an `include:`.
 */
import { relative } from 'node:path';
import { detectKind } from '../detect-kind';
import { parseSource } from '../yaml/source-file';
import { localIncludes } from './validate-gitlab-files';
import { readSmall } from '../read-small';

const SPEC_HEADER = /^spec\s*:/m;
const INCLUDE = /^include\s*:/m;

export interface GitLabDiscovery {
  /** Absolute paths of YAML files the path did not classify. */
  readonly candidates: readonly string[];
  /** Absolute paths of the files already known to be GitLab files (by path). */
  readonly known: readonly string[];
  readonly repositoryRoot: string;
  /** Whether a path may be added (inside the walked folder, not skipped, not taken). */
  readonly accept: (path: string) => boolean;
  readonly signal?: AbortSignal;
}

/** The GitLab files found beyond `known`: spec-header files among `candidates`, then by `include: local`. */
export async function discoverGitLabFiles(request: GitLabDiscovery): Promise<string[]> {
  const texts = new Map<string, string | undefined>();
  const text = async (path: string): Promise<string | undefined> => {
    if (!texts.has(path)) texts.set(path, await readSmall(path));
    return texts.get(path);
  };
  const gitlab = new Set(request.known);
  const added: string[] = [];
  for (const path of request.candidates) {
    request.signal?.throwIfAborted();
    const content = await text(path);
    if (content === undefined || !SPEC_HEADER.test(content)) continue;
    if (detectKind('sniffed.yml', parseSource(content, path).doc) === 'gitlab-ci') {
      gitlab.add(path);
      added.push(path);
    }
  }
  const yamlFiles = [...request.known, ...request.candidates].map((path) => relative(request.repositoryRoot, path).split('\\').join('/'));
  const pending = [...gitlab];
  while (pending.length > 0) {
    request.signal?.throwIfAborted();
    const file = pending.pop() as string;
    const content = await text(file);
    if (content === undefined || !INCLUDE.test(content)) continue;
    for (const target of localIncludes(file, content, request.repositoryRoot, () => yamlFiles)) {
      if (gitlab.has(target) || !request.accept(target) || (await text(target)) === undefined) continue;
      gitlab.add(target);
      added.push(target);
      pending.push(target);
    }
  }
  return added;
}
