import * as vscode from 'vscode';
import { azureDefinitionAt } from '../../core/pipelines/azure/definitions';
import { isDocumentOfKind, readForEditor } from './pipeline-documents';
import { rootOf, type ValidationStore } from './validation-store';

/**
 * Go to definition in Azure Pipelines files: a `template:` path opens the template, a
 * `dependsOn` name goes to its stage or job, `parameters.x` in `${{ }}` to its declaration.
 */
export class AzureDefinitions implements vscode.DefinitionProvider {
  constructor(private readonly store: ValidationStore) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    if (!isDocumentOfKind(this.store, document.uri, 'azure-pipelines')) return undefined;
    const target = azureDefinitionAt({
      file: document.uri.fsPath,
      text: document.getText(),
      offset: document.offsetAt(position),
      repositoryRoot: rootOf(document.uri),
      read: readForEditor,
    });
    if (!target) return undefined;
    const uri = vscode.Uri.file(target.file);
    if (target.file === document.uri.fsPath)
      return new vscode.Location(uri, new vscode.Range(document.positionAt(target.start), document.positionAt(target.end)));
    return new vscode.Location(uri, new vscode.Position(0, 0));
  }
}
