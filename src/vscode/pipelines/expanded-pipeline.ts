import { basename, dirname, posix } from 'node:path';
import * as vscode from 'vscode';
import { expandAzureFile, expandedDocumentText } from '../../core/pipelines/azure/expand-file';
import { errorMessage } from '../../core/errors';
import { isAzureDocument, readForAzure } from './azure-files';
import { rootOf, type ValidationStore } from './validation-store';

/** Expanded pipelines: read-only documents of their own scheme, never an unsaved buffer. */
export const EXPANDED_SCHEME = 'shipshape-expanded';
/** Set while the active editor shows an Azure Pipelines file: the command shows in the palette then. */
export const AZURE_ACTIVE_CONTEXT = 'shipshape.azureFileActive';
const REFRESH_MS = 300;

/** The expanded document of a source file: "Expanded <name>" beside it (a .yml name, so it is YAML). */
export function expandedUri(source: vscode.Uri): vscode.Uri {
  const name = basename(source.fsPath);
  const path = posix.join(dirname(source.path), `Expanded ${/\.ya?ml$/i.test(name) ? name : `${name}.yml`}`);
  return vscode.Uri.from({ scheme: EXPANDED_SCHEME, path, query: encodeURIComponent(source.fsPath) });
}

/**
 * **Shipshape: Show Expanded Pipeline**: the fully expanded YAML of an Azure Pipelines file (what
 * Azure DevOps' "Download full YAML" gives), beside its source, refreshed when the source or one
 * of the templates it read changes; when the expansion meets errors the document says so at the top.
 */
export class ExpandedPipelines implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Per shown expanded document (its URI as text): the files its last expansion read. */
  private readonly shown = new Map<string, { uri: vscode.Uri; files: ReadonlySet<string> }>();
  private timer: NodeJS.Timeout | undefined;
  /** Expanded documents to refresh when the timer fires (edits come in bursts). */
  private readonly due = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: ValidationStore) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
    const anyFile = () => this.schedule(() => true);
    this.disposables = [
      this.changed,
      watcher,
      vscode.workspace.registerTextDocumentContentProvider(EXPANDED_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule((files) => files.has(event.document.uri.fsPath))),
      watcher.onDidChange((uri) => this.schedule((files) => files.has(uri.fsPath))),
      // A template created or deleted may be one an expansion missed or read.
      watcher.onDidCreate(anyFile),
      watcher.onDidDelete(anyFile),
      vscode.workspace.onDidCloseTextDocument((document) => this.shown.delete(document.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      store.onDidChange((path) => {
        if (path === vscode.window.activeTextEditor?.document.uri.fsPath) this.updateContext();
      }),
    ];
    this.updateContext();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const file = decodeURIComponent(uri.query);
    const source = vscode.Uri.file(file);
    const root = rootOf(source);
    try {
      const expanded = expandAzureFile({ file, repositoryRoot: root, read: readForAzure });
      this.shown.set(uri.toString(), { uri, files: new Set(expanded.files) });
      return expandedDocumentText(file, root, expanded, readForAzure);
    } catch (error) {
      return `# Shipshape could not expand ${basename(file)}: ${errorMessage(error).replace(/\n/g, ' ')}\n`;
    }
  }

  /** Opens the expanded document of `target` (else the active editor's file) beside it; returns its text. */
  async show(target?: vscode.Uri): Promise<string | undefined> {
    const source = target ?? vscode.window.activeTextEditor?.document.uri;
    if (!source || !isAzureDocument(this.store, source)) {
      void vscode.window.showInformationMessage('Show Expanded Pipeline works on an Azure Pipelines file: open one first.');
      return undefined;
    }
    const uri = expandedUri(source);
    let document = await vscode.workspace.openTextDocument(uri);
    // Opened before: expand again now (the files it read may have changed while it was hidden).
    if (this.shown.has(uri.toString())) {
      this.changed.fire(uri);
      document = await vscode.workspace.openTextDocument(uri);
    }
    if (document.languageId !== 'yaml') document = await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
    const text = document.getText();
    const failure = /^# Not expanded completely: .*\n#\s+(.*)$/m.exec(text);
    if (failure)
      void vscode.window.showWarningMessage(`The pipeline could not be expanded completely: ${failure[1] ?? ''} (listed at the top of the expanded document).`);
    return text;
  }

  private schedule(affects: (files: ReadonlySet<string>) => boolean): void {
    for (const [key, entry] of this.shown) if (affects(entry.files)) this.due.set(key, entry.uri);
    if (!this.due.size) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      for (const uri of this.due.values()) this.changed.fire(uri);
      this.due.clear();
    }, REFRESH_MS);
  }

  private updateContext(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    void vscode.commands.executeCommand('setContext', AZURE_ACTIVE_CONTEXT, uri !== undefined && isAzureDocument(this.store, uri));
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
