import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { findPipelineFiles, type PipelineFile } from '../../core/pipelines/find-pipeline-files';
import { outlineWorkflow, type WorkflowOutline } from '../../core/pipelines/workflow-outline';
import type { Logger } from '../../core/logger';
import type { Finding } from '../../core/pipelines/finding';
import { validatePipeline } from '../../core/pipelines/validate';
import { primaryFolder } from '../workspace';

export interface IndexedPipeline {
  readonly file: PipelineFile;
  /** Present for GitHub workflows; other kinds get outlines with their validators. */
  readonly outline: WorkflowOutline | undefined;
  /** What the validator found in the file as saved on disk. */
  readonly findings: readonly Finding[];
}

/**
 * The pipeline files of the workspace and their outlines. Views read this
 * state; only refresh() touches the disk, so getChildren never does I/O.
 */
export class PipelineIndex implements vscode.Disposable {
  private pipelines: readonly IndexedPipeline[] = [];
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly logger: Logger) {}

  get all(): readonly IndexedPipeline[] {
    return this.pipelines;
  }

  get hasLoaded(): boolean {
    return this.loaded;
  }

  async refresh(): Promise<readonly IndexedPipeline[]> {
    const folder = primaryFolder();
    if (!folder) {
      this.pipelines = [];
    } else {
      const started = Date.now();
      const files = await findPipelineFiles(folder.uri.fsPath);
      this.pipelines = await Promise.all(files.map((file) => this.index(file, folder.uri.fsPath)));
      this.logger.info(`Found ${files.length} pipeline file(s) in ${Date.now() - started} ms`);
    }
    this.loaded = true;
    this.changed.fire();
    return this.pipelines;
  }

  private async index(file: PipelineFile, root: string): Promise<IndexedPipeline> {
    let text: string;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (error) {
      this.logger.warn(`Could not read ${file.relativePath}: ${String(error)}`);
      return { file, outline: undefined, findings: [] };
    }
    const outline = file.kind === 'github-workflow' ? outlineWorkflow(text) : undefined;
    const findings = file.kind.startsWith('github-') ? validatePipeline({ path: file.path, text, root, kind: file.kind }).findings : [];
    return { file, outline, findings };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
