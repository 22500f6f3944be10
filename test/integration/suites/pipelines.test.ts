import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateShipshape } from './helpers';

describe('Pipelines and Local Runs views', () => {
  before(activateShipshape);

  it('finds the demo workspace pipeline files', async () => {
    const found = await vscode.commands.executeCommand<string[]>('shipshape.pipelines.refresh');
    assert.deepEqual(found, ['.github/workflows/ci.yml', '.github/workflows/release.yml', '.gitlab-ci.yml', 'azure-pipelines.yml']);
  });

  it('plans a local run, in job order', async () => {
    // Two workflows: the command asks which one; accept the first, CI.
    const planned = vscode.commands.executeCommand<string[]>('shipshape.runs.plan');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await planned, ['lint', 'test', 'package']);
  });
});
