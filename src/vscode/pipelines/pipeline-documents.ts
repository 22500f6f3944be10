import { relative } from 'node:path';
import * as vscode from 'vscode';
import { readReachedFileSync } from '../../core/pipelines/read-pipeline-file';
import { classifyPipelinePath, type PipelineKind } from '../../core/pipelines/pipeline-kind';
import { rootOf, type ValidationStore } from './validation-store';

/** Whether a document is a pipeline file of `kind`: as validated (content counts), else by its path. */
export function isDocumentOfKind(store: ValidationStore, uri: vscode.Uri, kind: PipelineKind): boolean {
  if (uri.scheme !== 'file') return false;
  return (store.get(uri.fsPath)?.kind ?? classifyPipelinePath(relative(rootOf(uri), uri.fsPath).split('\\').join('/'))) === kind;
}

/** A file's text for expansion or a merge: the open document's (unsaved edits count), else the saved file's; none past the size limit. */
export function readForEditor(path: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === path);
  if (open) return open.getText();
  return readReachedFileSync(path);
}
