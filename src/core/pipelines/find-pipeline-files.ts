import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { discoverAzureFiles } from './azure/discover-azure-files';
import { discoverGitLabFiles } from './gitlab/discover-gitlab-files';
import { classifyPipelinePath, type PipelineKind } from './pipeline-kind';
import { isAzureFileByConfig } from './azure/config-files';

export interface PipelineFile {
  readonly path: string; // absolute
  readonly relativePath: string; // from the root, forward slashes
  readonly kind: PipelineKind;
}

/** Folders that never hold a project's own pipelines and can be huge. */
export const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.hg', '.svn', 'dist', 'out', '.venv', 'vendor']);

export interface FindOptions {
  /** Stop after this many files (default: none; the Pipelines view lists a few with listPipelineFiles and says how many it leaves out). */
  readonly limit?: number;
  readonly signal?: AbortSignal;
  /** The folder paths are classified from (default `root`): a repository's root when `root` is a folder inside it. */
  readonly classifyFrom?: string;
  /** The config's `azure.files` globs: files they name are Azure Pipelines files. */
  readonly azureFiles?: readonly string[];
  /** The config's repository aliases (absolute folders), for templates referenced as `x@alias`. */
  readonly azureRepositories?: Readonly<Record<string, string>>;
}

/**
 * Every pipeline file under `root`, sorted by path; unreadable folders are skipped. Azure files
 * are also found by content and as templates an Azure file references (see discover-azure-files),
 * GitLab files by their `spec:` header and through `include: local` (see discover-gitlab-files).
 */
export async function findPipelineFiles(root: string, options: FindOptions = {}): Promise<PipelineFile[]> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const found: PipelineFile[] = [];
  const candidates: string[] = [];
  const pending = [root];
  while (pending.length > 0 && found.length < limit) {
    options.signal?.throwIfAborted();
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: nothing to report there
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
      } else if (entry.isFile()) {
        const relativePath = relative(options.classifyFrom ?? root, path)
          .split('\\')
          .join('/');
        const kind = classifyPipelinePath(relativePath) ?? (isAzureFileByConfig(options.azureFiles, relativePath) ? 'azure-pipelines' : undefined);
        if (kind) found.push({ path, relativePath, kind });
        else if (/\.ya?ml$/i.test(entry.name)) candidates.push(path);
      }
    }
  }
  const base = options.classifyFrom ?? root;
  const taken = new Set(found.map((file) => file.path));
  const inside = (path: string): boolean => {
    const between = relative(root, path);
    return between !== '' && !between.startsWith('..') && !isAbsolute(between) && !between.split(sep).some((part) => SKIPPED_FOLDERS.has(part));
  };
  const azure = await discoverAzureFiles({
    candidates,
    known: found.filter((file) => file.kind === 'azure-pipelines').map((file) => file.path),
    repositoryRoot: base,
    accept: (path) => inside(path) && !taken.has(path) && /\.ya?ml$/i.test(path),
    ...(options.azureRepositories ? { repositories: options.azureRepositories } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for (const path of azure) found.push({ path, relativePath: relative(base, path).split('\\').join('/'), kind: 'azure-pipelines' });
  for (const path of azure) taken.add(path);
  const gitlab = await discoverGitLabFiles({
    candidates: candidates.filter((path) => !taken.has(path)),
    known: found.filter((file) => file.kind === 'gitlab-ci').map((file) => file.path),
    repositoryRoot: base,
    accept: (path) => inside(path) && !taken.has(path) && /\.ya?ml$/i.test(path),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for (const path of gitlab) found.push({ path, relativePath: relative(base, path).split('\\').join('/'), kind: 'gitlab-ci' });
  return found.slice(0, limit).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}
