import { basename, dirname, posix } from 'node:path';
import * as vscode from 'vscode';
import { expandAzureFile, expandedDocumentText } from '../../core/pipelines/azure/expand-file';
import { mergedDocumentText, mergeGitLabFile } from '../../core/pipelines/gitlab/merged-file';
import { listYamlFiles } from '../../core/pipelines/gitlab/repository-files';
import type { PipelineKind } from '../../core/pipelines/pipeline-kind';
import { errorMessage } from '../../core/errors';
import { isDocumentOfKind, readForEditor } from './pipeline-documents';
import { rootOf, type ValidationStore } from './validation-store';

/** What one kind of pipeline file shows as its read-only expansion. */
export interface Expansion {
  readonly kind: PipelineKind;
  /** The documents' own scheme: read-only, never an unsaved buffer. */
  readonly scheme: string;
  /** Set while the active editor shows a file of this kind: the command shows in the palette then. */
  readonly context: string;
  /** The document's name before the source's ("Expanded azure-pipelines.yml"). */
  readonly prefix: string;
  /** Said when the active editor holds no file of this kind. */
  readonly openOne: string;
  /** The document's text and every file it read (a change to one refreshes it). */
  render(file: string, root: string): { readonly text: string; readonly files: readonly string[] };
  /** The warning to show when the document says it is incomplete. */
  incomplete(text: string): string | undefined;
}

/** The first error a header lists after its "Not … completely" line. */
const firstListed = (text: string, verb: string): string | undefined => new RegExp(`^# Not ${verb} completely: .*\\n#\\s+(.*)$`, 'm').exec(text)?.[1];

/** Show Expanded Pipeline: an Azure Pipelines file with its templates expanded. */
export const AZURE_EXPANSION: Expansion = {
  kind: 'azure-pipelines',
  scheme: 'shipshape-expanded',
  context: 'shipshape.azureFileActive',
  prefix: 'Expanded',
  openOne: 'Show Expanded Pipeline works on an Azure Pipelines file: open one first.',
  render(file, root) {
    const expanded = expandAzureFile({ file, repositoryRoot: root, read: readForEditor });
    return { text: expandedDocumentText(file, root, expanded, readForEditor), files: expanded.files };
  },
  incomplete(text) {
    const failure = firstListed(text, 'expanded');
    return failure === undefined ? undefined : `The pipeline could not be expanded completely: ${failure} (listed at the top of the expanded document).`;
  },
};

/** Show Merged Configuration: a GitLab CI file with its includes, extends and !reference resolved. */
export const GITLAB_MERGE: Expansion = {
  kind: 'gitlab-ci',
  scheme: 'shipshape-merged',
  context: 'shipshape.gitlabFileActive',
  prefix: 'Merged',
  openOne: 'Show Merged Configuration works on a GitLab CI file: open one first.',
  render(file, root) {
    const merged = mergeGitLabFile({ file, repositoryRoot: root, read: readForEditor, list: () => listYamlFiles(root) });
    return { text: mergedDocumentText(file, root, merged, readForEditor), files: merged.files };
  },
  incomplete(text) {
    const failure = firstListed(text, 'merged');
    return failure === undefined ? undefined : `The configuration could not be merged completely: ${failure} (listed at the top of the merged document).`;
  },
};

const REFRESH_MS = 300;

/** The expanded document of a source file: "Expanded <name>" beside it (a .yml name, so it is YAML). */
export function expandedUri(source: vscode.Uri, expansion: Expansion): vscode.Uri {
  const name = basename(source.fsPath);
  const path = posix.join(dirname(source.path), `${expansion.prefix} ${/\.ya?ml$/i.test(name) ? name : `${name}.yml`}`);
  return vscode.Uri.from({ scheme: expansion.scheme, path, query: encodeURIComponent(source.fsPath) });
}

/**
 * **Shipshape: Show Expanded Pipeline**: the fully expanded YAML of an Azure Pipelines file (what
 * Azure DevOps' "Download full YAML" gives); **Show Merged Configuration**: a GitLab CI file's
 * merged YAML (what GitLab's pipeline editor calls the full configuration). Beside the source,
 * refreshed when the source or a file it read changes; when the expansion meets errors the
 * document says so at the top. One instance per kind.
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

  constructor(
    private readonly store: ValidationStore,
    private readonly expansion: Expansion,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
    const anyFile = () => this.schedule(() => true);
    this.disposables = [
      this.changed,
      watcher,
      vscode.workspace.registerTextDocumentContentProvider(expansion.scheme, this),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule((files) => files.has(event.document.uri.fsPath))),
      watcher.onDidChange((uri) => this.schedule((files) => files.has(uri.fsPath))),
      // A file created or deleted may be one an expansion (a template, an include) missed or read.
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
      const rendered = this.expansion.render(file, root);
      this.shown.set(uri.toString(), { uri, files: new Set(rendered.files) });
      return rendered.text;
    } catch (error) {
      return `# Shipshape could not expand ${basename(file)}: ${errorMessage(error).replace(/\n/g, ' ')}\n`;
    }
  }

  /** Opens the expanded (merged) document of `target` (else the active editor's file) beside it; returns its text. */
  async show(target?: vscode.Uri): Promise<string | undefined> {
    const source = target ?? vscode.window.activeTextEditor?.document.uri;
    if (!source || !isDocumentOfKind(this.store, source, this.expansion.kind)) {
      void vscode.window.showInformationMessage(this.expansion.openOne);
      return undefined;
    }
    const uri = expandedUri(source, this.expansion);
    let document = await vscode.workspace.openTextDocument(uri);
    // Opened before: expand again now (the files it read may have changed while it was hidden).
    if (this.shown.has(uri.toString())) {
      this.changed.fire(uri);
      document = await vscode.workspace.openTextDocument(uri);
    }
    if (document.languageId !== 'yaml') document = await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
    const text = document.getText();
    const warning = this.expansion.incomplete(text);
    if (warning) void vscode.window.showWarningMessage(warning);
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
    void vscode.commands.executeCommand('setContext', this.expansion.context, uri !== undefined && isDocumentOfKind(this.store, uri, this.expansion.kind));
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
