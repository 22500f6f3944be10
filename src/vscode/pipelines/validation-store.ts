import { dirname, relative } from 'node:path';
import * as vscode from 'vscode';
import { azureRepositoryFolders, type ShipshapeConfig } from '../../core/pipelines/config';
import { isAzureFileByConfig } from '../../core/pipelines/azure/config-files';
import { referencedTemplates } from '../../core/pipelines/azure/referenced-templates';
import { errorMessage } from '../../core/errors';
import { loadConfig } from '../../core/pipelines/load-config';
import type { Finding } from '../../core/pipelines/finding';
import { classifyPipelinePath, type PipelineKind } from '../../core/pipelines/pipeline-kind';
import { pipelineFileInput } from '../../core/pipelines/pipeline-file-input';
import type { WorkflowOutline } from '../../core/pipelines/workflow-outline';
import type { AzureOutline } from '../../core/pipelines/azure/pipeline-outline';
import type { GitLabOutline } from '../../core/pipelines/gitlab/pipeline-outline';
import type { Logger } from '../../core/logger';
import type { ValidationClient } from '../../core/pipelines/worker/validation-client';
import { isInside } from '../../core/workspace/folder-groups';
import { editorRules } from '../../core/pipelines/rule-severity';

/** The last validation of one file, from the editor's text while a document shows it, else from disk. */
export interface StoredValidation {
  readonly kind: PipelineKind | undefined;
  readonly findings: readonly Finding[];
  /** Workflows only: jobs and steps for the Pipelines view, from the same text. */
  readonly outline: WorkflowOutline | undefined;
  /** Azure files: stages, jobs and steps after expansion, from the same validation. */
  readonly azureOutline?: AzureOutline;
  /** GitLab files: stages and jobs of the merged configuration, from the same validation. */
  readonly gitlabOutline?: GitLabOutline;
  readonly from: 'editor' | 'disk';
  /** Rules the user's `shipshape.pipelines.ruleSeverity` shows as hints (their findings carry `info`). */
  readonly hints: ReadonlySet<string>;
}

/** The user's `shipshape.pipelines.ruleSeverity` for the folder `root` (settings.ts reads it). */
export type RuleSeveritySetting = (root: string) => Readonly<Record<string, unknown>> | undefined;

/**
 * One result per file, read by the Problems view (diagnostics) and the
 * Pipelines view (counts) alike, so they cannot disagree: same text, same
 * `.github/shipshape.yaml`, same validation. Validation runs in the worker
 * behind `client`; this class only decides what to send and keeps the answers.
 */
