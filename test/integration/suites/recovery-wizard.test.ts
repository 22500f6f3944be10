import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateShipshape, waitFor } from './helpers';

const wizardTabs = () =>
  vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Undo My Git Mistake');

describe('Undo my Git mistake wizard', () => {
  before(activateShipshape);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens one panel, and reveals it again instead of opening a second', async () => {
    await vscode.commands.executeCommand('shipshape.recovery.openWizard');
    await waitFor(() => wizardTabs().length === 1 || undefined, 'the wizard tab');
    await vscode.commands.executeCommand('shipshape.recovery.openWizard');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(wizardTabs().length, 1);
  });
});
