import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { Annotation, JobResult, RunUpdate } from '../../core/runs/run-types';
import {
  isWebviewToRunPanel,
  linesAfterAppend,
  type LogLine,
  type RunPanelState,
  type RunPanelToWebview,
  type StepRef,
  type WebviewToRunPanel,
} from '../../protocol/run-panel';
import { Commands, WebviewPanels } from '../constants';
import { WebviewPanelHost } from '../webviews/webview-panel-host';
import { BoundedLog, FRESH_LIVE_LOG, planFlush, type LiveLogState } from './log-buffer';
import type { LocalRunsModel, RunEntry } from './local-runs-model';
import { annotationsOf, panelStateOf, resultsOf } from './run-panel-state';
import { annotationFile, problemLocation, readLogTail, runRoot } from './run-panel-files';
import { planProblems } from '../../core/runs/plan';
import { errorMessage } from '../../core/errors';
import { fileFolders } from '../workspace';
import { executeCommand } from '../command-map';

export interface RunPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly model: LocalRunsModel;
}

const FLUSH_MS = 100;
const titleOf = (entry: RunEntry) => `${entry.kind === 'plan' ? 'Plan' : 'Run'}: ${entry.name}`;

/**
 * One run's panel: the job graph, the selected step's log (live, batched, bounded, rate-capped),
 * annotations, summaries. The model owns the run and the tails of steps running now (so a panel
 * opened late still shows what a step printed so far); this keeps only the lines not yet posted.
 * A live step is sent at most PANEL_LINE_RATE lines a second (the newest); when lines were left
 * out, the step's end replaces the view with its exact last lines.
 */
export class RunPanel extends WebviewPanelHost<WebviewToRunPanel, RunPanelToWebview> {
  private static readonly panels = new Map<string, RunPanel>();
  private entry: RunEntry;
  private selected: StepRef | undefined;
  private posted: RunPanelState | undefined;
  private postedAnnotations: readonly Annotation[] = [];
  private postedJson = '';
  private readonly results = new Map<string, JobResult>();
  /** Lines of the selected step not posted yet: only the tail the view can show. */
  private unposted = new BoundedLog();
  /** The rate cap's allowance, and whether the view missed lines of the selected step. */
  private liveState: LiveLogState = FRESH_LIVE_LOG;
  private flushTimer: NodeJS.Timeout | undefined;
  private generation = 0;
  private shown = 0;
  private readonly subscriptions: vscode.Disposable[];

  /** Opens (or reveals) the panel of a run or plan; undefined when the model does not know the id. */
  static show(deps: RunPanelDeps, runId: string): RunPanel | undefined {
    const open = RunPanel.panels.get(runId);
    if (open) {
      open.reveal();
      return open;
    }
    const entry = deps.model.find(runId);
    return entry ? new RunPanel(deps, entry) : undefined;
  }

  /** The open panel of a run, if any (tests, and the tree's step clicks). */
  static find(runId: string): RunPanel | undefined {
    return RunPanel.panels.get(runId);
  }

  private constructor(
    private readonly deps: RunPanelDeps,
    entry: RunEntry,
  ) {
    super(
      deps.extensionUri,
      {
        viewType: WebviewPanels.runPanel,
        title: titleOf(entry),
        bundle: 'run-panel',
        isInbound: isWebviewToRunPanel,
        placement: 'beside',
      },
      deps.logger,
    );
    this.entry = entry;
    RunPanel.panels.set(entry.id, this);
    this.subscriptions = [deps.model.onDidChange(() => this.refresh()), deps.model.onDidUpdate(({ entryId, update }) => this.onUpdate(entryId, update))];
    this.pushState();
  }

  get runId(): string {
    return this.entry.id;
  }

  /** The last state posted to the webview (tests). */
  get state(): RunPanelState | undefined {
    return this.posted;
  }

  /** How many log lines of the selected step the view holds now (tests): see linesAfterAppend. */
  get shownLineCount(): number {
    return this.shown;
  }

  /** Shows a step: its log replaces the one shown. */
  async select(jobKey: string, stepIndex: number): Promise<void> {
    const job = this.entry.jobs.find((candidate) => candidate.key === jobKey);
    if (!job || (job.steps.length > 0 && !job.steps.some((step) => step.index === stepIndex))) return;
    this.selected = { jobKey, stepIndex };
    this.pushState();
    await this.resetLog();
  }

