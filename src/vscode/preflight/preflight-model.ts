import * as vscode from 'vscode';
import { describeError, ShipshapeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { classifyPipelinePath } from '../../core/pipelines/pipeline-kind';
import { runPreflight } from '../../core/preflight/preflight';
import type { RecoveryModel } from '../recovery/recovery-model';
import type { RecoveryWorkspace } from '../recovery/recovery-workspace';
import { editorGitOptions } from '../git-options';
import { activeEditorPath } from '../workspace';
import type { PreflightViewState } from '../views/preflight-item-model';

/** Changes come in bursts (a commit writes the index, refs and logs): one check after they settle. */
const DEBOUNCE_MS = 500;

/**
 * The preflight check of the current repository (the active editor's, else the first), for the
 * status bar item and the Preflight view. Checked again, debounced, when Git Recovery reads the
 * repository again (its watcher follows HEAD, refs, logs and the index: commits, branch switches,
 * pushes), when a pipeline file is saved, and when the active editor moves to another repository.
 */
export class PreflightModel implements vscode.Disposable {
  private current: PreflightViewState = { status: 'idle' };
  private readonly changed = new vscode.EventEmitter<PreflightViewState>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PreflightViewState> | undefined;
  private again = false;
  private checkedRoot: string | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly recovery: RecoveryWorkspace,
  ) {
    this.disposables = [
      this.changed,
      recovery.onDidChange(() => this.scheduleRefresh()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        const model = this.repository();
        if (document.uri.scheme === 'file' && model?.root && isPipelineFile(document.uri.fsPath, model.root)) this.scheduleRefresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => {
        if (this.repository()?.root !== this.checkedRoot) this.scheduleRefresh();
      }),
    ];
  }

  get state(): PreflightViewState {
    return this.current;
  }

  /** The repository checked: the active editor's, else the first folder's. */
  repository(): RecoveryModel | undefined {
    const path = activeEditorPath();
    return (path === undefined ? undefined : this.recovery.forPath(path)) ?? this.recovery.all.find((model) => model.root !== undefined);
  }

  scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  /** Checks now; a request during a check runs once more after it (the repository may have changed meanwhile). */
  refresh(): Promise<PreflightViewState> {
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.check().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async check(): Promise<PreflightViewState> {
    const model = this.repository();
    const root = model?.root;
    this.checkedRoot = root;
    if (!root) return this.set({ status: 'no-repository' });
    try {
      const started = Date.now();
      const result = await runPreflight(root, editorGitOptions());
      this.logger.debug(`Preflight of ${root}: ${result.report.verdict}, ${result.report.findings.length} findings in ${Date.now() - started} ms`);
      return this.set({ status: 'ready', root, report: result.report, commits: result.commits, notes: result.notes, fixes: riskyCommitFixes(model) });
    } catch (error) {
      if (error instanceof ShipshapeError && error.code === 'not-a-repository') return this.set({ status: 'no-repository' });
      this.logger.warn(`Preflight: ${describeError(error)}`);
      return this.set({ status: 'error', message: describeError(error) });
    }
  }

  private set(state: PreflightViewState): PreflightViewState {
    this.current = state;
    this.changed.fire(state);
    return state;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** The fix Git Recovery offers for each unpushed commit holding a secret or a large file (its first look scans them). */
function riskyCommitFixes(model: RecoveryModel): Map<string, string> {
  const fixes = new Map<string, string>();
  const state = model.state;
  if (state.status !== 'ready') return fixes;
  for (const situation of state.situations) {
    if (situation.kind !== 'risky-commit' || !situation.fixes[0]) continue;
    for (const item of situation.evidence) if (item.kind === 'commit' && item.sha) fixes.set(item.sha, situation.fixes[0].id);
  }
  return fixes;
}

function isPipelineFile(path: string, root: string): boolean {
  const relative = path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
  return relative !== undefined && classifyPipelinePath(relative) !== undefined;
}
