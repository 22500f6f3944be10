import * as vscode from 'vscode';
import { findPipelineFiles, type PipelineFile } from '../../core/pipelines/find-pipeline-files';
import { listPipelineFiles } from '../../core/pipelines/pipeline-listing';
import type { WorkflowOutline } from '../../core/pipelines/workflow-outline';
import type { AzureOutline } from '../../core/pipelines/azure/pipeline-outline';
import type { GitLabOutline } from '../../core/pipelines/gitlab/pipeline-outline';
import { referencedTemplates } from '../../core/pipelines/azure/discover-azure-files';
import type { Logger } from '../../core/logger';
import type { ValidationStore } from '../pipelines/validation-store';
import { hasValidator } from '../../core/pipelines/validators';
import { folderOfPath } from '../../core/workspace/folder-groups';
import { fileFolders, type WorkspaceFolderRef } from '../workspace';

export interface IndexedPipeline {
  /** `relativePath` is from its folder's root. */
  readonly file: PipelineFile;
  readonly folder: WorkspaceFolderRef;
  /** Present for GitHub workflows; other kinds get outlines with their validators. */
  readonly outline: WorkflowOutline | undefined;
  /** Azure files: stages, jobs and steps after expansion, and whether the file is a template. */
  readonly azure?: AzureOutline | undefined;
  /** GitLab files: stages and jobs of the merged configuration, and the file that includes this one. */
  readonly gitlab?: GitLabOutline | undefined;
}

/**
 * The pipeline files of every workspace folder and their outlines. Views read this
 * state; only refresh() touches the disk, so getChildren never does I/O.
 * Findings live in the validation store (the one the Problems view reads).
 */
export class PipelineIndex implements vscode.Disposable {
  private files: readonly { readonly file: PipelineFile; readonly folder: WorkspaceFolderRef }[] = [];
  private notes: ReadonlyMap<string, string> = new Map();
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly logger: Logger,
    private readonly store: ValidationStore,
  ) {}

  /** The files with their outlines as the validation store has them (made in the worker, with the findings). */
  get all(): readonly IndexedPipeline[] {
    return this.files.map(({ file, folder }) => {
      const stored = this.store.get(file.path);
      return { file, folder, outline: stored?.outline, azure: stored?.azureOutline, gitlab: stored?.gitlabOutline };
    });
  }

  /** Per folder path, what the view says about files it does not list (see listPipelineFiles). */
  notShown(folderPath: string): string | undefined {
    return this.notes.get(folderPath);
  }

  get hasLoaded(): boolean {
    return this.loaded;
  }

  /** Lists the files at once; resolves when the store has validated (and outlined) them all. */
  async refresh(): Promise<readonly IndexedPipeline[]> {
    const folders = fileFolders();
    const before = new Set(this.files.map(({ file }) => file.path));
    const started = Date.now();
    const found = await Promise.all(
      folders.map(async (folder) => {
        this.store.reloadConfig(folder.path); // it may have changed outside the editor
        return (await findPipelineFiles(folder.path)).map((file) => ({ file, folder }));
      }),
    );
    // Nested folders find the same file twice: it belongs to the deepest.
    const owned = found.flat().filter(({ file, folder }) => folderOfPath(file.path, folders) === folder);
    // Each folder lists at most MAX_LISTED_FILES; the rest is said, in the view and the log, never dropped silently.
    const notes = new Map<string, string>();
    this.files = folders.flatMap((folder) => {
      const listing = listPipelineFiles(owned.filter((entry) => entry.folder === folder));
      if (listing.note) {
        notes.set(folder.path, listing.note);
        this.logger.warn(`${folder.name}: ${listing.note}`);
      }
      return listing.shown;
    });
    this.notes = notes;
    if (folders.length) this.logger.info(`Found ${owned.length} pipeline file(s) in ${folders.length} folder(s) in ${Date.now() - started} ms`);
    // An Azure file another one names with `template:` is checked, and shown, as a template.
    const templates = await Promise.all(
      folders.map((folder) =>
        referencedTemplates(
          this.files.filter(({ file, folder: owner }) => owner === folder && file.kind === 'azure-pipelines').map(({ file }) => file.path),
          folder.path,
        ),
      ),
    );
    this.store.setAzureTemplates(new Set(templates.flatMap((set) => [...set])));
    // Kinds without a validator (core's capability table) are listed as not checked. The store reads
    // each other file; the worker validates and outlines it (against its own folder).
    const validations = this.files
      .filter(({ file }) => hasValidator(file.kind))
      .map(({ file, folder }) => this.store.validateFile(file.path, folder.path, undefined, file.kind));
    for (const { file } of this.files) before.delete(file.path);
    for (const gone of before) this.store.forget(gone);
    this.loaded = true;
    this.changed.fire();
    await Promise.all(validations);
    return this.all;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