  protected async onMessage(message: WebviewToRunPanel): Promise<void> {
    switch (message.type) {
      case 'ready': // also after the webview was reloaded (hidden panels are not retained)
        this.pushState(true);
        await this.resetLog();
        return;
      case 'selectStep':
        await this.select(message.jobKey, message.stepIndex);
        return;
      case 'openFullLog':
        await this.openFullLog(message.jobKey, message.stepIndex);
        return;
      case 'openAnnotation':
        await this.openAnnotation(message.index);
        return;
      case 'openProblem':
        await this.openProblem(message.index);
        return;
      case 'cancel':
        await executeCommand(Commands.cancelRun, { kind: 'run', entry: this.entry });
        return;
      case 'rerun': // resolves when the new run ends: not awaited
        void executeCommand(Commands.rerun, { kind: 'run', entry: this.entry });
        return;
    }
  }

  private refresh(): void {
    // A run's id changes once, from pending-... to the real id; the request object stays the same.
    const found =
      this.deps.model.find(this.entry.id) ?? this.deps.model.all.find((entry) => entry.request !== undefined && entry.request === this.entry.request);
    if (!found) return this.dispose(); // deleted
    if (found.id !== this.entry.id) {
      RunPanel.panels.delete(this.entry.id);
      RunPanel.panels.set(found.id, this);
    }
    this.entry = found;
    this.panel.title = titleOf(found);
    this.pushState();
  }

  private pushState(force = false): void {
    const state = panelStateOf(this.entry, this.results, this.selected);
    const json = JSON.stringify(state);
    if (!force && json === this.postedJson) return;
    // The webview clicks annotations by their index in what it was sent: keep that list.
    this.postedAnnotations = annotationsOf(this.entry, resultsOf(this.entry, this.results));
    this.posted = state;
    this.postedJson = json;
    this.post({ type: 'state', state });
  }

  private onUpdate(entryId: string, update: RunUpdate): void {
    if (entryId !== this.entry.id && update.type === 'run-started') this.refresh();
    if (entryId !== this.entry.id) return;
    const isSelected = (jobKey: string, index: number) => this.selected?.jobKey === jobKey && this.selected.stepIndex === index;
    switch (update.type) {
      case 'step-started':
        if (isSelected(update.key, update.index)) void this.resetLog();
        return;
      case 'log': {
        if (!isSelected(update.key, update.index)) return;
        this.unposted.append(update.stream, update.lines);
        this.flushTimer ??= setTimeout(() => this.flush(true), FLUSH_MS);
        return;
      }
      case 'step-finished':
        if (isSelected(update.key, update.result.index)) this.flush(false);
        return;
      case 'job-finished':
        this.results.set(update.key, update.result);
        return;
      default:
    }
  }

