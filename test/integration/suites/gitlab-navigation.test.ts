import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

/** A position on the line holding `text`, `offset` characters into that text. */
function positionOf(document: vscode.TextDocument, text: string, offset = 2): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `${text} is not in ${document.uri.fsPath}`);
  return document.positionAt(at + offset);
}

/** The demo's `.gitlab-ci.yml` with an include and an `extends` typed in (unsaved): the demo itself stays as it is. */
const EDITED_HEAD = 'include: shared-jobs.yml\n';
const EXTENDS = '  extends: .node-job\n';

describe('GitLab CI in the editor: go to definition, the merged configuration', () => {
  let pipeline: vscode.Uri;
  let shared: vscode.Uri;

  before(async () => {
    await activateShipshape();
    pipeline = vscode.Uri.file(join(workspaceRoot(), '.gitlab-ci.yml'));
    shared = vscode.Uri.file(join(workspaceRoot(), 'shared-jobs.yml'));
    await vscode.workspace.fs.writeFile(shared, Buffer.from('.node-job:\n  image: node:20\n  before_script:\n    - npm ci\n'));
    const document = await vscode.workspace.openTextDocument(pipeline);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(pipeline, new vscode.Position(0, 0), EDITED_HEAD);
    edit.insert(pipeline, positionOf(document, 'pages:\n', 'pages:\n'.length), EXTENDS);
    assert.ok(await vscode.workspace.applyEdit(edit));
  });

  after(async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pipeline));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(shared);
  });

  it('goes from extends: to the hidden job in the included file, and opens the include', async () => {
    const document = await vscode.workspace.openTextDocument(pipeline);
    const targets = async (position: vscode.Position) =>
      (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', pipeline, position)).map((target) =>
        'targetUri' in target ? { uri: target.targetUri, range: target.targetRange } : { uri: target.uri, range: target.range },
      );
    const [base] = await targets(positionOf(document, 'extends: .node-job', 12));
    assert.equal(base?.uri.fsPath, shared.fsPath);
    assert.deepEqual([base.range.start.line, base.range.start.character, base.range.end.character], [0, 0, '.node-job'.length]);
    const [include] = await targets(positionOf(document, 'shared-jobs.yml', 4));
    assert.equal(include?.uri.fsPath, shared.fsPath);
    assert.deepEqual(await targets(positionOf(document, 'stage: publish', 9)), [], 'a stage name is not a job');
  });

  it('Show Merged Configuration opens a read-only YAML document beside the source, refreshed as the source changes', async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pipeline), vscode.ViewColumn.One);
    const text = await vscode.commands.executeCommand<string>('shipshape.pipelines.showMerged');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'shipshape-merged');
    assert.equal(editor.document.languageId, 'yaml');
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'beside the source');
    assert.equal(editor.document.getText(), text);
    assert.match(text, /^# \.gitlab-ci\.yml merged by Shipshape \(read-only\)/);
    assert.doesNotMatch(text, /Not merged completely/);
    assert.match(
      text,
      /\npages:\n {2}image: node:20\n {2}before_script:\n {4}- npm ci\n {2}extends: \.node-job\n {2}stage: publish\n/,
      'the base merged under the job',
    );
    // Read-only: an edit in its editor is refused and leaves it clean, so closing never asks to save.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'typed '));
    assert.equal(editor.document.getText(), text);
    assert.equal(editor.document.isDirty, false);

    // The source edited (unsaved): the merged document follows.
    const source = await vscode.workspace.openTextDocument(pipeline);
    const change = new vscode.WorkspaceEdit();
    change.replace(
      pipeline,
      new vscode.Range(positionOf(source, 'npm run build', 0), positionOf(source, 'npm run build', 'npm run build'.length)),
      'npm run site',
    );
    assert.ok(await vscode.workspace.applyEdit(change));
    await waitFor(() => editor.document.getText().includes('- npm run site') || undefined, 'the merged document to follow the source', 10000);
  });
});
