import { existsSync, statSync } from 'node:fs';
import { readReachedFileSync } from './read-pipeline-file';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding } from './finding';
import { classifyPipelinePath } from './pipeline-kind';
import { pipelineFileInputSync, type PipelineFileInput } from './pipeline-file-input';
import { loadConfig } from './load-config';
import { azureRepositoryFolders, type ShipshapeConfig } from './config';
import { findPipelineFiles } from './find-pipeline-files';
import type { PipelineKind } from './pipeline-kind';
import { validatePipelineWithPrograms } from './validate';
import { detectKind } from './detect-kind';
import { parseSource, type SourceFile } from './yaml/source-file';
import { validateAzureFiles } from './azure/validate-azure-files';
import { isAzureFileByConfig } from './azure/config-files';
import type { AzureCheckFinding } from './azure/checks/graph';
import type { GitLabFinding } from './gitlab/finding';
import { listYamlFiles } from './gitlab/repository-files';
import { validateGitLabFiles } from './gitlab/validate-gitlab-files';

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

const statOrUndefined = (path: string) => {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // unreadable (a folder without search permission on the way): reported as missing, as before
  }
};

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
async function folderFiles(folder: string, root: string, config: ShipshapeConfig): Promise<{ path: string; kind: PipelineKind }[]> {
  const base = isInside(folder, root) ? root : folder;
  return findPipelineFiles(folder, { classifyFrom: base, azureFiles: config.azure.files, azureRepositories: azureRepositoryFolders(config, root) });
}

const relativeTo = (root: string, path: string): string => relative(root, path).split('\\').join('/');

interface ReadFile {
  readonly kind: PipelineKind | undefined;
  readonly text: string;
}

/** Validates one file read: its report, or undefined when it is not a pipeline file. */
type ValidateRead = (path: string, text: string, source?: SourceFile) => Promise<FileReport | undefined>;

/**
 * The kind of each file read (forced, found by path or reference, else detected, else what a
 * pipeline of the repository includes it as), with its text.
 * A file is parsed here only when its path does not tell its kind; such a file that is not an Azure
 * or GitLab one (those are checked together, later) is validated at once, from that parse: kept
 * until the end, 409 parses lived through every garbage collection of the run.
 */
async function readKinds(
  inputs: ReadonlyMap<string, PipelineFileInput>,
  kinds: ReadonlyMap<string, PipelineKind>,
  root: string,
  forced: PipelineKind | undefined,
  validateNow: ValidateRead,
  referencedKind: (path: string) => Promise<PipelineKind | undefined>,
): Promise<{ read: Map<string, ReadFile>; validated: Map<string, FileReport | undefined> }> {
  const read = new Map<string, ReadFile>();
  const validated = new Map<string, FileReport | undefined>();
  for (const [path, input] of inputs) {
    if (input.status !== 'text') continue;
    const known = forced ?? kinds.get(path) ?? classifyPipelinePath(relativeTo(root, path));
    if (known) read.set(path, { kind: known, text: input.text });
    else {
      const source = parseSource(input.text, path);
      // Neither path nor content tells (`ci/build.yml` holding GitLab jobs): what a pipeline of the repository includes it as.
      const kind = detectKind(relativeTo(root, path), source.doc) ?? (await referencedKind(path));
      if (kind === 'azure-pipelines' || kind === 'gitlab-ci') read.set(path, { kind, text: input.text });
      else validated.set(path, await validateNow(path, input.text, source));
    }
  }
  return { read, validated };
}

const textsOfKind = (read: ReadonlyMap<string, ReadFile>, wanted: PipelineKind): Map<string, string> =>
  new Map([...read].filter(([, file]) => file.kind === wanted).map(([path, file]) => [path, file.text]));

const readerOver =
  (texts: ReadonlyMap<string, string>) =>
  (file: string): string | undefined =>
    texts.has(file) ? texts.get(file) : readReachedFileSync(file);

/**
 * Each file read's findings, and those of the files the check reached through them (templates,
 * included files) that hold any: `shipshape lint azure-pipelines.yml` reports the mistake its
 * template makes the pipeline fail on, under the template.
 */
function withFilesReached<F>(texts: ReadonlyMap<string, string>, found: ReadonlyMap<string, readonly F[]>): Map<string, readonly F[]> {
  const out = new Map<string, readonly F[]>([...texts.keys()].map((path) => [path, found.get(path) ?? []]));
  for (const [path, findings] of found) if (!out.has(path) && findings.length > 0) out.set(path, findings);
  return out;
}

/**
 * The Azure files among those read checked together (templates through the pipelines that use
 * them): each file's findings, to be reported under it once.
 */
function azureFindings(texts: ReadonlyMap<string, string>, root: string, config: ShipshapeConfig): Map<string, readonly AzureCheckFinding[]> {
  if (texts.size === 0) return new Map();
  const result = validateAzureFiles({
    files: [...texts.keys()],
    repositoryRoot: root,
    read: readerOver(texts),
    repositories: azureRepositoryFolders(config, root),
    tasks: config.azure.tasks,
  });
  return withFilesReached(texts, result.findings);
}

/**
 * The GitLab files among those read checked together (included files through the configuration
 * that includes them): each file's findings, to be reported under it once.
 */
