import * as vscode from 'vscode';
import { folderOfPath, type FolderRef } from '../core/workspace/folder-groups';

/** A workspace folder on disk, as the core's folder helpers take it. */
export interface WorkspaceFolderRef extends FolderRef {
  readonly uri: vscode.Uri;
}

/** Every workspace folder on disk, in the workspace's order. */
export function fileFolders(): WorkspaceFolderRef[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => ({ name: folder.name, path: folder.uri.fsPath, uri: folder.uri }));
}

/** The workspace folder holding `path` (the deepest, when folders nest). */
export function folderOf(path: string): WorkspaceFolderRef | undefined {
  return folderOfPath(path, fileFolders());
}

/** The path of the file in the active editor (not an untitled or virtual document). */
export function activeEditorPath(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' ? uri.fsPath : undefined;
}

/** VS Code's CancellationToken as the AbortSignal the core takes. */
export function toAbortSignal(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
