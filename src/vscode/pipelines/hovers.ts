import * as vscode from 'vscode';
import { hoverAt } from '../../core/pipelines/hover';
import { azureHoverAt } from '../../core/pipelines/azure/hover';
import type { PipelineDiagnostics } from './diagnostics';

/** Documentation on keys and on contexts/functions inside ${{ }} (for Azure also tasks and parameters), for files known to be pipelines. */
export class PipelineHovers implements vscode.HoverProvider {
  constructor(private readonly diagnostics: PipelineDiagnostics) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const kind = this.diagnostics.kindOf(document.uri);
    if (!kind) return undefined;
    // Each kind's language has its own hovers: Azure's keys, tasks, functions and parameters are not GitHub's.
    const info =
      kind === 'azure-pipelines'
        ? azureHoverAt(document.getText(), document.offsetAt(position))
        : hoverAt(document.getText(), kind, document.offsetAt(position));
    if (!info) return undefined;
    const markdown = new vscode.MarkdownString(info.contents);
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(info.span[0]), document.positionAt(info.span[1])));
  }
}