function gitLabFindings(texts: ReadonlyMap<string, string>, root: string): Map<string, readonly GitLabFinding[]> {
  if (texts.size === 0) return new Map();
  const result = validateGitLabFiles({
    files: [...texts.keys()],
    repositoryRoot: root,
    read: readerOver(texts),
    list: () => listYamlFiles(root),
    exists: (file) => texts.has(file) || existsSync(file),
  });
  return withFilesReached(texts, result.findings);
}

/** The report of a file the check reached (read now: it was not named), if it still reads. */
async function reachedReport(path: string, validate: (text: string) => Promise<FileReport | undefined>): Promise<FileReport[]> {
  const text = readReachedFileSync(path);
  const report = text === undefined ? undefined : await validate(text);
  return report ? [report] : [];
}

interface ReadToValidate {
  readonly path: string;
  readonly text: string;
  readonly source: SourceFile | undefined;
  /** The file's findings from the Azure or GitLab check of all such files together, if it is one. */
  readonly azureFound: readonly AzureCheckFinding[] | undefined;
  readonly gitlabFound: readonly GitLabFinding[] | undefined;
}

/** One file's report (undefined when it is not a pipeline file): its kind forced, known, or detected by the validation. */
async function validateRead(
  request: LintRequest,
  config: ShipshapeConfig,
  kinds: ReadonlyMap<string, PipelineKind>,
  { path, text, source, azureFound, gitlabFound }: ReadToValidate,
): Promise<FileReport | undefined> {
  const kind = request.kind ?? kinds.get(path) ?? classifyPipelinePath(relativeTo(request.root, path));
  const result = await validatePipelineWithPrograms({
    path,
    text,
    root: request.root,
    config,
    ...(source ? { source } : {}),
    ...(azureFound
      ? { kind: 'azure-pipelines' as const, azure: { findings: azureFound } }
      : gitlabFound
        ? { kind: 'gitlab-ci' as const, gitlab: { findings: gitlabFound } }
        : request.kind
          ? { kind: request.kind }
          : kinds.has(path)
            ? { kind }
            : {}),
  });
  return result.kind ? { path, kind: result.kind, findings: result.findings } : undefined;
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
  // Synchronous stat and reads: this runs in a CLI process with nothing else to do meanwhile, and
  // 409 files read through the thread pool took ~100 ms of round trips, ~15 ms this way.
  for (const target of targets) {
    const info = statOrUndefined(target);
    if (!info) missing.push(target);
    else if (info.isDirectory())
      for (const file of await folderFiles(target, request.root, config)) {
        files.push(file.path);
        kinds.set(file.path, file.kind);
      }
    else {
      files.push(target);
      // A file the config's azure.files names is an Azure file, as in a folder walk.
      if (!kinds.has(target) && isAzureFileByConfig(config.azure.files, relativeTo(request.root, target))) kinds.set(target, 'azure-pipelines');
    }
  }
  // Read once (size-checked): Azure files, and GitLab files, are then checked together, each file reported once.
  const unique = [...new Set(files)];
  const inputs = new Map<string, PipelineFileInput>(unique.map((path) => [path, pipelineFileInputSync(path)]));
  const validate = (path: string, text: string, source?: SourceFile, azureFound?: readonly AzureCheckFinding[], gitlabFound?: readonly GitLabFinding[]) =>
    validateRead(request, config, kinds, { path, text, source, azureFound, gitlabFound });
  let repositoryKinds: Promise<Map<string, PipelineKind>> | undefined;
  const referencedKind = async (path: string): Promise<PipelineKind | undefined> => {
    repositoryKinds ??= folderFiles(request.root, request.root, config).then((found) => new Map(found.map((file) => [file.path, file.kind])));
    return (await repositoryKinds).get(path);
  };
  const { read, validated } = await readKinds(inputs, kinds, request.root, request.kind, (path, text, source) => validate(path, text, source), referencedKind);
  const azure = azureFindings(textsOfKind(read, 'azure-pipelines'), request.root, config);
  const gitlab = gitLabFindings(textsOfKind(read, 'gitlab-ci'), request.root);
  const reports: FileReport[] = [];
  for (const [path, input] of inputs) {
    const kind = request.kind ?? kinds.get(path) ?? classifyPipelinePath(relativeTo(request.root, path));
    if (input.status === 'missing') missing.push(path);
    else if (input.status === 'not-read') reports.push({ path, kind, findings: input.findings });
    else {
      const report = validated.has(path) ? validated.get(path) : await validate(path, input.text, undefined, azure.get(path), gitlab.get(path));
      if (report) reports.push(report);
    }
  }
  // Files outside the ones named that the Azure or GitLab check reached and found mistakes in.
  const reached = (found: ReadonlyMap<string, unknown>) => [...found.keys()].filter((path) => !inputs.has(path)).sort();
  for (const path of reached(azure)) reports.push(...(await reachedReport(path, (text) => validate(path, text, undefined, azure.get(path)))));
  for (const path of reached(gitlab)) reports.push(...(await reachedReport(path, (text) => validate(path, text, undefined, undefined, gitlab.get(path)))));
  return { files: reports, configProblems: problems, missing };
}
