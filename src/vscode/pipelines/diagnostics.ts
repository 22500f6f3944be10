import * as vscode from 'vscode';
import { ACTIONLINT_CONFIG_PATHS, CONFIG_PATH } from '../../core/pipelines/config';
import type { Finding } from '../../core/pipelines/finding';
import type { PipelineKind } from '../../core/pipelines/pipeline-kind';
import { toDiagnostic } from './convert';
import { rootOf, type ValidationStore } from './validation-store';

const DEBOUNCE_MS = 250;

/**
 * Sends pipeline documents to the validation store as they are opened,
 * edited (debounced) and saved, and shows the store's results for them;
 * clears them when closed or deleted. The store keeps the findings, so quick
 * fixes and the Pipelines view read the same ones.
 */
export class PipelineDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('shipshape');
  /** Paths of the documents shown here (their text is what the store validates). */
  private readonly shown = new Set<string>();
  /** Shown documents a tab has shown: only they are cleared when no tab shows them any more. */
  private readonly tabbed = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly rulesDoc: vscode.Uri,
    private readonly store: ValidationStore,
  ) {
    this.disposables.push(
      store.onDidChange((path) => this.show(path)),
      vscode.workspace.onDidOpenTextDocument((document) => void this.validate(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.validate(document)),
      ...this.watchConfigFiles(),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      // onDidCloseTextDocument comes late (documents outlive their tabs): clear as soon as no tab shows the file.
      vscode.window.tabGroups.onDidChangeTabs(() => this.clearUnshown()),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.clear(uri, true))),
    );
    for (const document of vscode.workspace.textDocuments) void this.validate(document);
  }

  /**
   * Our config and actionlint's (read when ours is absent): saved here, changed by another program or by
   * a checkout, created or deleted, the files under its folder are validated again with it.
   */
  private watchConfigFiles(): vscode.Disposable[] {
    const names = [CONFIG_PATH, ...ACTIONLINT_CONFIG_PATHS].map((path) => path.replace(/^\.github\//, ''));
    const watcher = vscode.workspace.createFileSystemWatcher(`**/.github/{${names.join(',')}}`);
    const changed = (uri: vscode.Uri) => this.store.configChanged(rootOf(uri), vscode.workspace.textDocuments);
    return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
  }

  /** The pipeline kind of a validated document, or undefined when it is not a pipeline. */
  kindOf(uri: vscode.Uri): PipelineKind | undefined {
    return this.store.get(uri.fsPath)?.kind;
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.store.get(uri.fsPath)?.findings ?? [];
  }

  /** Validates now (in the worker); resolves with the findings (none for files that are not pipelines). */
  async validate(document: vscode.TextDocument): Promise<readonly Finding[]> {
    if (document.uri.scheme !== 'file' || !/\.ya?ml$/i.test(document.uri.path)) return [];
    this.shown.add(document.uri.fsPath);
    const stored = await this.store.validateDocument(document);
    return stored?.kind ? stored.findings : [];
  }

  /** The store has a new result for `path`: shown documents get it as diagnostics. */
  private show(path: string): void {
    const uri = vscode.Uri.file(path);
    const stored = this.store.get(path);
    if (this.shown.has(path) && stored?.from === 'editor' && stored.kind)
      this.collection.set(
        uri,
        stored.findings.map((finding) => toDiagnostic(finding, this.rulesDoc, stored.hints.has(finding.rule))),
      );
    else this.collection.delete(uri);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(document);
      }, DEBOUNCE_MS),
    );
  }

  private clear(uri: vscode.Uri, deleted = false): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
    this.tabbed.delete(uri.fsPath);
    if (!this.shown.delete(uri.fsPath)) return;
    if (deleted) this.store.forget(uri.fsPath);
    else this.store.documentClosed(uri.fsPath);
  }

  private clearUnshown(): void {
    const shown = new Set(
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .flatMap((tab) =>
          tab.input instanceof vscode.TabInputText ? [tab.input.uri.fsPath] : tab.input instanceof vscode.TabInputTextDiff ? [tab.input.modified.fsPath] : [],
        ),
    );
    // A document is opened before its tab exists (a preview tab is replaced in two steps): one that no
    // tab has shown yet is not closed, or it would keep the disk's result while the editor shows it.
    for (const path of [...this.shown]) {
      if (shown.has(path)) this.tabbed.add(path);
      else if (this.tabbed.has(path)) this.clear(vscode.Uri.file(path));
    }
    // A tab reopened on a document VS Code had not disposed yet brings no open event: validate it here.
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === 'file' && shown.has(document.uri.fsPath) && !this.shown.has(document.uri.fsPath)) void this.validate(document);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
