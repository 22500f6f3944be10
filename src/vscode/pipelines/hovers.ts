import * as vscode from 'vscode';
import { hoverAt, type HoverInfo } from '../../core/pipelines/hover';
import { azureHoverAt } from '../../core/pipelines/azure/hover';
import { gitLabHoverAt } from '../../core/pipelines/gitlab/hover';
import { listYamlFiles } from '../../core/pipelines/gitlab/repository-files';
import type { PipelineDiagnostics } from './diagnostics';
import { readForEditor } from './pipeline-documents';
import { rootOf } from './validation-store';

/**
 * Documentation on keys and on contexts/functions inside ${{ }} (for Azure also tasks and
 * parameters; for GitLab predefined variables and what a job inherits), for files known to be pipelines.
 */
export class PipelineHovers implements vscode.HoverProvider {
  constructor(private readonly diagnostics: PipelineDiagnostics) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const kind = this.diagnostics.kindOf(document.uri);
    if (!kind) return undefined;
    // Each kind's language has its own hovers: Azure's keys, tasks, functions and parameters are not GitHub's.
    const info =
      kind === 'azure-pipelines'
        ? azureHoverAt(document.getText(), document.offsetAt(position))
        : kind === 'gitlab-ci'
          ? this.gitLab(document, position)
          : hoverAt(document.getText(), kind, document.offsetAt(position));
    if (!info) return undefined;
    const markdown = new vscode.MarkdownString(info.contents);
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(info.span[0]), document.positionAt(info.span[1])));
  }

  /** GitLab's hovers read the configuration the file is merged into (bases and defaults of other files). */
  private gitLab(document: vscode.TextDocument, position: vscode.Position): HoverInfo | undefined {
    const root = rootOf(document.uri);
    return gitLabHoverAt({
      file: document.uri.fsPath,
      text: document.getText(),
      offset: document.offsetAt(position),
      repositoryRoot: root,
      read: readForEditor,
      list: () => listYamlFiles(root),
    });
  }
}
