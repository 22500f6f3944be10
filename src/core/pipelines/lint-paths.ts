import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding } from './finding';
import { classifyPipelinePath } from './pipeline-kind';
import { pipelineFileInput } from './pipeline-file-input';
import { loadConfig } from './load-config';
import { findPipelineFiles } from './find-pipeline-files';
import type { PipelineKind } from './pipeline-kind';
import { validatePipelineWithPrograms } from './validate';

export interface LintRequest {
  /** Files or folders; empty means every pipeline file under the root. */
  readonly paths: readonly string[];
  readonly root: string;
  readonly cwd: string;
  readonly kind?: PipelineKind;
}

export interface FileReport {
  readonly path: string; // absolute
  readonly kind: PipelineKind | undefined;
  readonly findings: readonly Finding[];
}

export interface LintReport {
  readonly files: readonly FileReport[];
  readonly configProblems: readonly string[];
  readonly missing: readonly string[];
}

/** Whether `path` is `folder` or below it. */
const isInside = (path: string, folder: string): boolean => {
  const between = relative(folder, path);
  return between === '' || (!between.startsWith('..') && !isAbsolute(between));
};

/**
 * The pipeline files of a folder, by their path from the root (`.github/workflows`
 * holds workflows because of where it is in the repository, not from inside it);
 * a folder outside the root is judged from itself. Never capped: every file is checked.
 */
async function folderFiles(folder: string, root: string): Promise<string[]> {
  const base = isInside(folder, root) ? root : folder;
  const found = await findPipelineFiles(folder, { classifyFrom: base });
  return found.map((file) => file.path);
}

/**
 * Lints files and folders. Folders contribute their pipeline files (found by
 * path from the root); a file named explicitly is checked if its path or content
 * says it is a pipeline (or `kind` forces it). A file that is not read (too large,
 * not a regular file, unreadable) gets one finding that says why.
 */
export async function lintPaths(request: LintRequest): Promise<LintReport> {
  const { config, problems } = await loadConfig(request.root);
  const files: string[] = [];
  const missing: string[] = [];
  const targets = request.paths.length ? request.paths.map((path) => resolve(request.cwd, path)) : [request.root];
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (!info) missing.push(target);
    else if (info.isDirectory()) files.push(...(await folderFiles(target, request.root)));
    else files.push(target);
  }
  const reports: FileReport[] = [];
  for (const path of [...new Set(files)]) {
    const input = await pipelineFileInput(path);
    const kind = request.kind ?? classifyPipelinePath(relative(request.root, path).split('\\').join('/'));
    if (input.status === 'missing') missing.push(path);
    else if (input.status === 'not-read') reports.push({ path, kind, findings: input.findings });
    else {
      const result = await validatePipelineWithPrograms({
        path,
        text: input.text,
        root: request.root,
        config,
        ...(request.kind ? { kind: request.kind } : {}),
      });
      if (result.kind) reports.push({ path, kind: result.kind, findings: result.findings });
    }
  }
  return { files: reports, configProblems: problems, missing };
}
