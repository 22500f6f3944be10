import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { join } from 'node:path';
import { activateShipshape, workspaceRoot } from './helpers';

describe('Pipelines and Local Runs views', () => {
  before(activateShipshape);

  it('finds the demo workspace pipeline files', async () => {
    const found = await vscode.commands.executeCommand<string[]>('shipshape.pipelines.refresh');
    assert.deepEqual(found, [
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
      '.gitlab-ci.yml',
      '.gitlab/ci/review-apps.yml',
      'azure-pipelines.yml',
      'templates/build-steps.yml',
    ]);
  });

  it('plans a local run, in job order', async () => {
    // Two workflows: the command asks which one; accept the first, CI.
    const planned = vscode.commands.executeCommand<string[]>('shipshape.runs.plan');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await planned, ['lint', 'test', 'package']);
  });

  it('runs a job locally from its CodeLens, leaving the other jobs unselected', async function () {
    this.timeout(60000);
    const uri = vscode.Uri.file(join(workspaceRoot(), '.github', 'workflows', 'ci.yml'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const titles = lenses.map((lens) => lens.command?.title);
    assert.ok(titles.includes('$(play) Run Workflow Locally'), titles.join(', '));
    const lens = lenses.find((candidate) => candidate.command?.command === 'shipshape.runs.runJob' && candidate.command.arguments?.[1] === 'lint');
    assert.ok(lens?.command, 'a "Run Job Locally" lens above the lint job');
    const summary = await vscode.commands.executeCommand<{ status: string; problem?: string; jobs: { key: string; status: string }[] }>(
      lens.command.command,
      ...(lens.command.arguments ?? []),
    );
    assert.equal(summary.status, 'success', summary.problem);
    assert.ok(summary.jobs.some((job) => job.key === 'lint' && job.status === 'success'));
    assert.ok(summary.jobs.filter((job) => job.key !== 'lint').every((job) => job.status === 'skipped'));
  });
});
