/**
 * Checks a set of GitLab CI files of one repository together: a file another one reaches through
 * `include: local` is checked through the configuration that includes it (its findings carry the
 * include lines as `via`); the others are configurations of their own (`.gitlab-ci*.yml`), or
 * fragments checked alone (another name, or included by a file not read here: an included file
 * that a configuration reached is not checked a second time on its own), which are not told that
 * they lack a visible job or name what other files define. Every finding is filed under the file
 * a person wrote it in, the files asked for and those their configurations reach. Pure: files are
 * read through `read`, listed through `list`.
 */
import { basename, join } from 'node:path';
import { valueOf } from '../yaml/located-tree';
import { checkGitLabConfig } from './checks';
import type { GitLabFinding } from './finding';
import type { GitLabFile } from './gitlab-file';
import { parsedGitLabFile } from './parse-cache';
import { includeEntries } from './includes';
import { isIncludeGlob, matchIncludeGlob, normalizeLocal } from './include-paths';
import { mergeGitLabConfig, type MergedGitLabConfig } from './merge';

export { printMerged } from './print';

export interface GitLabFilesRequest {
  /** Absolute paths of the GitLab files to check. */
  readonly files: readonly string[];
  readonly repositoryRoot: string;
  readonly read: (file: string) => string | undefined;
  /** The repository's files, relative to its root with forward slashes. */
  readonly list: () => readonly string[];
  /** Whether a file exists (absolute path), without reading it: `include: rules: exists:`. */
  readonly exists?: (file: string) => boolean;
}

export interface GitLabFilesResult {
  /**
   * Findings by the file they are in (absolute path): the files asked for, and files outside them that a
   * configuration asked for includes; files without findings may be absent.
   */
  readonly findings: ReadonlyMap<string, readonly GitLabFinding[]>;
  /** The merged configuration of each file checked as a configuration (not reached by an include). */
  readonly merged: ReadonlyMap<string, MergedGitLabConfig>;
  /** Files reached by an include from another file of the set (or the repository's `.gitlab-ci.yml`). */
  readonly included: ReadonlySet<string>;
}

/** The local files a file includes, by literal path or wildcard. */
export function localIncludes(file: string, text: string, repositoryRoot: string, list: () => readonly string[], cache?: Map<string, GitLabFile>): string[] {
  const parsed = cache?.get(file)?.text === text ? (cache.get(file) as GitLabFile) : parsedGitLabFile(file, text);
  cache?.set(file, parsed);
  const root = parsed.root;
  const found: string[] = [];
  for (const entry of includeEntries(valueOf(root, 'include'))) {
    const path = entry.local?.path;
    if (!path || path.includes('$')) continue;
    const paths = isIncludeGlob(path) ? matchIncludeGlob(path, list()) : [normalizeLocal(path)];
    for (const relative of paths) found.push(join(repositoryRoot, ...relative.split('/')));
  }
  return found;
}

/** A configuration of its own by name: `.gitlab-ci.yml` and its variants (`.gitlab-ci-1.yml`...). */
export const isRootName = (file: string): boolean => /^\.gitlab-ci[^/\\]*\.ya?ml$/i.test(basename(file));

export function validateGitLabFiles(request: GitLabFilesRequest): GitLabFilesResult {
  let listed: readonly string[] | undefined;
  const list = (): readonly string[] => (listed ??= request.list());
  const candidates = [...request.files];
  const main = join(request.repositoryRoot, '.gitlab-ci.yml');
  if (!candidates.includes(main) && request.read(main) !== undefined) candidates.push(main);
  const included = new Set<string>();
  const cache = new Map<string, GitLabFile>();
  for (const file of candidates) {
    const text = request.read(file);
    if (text === undefined) continue;
    for (const target of localIncludes(file, text, request.repositoryRoot, list, cache)) if (target !== file) included.add(target);
  }
  const wanted = new Set(request.files);
  const findings = new Map<string, GitLabFinding[]>();
  const merged = new Map<string, MergedGitLabConfig>();
  const seen = new Set<string>();
  // A finding in a file asked for, or in a file a configuration asked for reached (its included files).
  const add = (finding: GitLabFinding, fromWanted: boolean): void => {
    if (!fromWanted && !wanted.has(finding.origin.file)) return;
    const key = `${finding.origin.file}\0${finding.origin.start}\0${finding.rule}\0${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = findings.get(finding.origin.file) ?? [];
    list.push(finding);
    findings.set(finding.origin.file, list);
  };
  // Configurations first, so an included file's problems come with the include lines that reach it.
  const configurations = candidates.filter((file) => !included.has(file));
  const alone = request.files.filter((file) => included.has(file));
  const reached = new Set<string>();
  for (const file of [...configurations, ...alone]) {
    if (request.read(file) === undefined) continue;
    // Checked through a configuration already (with the inputs it is given there): not again on its own.
    if (reached.has(file)) continue;
    const fragment = included.has(file) || !isRootName(file);
    const result = mergeGitLabConfig({
      file,
      repositoryRoot: request.repositoryRoot,
      read: request.read,
      list,
      fragment,
      cache,
      ...(request.exists ? { exists: request.exists } : {}),
    });
    if (!included.has(file)) merged.set(file, result);
    for (const reachedFile of result.files) reached.add(reachedFile);
    for (const finding of [...result.problems, ...checkGitLabConfig(result, { fragment })]) add(finding, wanted.has(file));
  }
  return { findings, merged, included };
}
