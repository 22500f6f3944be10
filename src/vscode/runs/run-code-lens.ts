import * as vscode from 'vscode';
import { readWorkflow } from '../../core/runs/workflow-model';
import { Commands } from '../constants';

const WORKFLOW_PATH = /[\\/]\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/;

/** "Run Locally" and "Plan" above a workflow and above each of its jobs. */
export class RunCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!WORKFLOW_PATH.test(document.uri.fsPath)) return [];
    const read = readWorkflow(document.getText());
    if (!read.ok) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, { title: '$(play) Run Workflow Locally', command: Commands.runWorkflow, arguments: [document.uri], tooltip: 'Run every job in an isolated copy of the repository' }),
      new vscode.CodeLens(top, { title: '$(list-tree) Plan', command: Commands.planLocalRun, arguments: [document.uri], tooltip: 'What would run for a push to this branch, and why' }),
    ];
    for (const job of read.workflow.jobs) {
      const range = new vscode.Range(job.line, 0, job.line, 0);
      lenses.push(
        new vscode.CodeLens(range, { title: '$(play) Run Job Locally', command: Commands.runJob, arguments: [document.uri, job.id], tooltip: `Run "${job.id}" and the jobs it needs` }),
        new vscode.CodeLens(range, { title: '$(list-tree) Plan', command: Commands.planLocalRun, arguments: [document.uri, job.id] }),
      );
    }
    return lenses;
  }
}
