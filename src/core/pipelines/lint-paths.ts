import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_PATH, EMPTY_CONFIG, parseConfig, type ShipshapeConfig } from './config';
import type { Finding } from './finding';
import { classifyPipelinePath } from './pipeline-kind';
import { megabytes, readPipelineFile, type PipelineFileRead } from './read-pipeline-file';
import { findPipelineFiles } from './find-pipeline-files';
import type { PipelineKind } from './pipeline-kind';
import { MAX_FILE_BYTES, validatePipelineWithPrograms } from './validate';
import { detectKind } from './detect-kind';
import { parseSource } from './yaml/source-file';
import { validateAzureFiles } from './azure/validate-azure-files';
import type { AzureCheckFinding } from './azure/checks/graph';

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

const readFileSyncOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** A finding on the whole file: why it was not checked. */
const wholeFile = (rule: string, severity: Finding['severity'], message: string): Finding => ({
  rule,
  severity,
  message,
  range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
});

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
async function folderFiles(folder: string, root: string): Promise<{ path: string; kind: PipelineKind }[]> {
  const base = isInside(folder, root) ? root : folder;
  return findPipelineFiles(folder, { limit: Number.POSITIVE_INFINITY, classifyFrom: base });
}

const relativeTo = (root: string, path: string): string => relative(root, path).split('\\').join('/');

/**
 * The Azure files among those read checked together (templates through the pipelines that use
 * them): each file's findings, to be reported under it once.
 */
function azureFindings(
  reads: ReadonlyMap<string, PipelineFileRead>,
  kinds: ReadonlyMap<string, PipelineKind>,
  root: string,
  forced?: PipelineKind,
): Map<string, readonly AzureCheckFinding[]> {
  const azure = [...reads].filter(([path, read]) => {
    if (read.status !== 'read') return false;
    const kind = forced ?? kinds.get(path) ?? detectKind(relativeTo(root, path), parseSource(read.text, path).doc);
    return kind === 'azure-pipelines';
  });
  if (azure.length === 0) return new Map();
  const texts = new Map(azure.map(([path, read]) => [path, read.status === 'read' ? read.text : undefined]));
  const result = validateAzureFiles({
    files: azure.map(([path]) => path),
    repositoryRoot: root,
    read: (file) => (texts.has(file) ? texts.get(file) : readFileSyncOrUndefined(file)),
  });
  return new Map(azure.map(([path]) => [path, result.findings.get(path) ?? []]));
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
  const kinds = new Map<string, PipelineKind>();
  const missing: string[] = [];
  const targets = request.paths.length ? request.paths.map((path) => resolve(request.cwd, path)) : [request.root];
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (!info) missing.push(target);
    else if (info.isDirectory())
      for (const file of await folderFiles(target, request.root)) {
        files.push(file.path);
        kinds.set(file.path, file.kind);
      }
    else files.push(target);
  }
  const reads = new Map<string, PipelineFileRead>();
  for (const path of new Set(files)) reads.set(path, await readPipelineFile(path));
  const azure = azureFindings(reads, kinds, request.root, request.kind);
  const reports: FileReport[] = [];
  for (const [path, read] of reads) {
    const kind = request.kind ?? kinds.get(path) ?? classifyPipelinePath(relativeTo(request.root, path));
    if (read.status === 'missing') missing.push(path);
    else if (read.status === 'too-large') {
      reports.push({
        path,
        kind,
        findings: [
          wholeFile(
            'file-too-large',
            'info',
            `This file is over ${MAX_FILE_BYTES / 1024 / 1024} MB (${megabytes(read.bytes)}), so Shipshape does not check it.`,
          ),
        ],
      });
    } else if (read.status === 'not-checked') {
      reports.push({ path, kind, findings: [wholeFile('file-not-checked', 'error', `Not checked: ${read.reason}.`)] });
    } else {
      const azureFound = azure.get(path);
      const result = await validatePipelineWithPrograms({
        path,
        text: read.text,
        root: request.root,
        config,
        ...(azureFound
          ? { kind: 'azure-pipelines' as const, azure: { findings: azureFound } }
          : request.kind
            ? { kind: request.kind }
            : kinds.has(path)
              ? { kind }
              : {}),
      });
      if (result.kind) reports.push({ path, kind: result.kind, findings: result.findings });
    }
  }
  return { files: reports, configProblems: problems, missing };
}
