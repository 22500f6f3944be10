import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { ShipshapeConfig } from '../../core/pipelines/config';
import { CONFIG_PATH, EMPTY_CONFIG, parseConfig } from '../../core/pipelines/config';
import type { Finding } from '../../core/pipelines/finding';
import type { PipelineKind } from '../../core/pipelines/pipeline-kind';
import type { Logger } from '../../core/logger';
import { validatePipeline } from '../../core/pipelines/validate';
import { toDiagnostic } from './convert';

const DEBOUNCE_MS = 250;

/**
 * Validates pipeline documents as they are opened, edited (debounced) and
 * saved; clears them when closed or deleted. Keeps each document's findings
 * so quick fixes can offer their edits.
 */
export class PipelineDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('shipshape');
  private readonly findings = new Map<string, readonly Finding[]>();
  private readonly kinds = new Map<string, PipelineKind>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly configs = new Map<string, ShipshapeConfig>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were replaced. */
  readonly onDidUpdate = this.changed.event;

  constructor(
    private readonly rulesDoc: vscode.Uri,
    private readonly logger: Logger,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidOpenTextDocument((document) => this.validate(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.path.endsWith(`/${CONFIG_PATH}`)) this.configChanged(document.uri);
        this.validate(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      // onDidCloseTextDocument comes late (documents outlive their tabs): clear as soon as no tab shows the file.
      vscode.window.tabGroups.onDidChangeTabs(() => this.clearUnshown()),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.clear(uri))),
    );
    for (const document of vscode.workspace.textDocuments) this.validate(document);
  }

  /** The pipeline kind of a validated document, or undefined when it is not a pipeline. */
  kindOf(uri: vscode.Uri): PipelineKind | undefined {
    return this.kinds.get(uri.toString());
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  /** Validates now; returns the findings (none for files that are not pipelines). */
  validate(document: vscode.TextDocument): readonly Finding[] {
    if (document.uri.scheme !== 'file' || !/\.ya?ml$/i.test(document.uri.path)) return [];
    const root = this.rootOf(document.uri);
    const started = Date.now();
    const result = validatePipeline({ path: document.uri.fsPath, text: document.getText(), root, config: this.configFor(root) });
    const key = document.uri.toString();
    if (!result.kind) {
      this.clear(document.uri);
      return [];
    }
    this.findings.set(key, result.findings);
    this.kinds.set(key, result.kind);
    this.collection.set(document.uri, result.findings.map((finding) => toDiagnostic(finding, this.rulesDoc)));
    this.logger.debug(`Validated ${vscode.workspace.asRelativePath(document.uri)} (${result.kind}): ${result.findings.length} finding(s) in ${Date.now() - started} ms`);
    this.changed.fire(document.uri);
    return result.findings;
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.validate(document);
      }, DEBOUNCE_MS),
    );
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.findings.delete(key);
    this.kinds.delete(key);
    this.collection.delete(uri);
    this.changed.fire(uri);
  }

  private clearUnshown(): void {
    const shown = new Set(
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : tab.input instanceof vscode.TabInputTextDiff ? [tab.input.modified.toString()] : [])),
    );
    for (const key of [...this.findings.keys()]) if (!shown.has(key)) this.clear(vscode.Uri.parse(key));
  }

  private rootOf(uri: vscode.Uri): string {
    return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
  }

  /** The repository's .github/shipshape.yaml, read once and again when it is saved. */
  private configFor(root: string): ShipshapeConfig {
    const cached = this.configs.get(root);
    if (cached) return cached;
    let config = EMPTY_CONFIG;
    try {
      const text = readFileSync(join(root, CONFIG_PATH), 'utf8');
      const parsed = parseConfig(text);
      config = parsed.config;
      for (const problem of parsed.problems) this.logger.warn(problem.message);
    } catch {
      // no config file: the defaults apply
    }
    this.configs.set(root, config);
    return config;
  }

  private configChanged(uri: vscode.Uri): void {
    this.configs.delete(this.rootOf(uri));
    for (const document of vscode.workspace.textDocuments) if (this.findings.has(document.uri.toString())) this.validate(document);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