  /**
   * Posts the newest pending lines of the selected step (live=false: the step just ended). Live,
   * the rate cap decides how many; at the end, a view that missed lines gets the exact tail.
   */
  private flush(live: boolean): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const step = this.selected;
    const batch = this.unposted;
    this.unposted = new BoundedLog();
    if (!step) return;
    // A chatty step sends more lines per flush than the view keeps: the batch kept only that tail.
    const plan = planFlush(this.liveState, { kept: batch.size, written: batch.total }, live, Date.now());
    this.liveState = plan.state;
    const buffer = this.deps.model.liveLog(this.entry.id, step.jobKey, step.stepIndex);
    if (plan.post === 'tail') return this.resetToTail(step, buffer);
    if (live && plan.count === 0) return; // the end is always posted: the view stops showing the step as live
    const lines = batch.tail(plan.count);
    this.shown = linesAfterAppend(this.shown, lines.length);
    this.post({ type: 'log', step, lines, live, total: buffer?.total ?? this.shown });
  }

  /** The step ended after lines were left out live: its last lines replace the view, from the model's tail or else its file. */
  private resetToTail(step: StepRef, buffer: BoundedLog | undefined): void {
    if (!buffer) return void this.resetLog();
    ++this.generation; // a file read still under way is stale now
    const lines = buffer.shown;
    this.shown = lines.length;
    const hasFile =
      this.entry.jobs.find((job) => job.key === step.jobKey)?.steps.find((candidate) => candidate.index === step.stepIndex)?.logFile !== undefined;
    this.post({ type: 'logReset', step, lines, total: buffer.total, live: false, hasFile });
  }

  /** Sends the selected step's log afresh: the live tail while it runs, else the tail of its file. */
  private async resetLog(): Promise<void> {
    const generation = ++this.generation;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.unposted = new BoundedLog();
    this.liveState = FRESH_LIVE_LOG;
    this.shown = 0;
    const step = this.selected;
    if (!step) return;
    const live = this.entry.jobs.find((job) => job.key === step.jobKey)?.steps.find((candidate) => candidate.index === step.stepIndex);
    const buffer = this.deps.model.liveLog(this.entry.id, step.jobKey, step.stepIndex);
    let lines: LogLine[] = [];
    let total = 0;
    if (live?.status === 'running' && buffer) {
      lines = buffer.shown;
      total = buffer.total;
    } else if (live?.logFile) {
      try {
        ({ lines, total } = await readLogTail(live.logFile));
      } catch (error) {
        this.logger.warn(`Run panel: cannot read ${live.logFile}: ${errorMessage(error)}`);
      }
      if (generation !== this.generation) return; // another selection came first
    }
    this.shown = lines.length;
    this.post({ type: 'logReset', step, lines, total, live: live?.status === 'running', hasFile: live?.logFile !== undefined });
  }

  private async openFullLog(jobKey: string, stepIndex: number): Promise<void> {
    const step = this.entry.jobs.find((job) => job.key === jobKey)?.steps.find((candidate) => candidate.index === stepIndex);
    if (!step?.logFile) {
      void vscode.window.showInformationMessage(step?.status === 'running' ? 'The full log opens when the step finishes.' : 'This step wrote no log.');
      return;
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(step.logFile)), { preview: true });
  }

  private async openAnnotation(index: number): Promise<void> {
    const annotation = this.postedAnnotations[index];
    if (!annotation?.file) return;
    const root = runRoot(
      this.entry,
      fileFolders().map((folder) => folder.path),
    );
    const file = root ? annotationFile(root, annotation.file, this.entry.id) : undefined;
    if (!file) {
      void vscode.window.showWarningMessage(
        root
          ? `${annotation.file} is outside the repository; Shipshape opens only files inside it.`
          : `Cannot tell which repository ${annotation.file} belongs to.`,
      );
      return;
    }
    await showAt(file, (annotation.line ?? 1) - 1, (annotation.column ?? 1) - 1, this.panel.viewColumn);
  }

  /** A problem that stopped the run: its workflow file, at its line. */
  private async openProblem(index: number): Promise<void> {
    const problem = this.entry.plan ? planProblems(this.entry.plan)[index] : undefined;
    const where = problem
      ? problemLocation(
          this.entry,
          problem,
          fileFolders().map((folder) => folder.path),
        )
      : undefined;
    if (!where) {
      if (problem?.file) void vscode.window.showWarningMessage(`Cannot tell which repository ${problem.file} belongs to.`);
      return;
    }
    await showAt(where.file, where.line, where.column, this.panel.viewColumn);
  }

  protected override onDisposed(): void {
    if (RunPanel.panels.get(this.entry.id) === this) RunPanel.panels.delete(this.entry.id);
    clearTimeout(this.flushTimer);
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}

/** Opens a file at a place: where it is shown already, else in another group than the panel's, which stays in view. */
async function showAt(file: string, line: number, column: number, panelColumn: vscode.ViewColumn | undefined): Promise<void> {
  const position = new vscode.Position(Math.max(0, line), Math.max(0, column));
  const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.fsPath === file)?.viewColumn;
  const viewColumn = shown ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position), preview: true, viewColumn });
}

/** The command: a run from the tree, a run id, or else the newest run (then the newest plan). */
export function openRunPanel(deps: RunPanelDeps, target: unknown): string | undefined {
  const fromNode = (target as { kind?: unknown; entry?: RunEntry } | undefined)?.kind === 'run' ? (target as { entry: RunEntry }).entry.id : undefined;
  const id = fromNode ?? (typeof target === 'string' ? target : undefined) ?? (deps.model.all.find((entry) => entry.kind === 'run') ?? deps.model.all[0])?.id;
  const panel = id ? RunPanel.show(deps, id) : undefined;
  if (!panel) void vscode.window.showInformationMessage('No local run to show yet: run a workflow locally first.');
  return panel?.runId;
}
