import * as vscode from 'vscode';
import { gitLabDefinitionAt } from '../../core/pipelines/gitlab/definitions';
import { listYamlFiles } from '../../core/pipelines/gitlab/repository-files';
import { isDocumentOfKind, readForEditor } from './pipeline-documents';
import { rootOf, type ValidationStore } from './validation-store';

/** A position in `text` (of a file not necessarily open): lines end at `\n`, a `\r` before it is the line's. */
function positionIn(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return new vscode.Position(before.split('\n').length - 1, offset - lineStart);
}

/**
 * Go to definition in GitLab CI files: an `extends`, `needs` or `dependencies` name goes to its
 * job (in an included file too), `!reference [job, key]` to the job or the key, an
 * `include: local` path opens the file.
 */
export class GitLabDefinitions implements vscode.DefinitionProvider {
  constructor(private readonly store: ValidationStore) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    if (!isDocumentOfKind(this.store, document.uri, 'gitlab-ci')) return undefined;
    const root = rootOf(document.uri);
    const target = gitLabDefinitionAt({
      file: document.uri.fsPath,
      text: document.getText(),
      offset: document.offsetAt(position),
      repositoryRoot: root,
      read: readForEditor,
      list: () => listYamlFiles(root),
    });
    if (!target) return undefined;
    const text = target.file === document.uri.fsPath ? document.getText() : (readForEditor(target.file) ?? '');
    return new vscode.Location(vscode.Uri.file(target.file), new vscode.Range(positionIn(text, target.start), positionIn(text, target.end)));
  }
}