export class ValidationStore implements vscode.Disposable {
  private readonly results = new Map<string, StoredValidation>();
  /** Files whose text comes from an open document (diagnostics owns them). */
  private readonly editorPaths = new Set<string>();
  /** Files the Pipelines view asked for: their saved text counts when no document shows them. */
  private readonly diskPaths = new Set<string>();
  /**
   * Kinds the Pipelines view found a file to be beyond its path and content (a GitLab file reached
   * by `include: local`, an Azure template by reference): its text is read as that kind, open or saved.
   */
  private readonly knownKinds = new Map<string, PipelineKind>();
  private readonly configs = new Map<string, Promise<ShipshapeConfig>>();
  private readonly references = new Map<string, Promise<ReadonlySet<string>>>();
  /** Per folder, its Azure Pipelines files (the Pipelines view's list): templates are checked through the files that include them. */
  private readonly azureFiles = new Map<string, readonly string[]>();
  /** Azure files another Azure file references with `template:` (the index finds them): checked as templates. */
  private azureTemplates: ReadonlySet<string> = new Set();
  private readonly pending = new Set<Promise<unknown>>();
  /** Per file, the validations asked for and not answered yet. */
  private readonly pendingByPath = new Map<string, Set<Promise<unknown>>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a file's path after its result changed or went. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: ValidationClient,
    private readonly logger: Logger,
    private readonly ruleSeverity: RuleSeveritySetting = () => undefined,
  ) {}

  get(path: string): StoredValidation | undefined {
    return this.results.get(path);
  }

  /** Validates an open document's text, before any disk work; from now on its text is the file's. */
  validateDocument(document: vscode.TextDocument): Promise<StoredValidation | undefined> {
    const path = document.uri.fsPath;
    this.editorPaths.add(path);
    return this.run(path, document.getText(), rootOf(document.uri), 'editor');
  }

  /**
   * Validates a file as saved (`text` when the caller has read it already), unless an open document
   * speaks for it. `kind`: what discovery found the file to be (kept for its open document too).
   */
  async validateFile(path: string, root: string, text?: string, kind?: PipelineKind): Promise<StoredValidation | undefined> {
    this.diskPaths.add(path);
    if (kind) this.knownKinds.set(path, kind);
    if (this.editorPaths.has(path)) return this.results.get(path);
    if (text !== undefined) return this.run(path, text, root, 'disk');
    // Size and type first: a 300 MB file or a link to /dev/zero is never read whole, only noted.
    const input = await pipelineFileInput(path);
    if (input.status === 'missing') {
      this.logger.warn(`Could not read ${vscode.workspace.asRelativePath(path)}: it no longer exists`);
      this.forget(path);
      return undefined;
    }
    if (input.status === 'text') return this.run(path, input.text, root, 'disk');
    if (this.editorPaths.has(path)) return this.results.get(path); // a document opened meanwhile speaks for it
    this.client.cancel(path);
    const stored: StoredValidation = {
      kind: classifyPipelinePath(relative(root, path).split('\\').join('/')),
      findings: input.findings,
      outline: undefined,
      from: 'disk',
      hints: new Set(),
    };
    this.results.set(path, stored);
    this.changed.fire(path);
    return stored;
  }

  /** No document shows the file any more: its saved text counts again if the Pipelines view lists it. */
  documentClosed(path: string): void {
    if (!this.editorPaths.delete(path)) return;
    if (this.diskPaths.has(path)) void this.validateFile(path, rootOf(vscode.Uri.file(path)));
    else this.drop(path);
  }

  /** Drops a file's result: deleted, or no longer listed. */
  forget(path: string): void {
    this.knownKinds.delete(path);
    this.editorPaths.delete(path);
    this.diskPaths.delete(path);
    this.drop(path);
  }

  private drop(path: string): void {
    this.client.cancel(path);
    if (this.results.delete(path)) this.changed.fire(path);
  }

  /** The Azure files referenced as templates; the next validations check them as such. */
  setAzureTemplates(paths: ReadonlySet<string>): void {
    this.azureTemplates = paths;
  }

  /** Reads `.github/shipshape.yaml` again for the next validations under `root` (and which files are templates). */
  reloadConfig(root: string): void {
    this.configs.delete(root);
    this.references.delete(root);
  }

  /** The config or the rule severity setting changed: every file of the folder `root` is validated again with the new one (not a sibling's, not a nested folder's). */
  configChanged(root: string, documents: readonly vscode.TextDocument[]): void {
    this.reloadConfig(root);
    for (const path of [...this.results.keys()].filter((candidate) => isInside(candidate, root) && rootOf(vscode.Uri.file(candidate)) === root)) {
      const document = documents.find((candidate) => candidate.uri.fsPath === path);
      if (document && this.editorPaths.has(path)) void this.validateDocument(document);
      else void this.validateFile(path, root);
    }
  }

  /** The folder's Azure files changed: its Azure files are validated again, each template through the files that include it. */
  setAzureFiles(root: string, files: readonly string[], documents: readonly vscode.TextDocument[]): void {
    const before = this.azureFiles.get(root);
    if (before && before.length === files.length && before.every((file, index) => file === files[index])) return;
    this.azureFiles.set(root, files);
    for (const [path, stored] of this.results) {
      if (stored.kind !== 'azure-pipelines' || !isInside(path, root) || rootOf(vscode.Uri.file(path)) !== root) continue;
      const document = documents.find((candidate) => candidate.uri.fsPath === path);
      if (document && this.editorPaths.has(path)) void this.validateDocument(document);
      else if (this.diskPaths.has(path)) void this.validateFile(path, root);
    }
  }

  /** Resolves once every validation asked for so far has its answer (tests and the benchmark wait on it). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** The file's result once no validation of it is pending (undefined for files never validated). */
  async settled(path: string): Promise<StoredValidation | undefined> {
    for (let waiting = this.pendingByPath.get(path); waiting?.size; waiting = this.pendingByPath.get(path)) await Promise.allSettled([...waiting]);
    return this.results.get(path);
  }

  private async run(path: string, text: string, root: string, from: 'editor' | 'disk'): Promise<StoredValidation | undefined> {
    // The project's config with the user's rule severities over it: the view and Problems both get them.
    const project = await this.configFor(root);
    const { config, hints } = editorRules(project, this.ruleSeverity(root));
    const relativePath = relative(root, path).split('\\').join('/');
    const known = this.knownKinds.get(path);
    const forced = isAzureFileByConfig(project.azure.files, relativePath);
    const kind = forced ? 'azure-pipelines' : known;
    const azureFiles = this.azureFiles.get(root);
    const azure = mayBeAzure(relativePath, text, kind === 'azure-pipelines')
      ? {
          referenced: this.azureTemplates.has(path) || (await this.referencesFor(root, project)).has(path),
          repositories: azureRepositoryFolders(project, root),
          ...(azureFiles ? { files: azureFiles } : {}),
        }
      : undefined;
    const request = { path, text, root, config, ...(kind ? { kind } : {}), ...(azure ? { azure } : {}) };
    // A document opened while the saved text was read: its request is sent or on its way, and a disk
    // request for the same path would supersede it (the editor's diagnostics never came).
    if (from === 'disk' && this.editorPaths.has(path)) return this.results.get(path);
    const work = this.client.validate(request, from === 'editor');
    const forPath = this.pendingByPath.get(path) ?? new Set();
    this.pendingByPath.set(path, forPath.add(work));
    this.pending.add(work);
    const outcome = await work.finally(() => {
      this.pending.delete(work);
      forPath.delete(work);
      if (!forPath.size && this.pendingByPath.get(path) === forPath) this.pendingByPath.delete(path);
    });
    // Superseded or dropped: a newer request for the file (or none wanted) decides.
    if (outcome.status === 'failed') this.logger.warn(`Could not validate ${vscode.workspace.asRelativePath(path)}: ${outcome.message}`);
    if (outcome.status !== 'done') return undefined;
    // An answer for text that no longer speaks for the file (a document opened or closed meanwhile) is stale.
    if ((from === 'editor') !== this.editorPaths.has(path)) return this.results.get(path);
    const stored: StoredValidation = {
      kind: outcome.kind,
      findings: outcome.findings,
      outline: outcome.outline,
      ...(outcome.azureOutline ? { azureOutline: outcome.azureOutline } : {}),
      ...(outcome.gitlabOutline ? { gitlabOutline: outcome.gitlabOutline } : {}),
      from,
      hints,
    };
    this.results.set(path, stored);
    this.changed.fire(path);
    return stored;
  }

  /** The files the folder's Azure files reference as templates, found once per root (as `shipshape lint` does). */
  private referencesFor(root: string, config: ShipshapeConfig): Promise<ReadonlySet<string>> {
    let references = this.references.get(root);
    if (!references) {
      references = referencedTemplates({ root, files: config.azure.files, repositories: azureRepositoryFolders(config, root) }).catch((error: unknown) => {
        this.logger.warn(`Could not find the Azure templates under ${root}: ${errorMessage(error)}`);
        return new Set<string>();
      });
      this.references.set(root, references);
    }
    return references;
  }

  /** The repository's .github/shipshape.yaml, read once per root and again after it changed. */
  private configFor(root: string): Promise<ShipshapeConfig> {
    let config = this.configs.get(root);
    if (!config) {
      config = loadConfig(root).then(({ config: loaded, problems }) => {
        for (const problem of problems) this.logger.warn(problem);
        return loaded;
      });
      this.configs.set(root, config);
    }
    return config;
  }

  dispose(): void {
    this.changed.dispose();
    void this.client.dispose();
  }
}

/** A file that may be an Azure one (not a GitHub or GitLab path, an Azure root key in it): only those wait for the template walk. */
function mayBeAzure(relativePath: string, text: string, forced: boolean): boolean {
  const byPath = classifyPipelinePath(relativePath);
  if (forced || byPath === 'azure-pipelines') return true;
  return byPath === undefined && /^(stages|jobs|steps|extends|variables|parameters)\s*:/m.test(text);
}

/** The folder `./` references resolve against: the file's workspace folder, else its own folder. */
export function rootOf(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
}
