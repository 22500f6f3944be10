import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONFIG_PATH, EMPTY_CONFIG, parseConfig, type ShipshapeConfig } from './config';
import type { Finding } from './finding';
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

/** Reads the repository's `.github/shipshape.yaml`, if there is one. */
export async function loadConfig(root: string): Promise<{ config: ShipshapeConfig; problems: string[] }> {
  let text: string;
  try {
    text = await readFile(join(root, CONFIG_PATH), 'utf8');
  } catch {
    return { config: EMPTY_CONFIG, problems: [] };
  }
  const { config, problems } = parseConfig(text);
  return { config, problems: problems.map((problem) => problem.message) };
}

/**
 * Lints files and folders. Folders contribute their pipeline files (found by
 * path); a file named explicitly is checked if its path or content says it is
 * a pipeline (or `kind` forces it).
 */
export async function lintPaths(request: LintRequest): Promise<LintReport> {
  const { config, problems } = await loadConfig(request.root);
  const files: string[] = [];
  const missing: string[] = [];
  const targets = request.paths.length ? request.paths.map((path) => resolve(request.cwd, path)) : [request.root];
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (!info) missing.push(target);
    else if (info.isDirectory()) files.push(...(await findPipelineFiles(target)).map((file) => file.path));
    else files.push(target);
  }
  const reports: FileReport[] = [];
  for (const path of [...new Set(files)]) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      missing.push(path);
      continue;
    }
    const result = await validatePipelineWithPrograms({ path, text, root: request.root, config, ...(request.kind ? { kind: request.kind } : {}) });
    if (result.kind) reports.push({ path, kind: result.kind, findings: result.findings });
  }
  return { files: reports, configProblems: problems, missing };
}
