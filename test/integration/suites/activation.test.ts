import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateShipshape, workspaceRoot } from './helpers';

describe('Shipshape in a real VS Code', () => {
  it('runs in VS Code 1.100 or later with the demo workspace open', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok((major ?? 0) > 1 || (minor ?? 0) >= 100, vscode.version);
    assert.match(workspaceRoot(), /acme-web$/);
  });

  it('activates and registers every command it contributes', async () => {
    const extension = await activateShipshape();
    assert.equal(extension.isActive, true);
    const contributed = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });

  it('opens the Shipshape views through their focus commands', async () => {
    for (const view of ['shipshape.recovery', 'shipshape.pipelines', 'shipshape.runs']) await vscode.commands.executeCommand(`${view}.focus`);
  });

  it('shows its log channel', async () => {
    await vscode.commands.executeCommand('shipshape.showLog');
  });
});
