import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { runsCodeLens } from '../settings';
import { commandFor } from '../command-map';
import type { ValidationStore } from '../pipelines/validation-store';

const WORKFLOW_PATH = /[\\/]\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/;

/**
 * "Run Locally" and "Plan" above a workflow and above each of its jobs. The
 * jobs come from the validation store's outline (made in the worker with the
 * findings), so a large workflow is never parsed on the extension host.
 */
export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ValidationStore) {
    this.subscription = vscode.Disposable.from(
      store.onDidChange((path) => {
        if (WORKFLOW_PATH.test(path)) this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(Settings.runsCodeLens)) this.changed.fire();
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!WORKFLOW_PATH.test(document.uri.fsPath) || !runsCodeLens(document.uri)) return [];
    const stored = this.store.get(document.uri.fsPath)?.from === 'editor' ? this.store.get(document.uri.fsPath) : await this.store.settled(document.uri.fsPath);
    const outline = stored?.outline;
    if (!outline || outline.problem) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, {
        ...commandFor(Commands.runWorkflow, '$(play) Run Workflow Locally', document.uri),
        tooltip: 'Run every job in an isolated copy of the repository',
      }),
      new vscode.CodeLens(top, {
        ...commandFor(Commands.planLocalRun, '$(list-tree) Plan', document.uri),
        tooltip: 'What would run for a push to this branch, and why',
      }),
    ];
    for (const job of outline.jobs) {
      const range = new vscode.Range(job.line, 0, job.line, 0);
      lenses.push(
        new vscode.CodeLens(range, {
          ...commandFor(Commands.runJob, '$(play) Run Job Locally', document.uri, job.id),
          tooltip: `Run "${job.id}" and the jobs it needs`,
        }),
        new vscode.CodeLens(range, commandFor(Commands.planLocalRun, '$(list-tree) Plan', document.uri, job.id)),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
