import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { git as gitIn } from '../../support/git';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

const wizardTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Undo My Git Mistake');

const git = (...args: string[]) => gitIn(workspaceRoot(), ...args).trim();

interface SituationData {
  kind: string;
  title: string;
  fixes: { id: string; title: string }[];
}

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

  it("detects the demo workspace's mistakes, most likely first", async () => {
    const situations = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations');
    assert.deepEqual(
      situations.map((s) => s.kind),
      ['wrong-branch', 'deleted-branch'],
    );
    assert.equal(situations[0]?.title, '2 commits on main belong on a branch');
  });

  it('finds the dropped stash with the deep scan', async () => {
    const kinds = await vscode.commands.executeCommand<string[]>('shipshape.recovery.deepScan');
    assert.deepEqual(kinds, ['wrong-branch', 'deleted-branch', 'dropped-stash']);
    const situations = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations');
    assert.match(situations.find((s) => s.kind === 'dropped-stash')?.title ?? '', /WIP: pagination/);
  });

  it("shows a deleted branch's commits in a read-only document whose commit ids link to their commits", async () => {
    const situations = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations');
    const deleted = situations.find((s) => s.kind === 'deleted-branch');
    await vscode.commands.executeCommand('shipshape.recovery.showCommits', { kind: 'situation', situation: deleted });
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.scheme === 'shipshape' ? vscode.window.activeTextEditor : undefined),
      'the commits document',
    );
    const document = editor.document;
    assert.equal(document.languageId, 'diff');
    assert.match(document.getText(), /Try an in-memory cache[\s\S]*\+const cache = new Map\(\);/);
    assert.equal(document.isDirty, false, 'not an unsaved buffer');
    assert.equal(document.isUntitled, false);
    // Read-only: an edit is refused and leaves it clean, so closing never asks to save.
    const text = document.getText();
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'typed '));
    assert.equal(document.getText(), text);
    assert.equal(document.isDirty, false);

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const first = /^commit ([0-9a-f]{40})$/m.exec(text)?.[1];
    const link = links.find((candidate) => candidate.target?.query.includes(first ?? '-'));
    assert.ok(link?.target, `a link to ${first}`);
    assert.equal(link.target.scheme, 'shipshape');
    assert.equal(document.getText(link.range), first);
    const single = await vscode.workspace.openTextDocument(link.target);
    assert.match(single.getText(), new RegExp(`^commit ${first}`));
    assert.equal(single.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.isDirty).length, 0);
  });

  it('does nothing, and opens nothing, when a command that needs a tree item gets none (they are hidden from the palette)', async () => {
    const manifest = (vscode.extensions.getExtension('shipshape.shipshape')?.packageJSON ?? {}) as {
      contributes: { menus: { commandPalette: { command: string; when?: string }[] } };
    };
    const hidden = manifest.contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command);
    assert.ok(hidden.includes('shipshape.recovery.showCommit') && hidden.includes('shipshape.recovery.undoSnapshot'));
    for (const command of hidden.filter((id) => id.startsWith('shipshape.recovery.'))) {
      const result = await vscode.commands.executeCommand(command);
      assert.equal(result, undefined, command);
      assert.equal(vscode.window.activeTextEditor, undefined, `${command} opened an editor`);
    }
    // Shown only while a run kept its copy; without one it says so and deletes nothing.
    assert.equal(await vscode.commands.executeCommand('shipshape.runs.deleteWorktree'), false);
  });

  it('applies the fix over a safety snapshot, then undoes it exactly', async () => {
    const before = [
      git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/remotes'),
      git('rev-parse', 'HEAD'),
      git('status', '--porcelain'),
    ].join('\n');
    const [wrongBranch] = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations');
    const fixId = wrongBranch?.fixes[0]?.id;
    assert.ok(fixId);

    const snapshotId = await vscode.commands.executeCommand<string>('shipshape.test.applyFix', fixId);
    assert.match(snapshotId ?? '', /^\d{8}-\d{6}-[0-9a-f]+$/);
    assert.equal(git('rev-list', '--count', 'origin/main..main'), '0');
    assert.equal(git('rev-list', '--count', 'origin/main..add-search-endpoint'), '2');
    const after = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations');
    assert.ok(!after.some((s) => s.kind === 'wrong-branch'), 'the mistake is gone after the fix');

    // Work done after the fix is not replaced silently: the undo refuses, naming the file.
    const later = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'after-the-fix.txt');
    await vscode.workspace.fs.writeFile(later, Buffer.from('written after the fix\n'));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('shipshape.test.undoFix')),
      /changed: after-the-fix\.txt\. Undoing would replace it; nothing was undone/,
    );
    await vscode.workspace.fs.delete(later);

    await vscode.commands.executeCommand('shipshape.test.undoFix');
    assert.equal(
      [git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/remotes'), git('rev-parse', 'HEAD'), git('status', '--porcelain')].join(
        '\n',
      ),
      before,
    );
  });
});
