import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { classifyPipelinePath, type PipelineKind } from './pipeline-kind';

export interface PipelineFile {
  readonly path: string; // absolute
  readonly relativePath: string; // from the root, forward slashes
  readonly kind: PipelineKind;
}

/** Folders that never hold a project's own pipelines and can be huge. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.hg', '.svn', 'dist', 'out', '.venv', 'vendor']);

export interface FindOptions {
  /** Stop after this many files (default: none; the Pipelines view lists a few with listPipelineFiles and says how many it leaves out). */
  readonly limit?: number;
  readonly signal?: AbortSignal;
  /** The folder paths are classified from (default `root`): a repository's root when `root` is a folder inside it. */
  readonly classifyFrom?: string;
}

/** Every pipeline file under `root`, sorted by path; unreadable folders are skipped. */
export async function findPipelineFiles(root: string, options: FindOptions = {}): Promise<PipelineFile[]> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const found: PipelineFile[] = [];
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
        const kind = classifyPipelinePath(relativePath);
        if (kind) found.push({ path, relativePath, kind });
      }
    }
  }
  return found.slice(0, limit).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}
