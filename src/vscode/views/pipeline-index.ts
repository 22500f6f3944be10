import * as vscode from 'vscode';
import { findPipelineFiles, type PipelineFile } from '../../core/pipelines/find-pipeline-files';
import type { WorkflowOutline } from '../../core/pipelines/workflow-outline';
import type { Logger } from '../../core/logger';
import type { ValidationStore } from '../pipelines/validation-store';
import { primaryFolder } from '../workspace';

export interface IndexedPipeline {
  readonly file: PipelineFile;
  /** Present for GitHub workflows; other kinds get outlines with their validators. */
  readonly outline: WorkflowOutline | undefined;
}

/**
 * The pipeline files of the workspace and their outlines. Views read this
 * state; only refresh() touches the disk, so getChildren never does I/O.
 * Findings live in the validation store (the one the Problems view reads).
 */
export class PipelineIndex implements vscode.Disposable {
  private files: readonly PipelineFile[] = [];
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly logger: Logger,
    private readonly store: ValidationStore,
  ) {}

  /** The files with their outlines as the validation store has them (made in the worker, with the findings). */
  get all(): readonly IndexedPipeline[] {
    return this.files.map((file) => ({ file, outline: this.store.get(file.path)?.outline }));
  }

  get hasLoaded(): boolean {
    return this.loaded;
  }

  /** Lists the files at once; resolves when the store has validated (and outlined) them all. */
  async refresh(): Promise<readonly IndexedPipeline[]> {
    const folder = primaryFolder();
    const before = new Set(this.files.map((file) => file.path));
    let validations: Promise<unknown>[] = [];
    if (!folder) {
      this.files = [];
    } else {
      const started = Date.now();
      const root = folder.uri.fsPath;
      this.store.reloadConfig(root); // it may have changed outside the editor
      this.files = await findPipelineFiles(root);
      this.logger.info(`Found ${this.files.length} pipeline file(s) in ${Date.now() - started} ms`);
      // Other kinds have no validator yet. The store reads each file; the worker validates and outlines it.
      validations = this.files.filter((file) => file.kind.startsWith('github-')).map((file) => this.store.validateFile(file.path, root));
    }
    for (const file of this.files) before.delete(file.path);
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
