import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

const shipshape = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
/** A position on the line holding `text`, `offset` characters into that text. */
function positionOf(document: vscode.TextDocument, text: string, offset = 2): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `${text} is not in ${document.uri.fsPath}`);
  return document.positionAt(at + offset);
}

describe('Azure Pipelines in the editor: diagnostics through templates, go to definition, the expanded pipeline', () => {
  let pipeline: vscode.Uri;
  let template: vscode.Uri;

  before(async () => {
    await activateShipshape();
    pipeline = vscode.Uri.file(join(workspaceRoot(), 'azure-pipelines.yml'));
    template = vscode.Uri.file(join(workspaceRoot(), 'templates', 'build-steps.yml'));
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("shows the demo's Azure mistakes: one in the pipeline, one in the template with the line that included it", async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pipeline));
    const root = await waitFor(() => (shipshape(pipeline).length ? shipshape(pipeline) : undefined), 'diagnostics on azure-pipelines.yml', 30000);
    assert.deepEqual(
      root.map((d) => `${d.range.start.line + 1} ${codeOf(d)}: ${d.message}`),
      ['24 azure-depends-on: Stage Deploy depends on unknown stage Package.'],
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(template));
    const [duplicate, ...rest] = await waitFor(() => (shipshape(template).length ? shipshape(template) : undefined), 'diagnostics on the template', 30000);
    assert.deepEqual(rest, []);
    assert.equal(`${(duplicate?.range.start.line ?? 0) + 1} ${duplicate ? codeOf(duplicate) : ''}`, '11 azure-duplicate-names');
    const [via] = duplicate?.relatedInformation ?? [];
    assert.equal(via?.location.uri.fsPath, pipeline.fsPath);
    assert.equal(via.location.range.start.line + 1, 19, 'the - template: line inside ${{ each }}');
    assert.equal(via.message, 'included from here');
  });

  it('goes to the template from template:, to the declaration from parameters.x', async () => {
    const document = await vscode.workspace.openTextDocument(pipeline);
    const targets = async (position: vscode.Position) =>
      (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', pipeline, position)).map((target) =>
        'targetUri' in target ? { uri: target.targetUri, line: target.targetRange.start.line } : { uri: target.uri, line: target.range.start.line },
      );
    const [toTemplate] = await targets(positionOf(document, 'templates/build-steps.yml', 4));
    assert.equal(toTemplate?.uri.fsPath, template.fsPath);
    const [toDeclaration] = await targets(positionOf(document, 'parameters.nodeVersions', 14));
    assert.deepEqual([toDeclaration?.uri.fsPath, toDeclaration?.line], [pipeline.fsPath, document.getText().split('\n').indexOf('  - name: nodeVersions')]);
    assert.deepEqual(await targets(positionOf(document, 'dependsOn: Package', 13)), [], 'no stage Package to go to');
  });

  it('Show Expanded Pipeline opens a read-only YAML document beside the source, refreshed as a template changes', async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pipeline), vscode.ViewColumn.One);
    const text = await vscode.commands.executeCommand<string>('shipshape.pipelines.showExpanded');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'shipshape-expanded');
    assert.equal(editor.document.languageId, 'yaml');
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'beside the source');
    assert.equal(editor.document.getText(), text);
    assert.match(text, /^# azure-pipelines\.yml expanded by Shipshape/);
    const yaml = text
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    assert.doesNotMatch(text, /Not expanded completely/);
    assert.doesNotMatch(yaml, /\$\{\{/, 'every ${{ }} compiled');
    for (const version of ['18.x', '20.x']) assert.ok(text.includes(`displayName: Install and test on Node ${version}`), text);
    // Read-only: an edit in its editor is refused and leaves it clean, so closing never asks to save.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'typed '));
    assert.equal(editor.document.getText(), text);
    assert.equal(editor.document.isDirty, false);

    // The template edited (unsaved): the expanded document follows.
    const source = await vscode.workspace.openTextDocument(template);
    const change = new vscode.WorkspaceEdit();
    change.replace(
      template,
      new vscode.Range(positionOf(source, 'Install and test', 0), positionOf(source, 'Install and test', 'Install and test'.length)),
      'Check',
    );
    assert.ok(await vscode.workspace.applyEdit(change));
    try {
      await waitFor(
        () => editor.document.getText().includes('displayName: Check on Node 20.x') || undefined,
        'the expanded document to follow the template',
        10000,
      );
    } finally {
      await vscode.window.showTextDocument(source);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('says at the top of the expanded document why it is incomplete', async () => {
    const broken = vscode.Uri.file(join(workspaceRoot(), 'templates', 'broken.azure-pipelines.yml'));
    await vscode.workspace.fs.writeFile(broken, Buffer.from('steps:\n- template: missing-steps.yml\n- script: echo done\n'));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
      const text = await vscode.commands.executeCommand<string>('shipshape.pipelines.showExpanded', broken);
      assert.match(
        text,
        /^# Not expanded completely: 1 error in the way\.\n# {3}templates\/broken\.azure-pipelines\.yml:2:13: error: Template file 'missing-steps\.yml' not found\. \[azure-template\]\n/m,
      );
      assert.match(text, /- script: echo done/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(broken);
    }
  });
});
