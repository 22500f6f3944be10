import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { commit, git } from '../../support/git';
import { activateShipshape, waitFor, workspaceRoot } from '../suites/helpers';

// Split so this file holds no key-shaped text a scanner would flag.
const AWS_KEY = ['AKIA', 'QX7ZJ3K5M2N8P4R6'].join('');

interface Shown {
  visible: boolean;
  text: string;
  tooltip: string;
}
interface Item {
  label: string;
  description: string;
  children: Item[];
}

const status = () => vscode.commands.executeCommand<Shown>('shipshape.test.preflightStatus');
const items = () => vscode.commands.executeCommand<Item[]>('shipshape.test.treeItems', 'shipshape.preflight', 3);
const wizardTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Undo My Git Mistake');

describe('Preflight in the editor', () => {
  before(activateShipshape);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('says there is nothing to push on a branch the remote already has', async () => {
    const shown = await status();
    assert.equal(shown.visible, true);
    assert.equal(shown.text, '$(pass) Nothing to push');
    assert.deepEqual(await items(), []);
    assert.equal(await vscode.commands.executeCommand('shipshape.preflight.check'), 'pass');
  });

  it('follows a commit holding a secret by itself: the status bar blocks and the view lists it under Risky content', async () => {
    const bad = commit(workspaceRoot(), 'config/settings.py', `DEBUG = True\naws_key = "${AWS_KEY}"\n`, 'Add settings');
    // No command: git's file events reach Git Recovery's watcher, and Preflight follows it.
    const shownItems = await waitFor(
      async () => {
        const found = await vscode.commands.executeCommand<Item[]>('shipshape.test.treeItems', 'shipshape.preflight', 3);
        return found.some((group) => group.label === 'Risky content') ? found : undefined;
      },
      'the Preflight view to list the secret',
      20000,
    );
    assert.deepEqual(
      shownItems.map((group) => `${group.label} (${group.description})`),
      ['Commits to push (1)', 'Risky content (1 to fix)', 'What CI will run (1 of 1 workflow)'],
    );
    assert.deepEqual(
      shownItems[0]?.children.map((row) => `${row.label} ${row.description}`),
      [`Add settings ${bad.slice(0, 7)}`],
    );
    const secret = shownItems[1]?.children[0];
    assert.match(secret?.label ?? '', /AKIA\*+/);
    assert.equal(secret?.description, bad.slice(0, 7));
    assert.deepEqual(
      shownItems[2]?.children.map((row) => `${row.label} ${row.description}`),
      ['.github/workflows/ci.yml will run'],
    );

    const shown = await status();
    assert.equal(shown.text, '$(error) Preflight: 1 to fix');
    assert.match(shown.tooltip, /AKIA\*+/);
    for (const text of [shown.tooltip, JSON.stringify(shownItems)]) assert.ok(!text.includes(AWS_KEY), 'the secret is shown whole');
  });

  it("opens the recovery fix that takes the secret out of the commit from the secret's row", async () => {
    const [row] = await vscode.commands.executeCommand<{ label: string; node: unknown }[]>('shipshape.test.treeNodes', 'shipshape.preflight', [
      'Risky content',
    ]);
    assert.ok(row, 'the secret row');
    await vscode.commands.executeCommand('shipshape.preflight.openRow', row.node);
    await waitFor(() => wizardTabs().length === 1 || undefined, 'the wizard on the fix');
  });

  it("opens a pipeline workflow's file from What CI will run", async () => {
    const [row] = await vscode.commands.executeCommand<{ label: string; node: unknown }[]>('shipshape.test.treeNodes', 'shipshape.preflight', [
      'What CI will run',
    ]);
    await vscode.commands.executeCommand('shipshape.preflight.openRow', row?.node);
    const editor = await waitFor(() => vscode.window.activeTextEditor, 'the workflow editor');
    assert.match(editor.document.uri.fsPath, /\.github\/workflows\/ci\.yml$/);
  });

  it('refuses Push with Preflight while the check blocks, with shipshape.preflight.beforePush set to block: the remote keeps its commit', async () => {
    const remoteBefore = git(workspaceRoot(), 'ls-remote', 'origin', 'refs/heads/feature');
    await vscode.workspace.getConfiguration('shipshape').update('preflight.beforePush', 'block', vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(await vscode.commands.executeCommand('shipshape.preflight.push'), 'refused');
      assert.equal(git(workspaceRoot(), 'ls-remote', 'origin', 'refs/heads/feature'), remoteBefore);
    } finally {
      await vscode.workspace.getConfiguration('shipshape').update('preflight.beforePush', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
