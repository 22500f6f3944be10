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

/**
 * Files of this suite's own, removed after it: the demo's `.gitlab-ci.yml` is never edited, so no
 * other suite sees an unsaved or changed copy of it.
 */
const CONFIG = 'stages: [build]\ninclude: nav-shared-jobs.yml\nsite:\n  extends: .node-job\n  stage: build\n  script:\n    - npm run build\n';
const SHARED = '.node-job:\n  image: node:20\n  before_script:\n    - npm ci\n';

describe('GitLab CI in the editor: go to definition, the merged configuration', () => {
  let config: vscode.Uri;
  let shared: vscode.Uri;

  before(async () => {
    await activateShipshape();
    config = vscode.Uri.file(join(workspaceRoot(), 'nav.gitlab-ci.yml'));
    shared = vscode.Uri.file(join(workspaceRoot(), 'nav-shared-jobs.yml'));
    await vscode.workspace.fs.writeFile(shared, Buffer.from(SHARED));
    await vscode.workspace.fs.writeFile(config, Buffer.from(CONFIG));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [config, shared]) await vscode.workspace.fs.delete(uri);
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  it('goes from extends: to the hidden job in the included file, and opens the include', async () => {
    const document = await vscode.workspace.openTextDocument(config);
    const targets = async (position: vscode.Position) =>
      (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', config, position)).map((target) =>
        'targetUri' in target ? { uri: target.targetUri, range: target.targetRange } : { uri: target.uri, range: target.range },
      );
    const [base] = await targets(positionOf(document, 'extends: .node-job', 12));
    assert.equal(base?.uri.fsPath, shared.fsPath);
    assert.deepEqual([base.range.start.line, base.range.start.character, base.range.end.character], [0, 0, '.node-job'.length]);
    const [include] = await targets(positionOf(document, 'nav-shared-jobs.yml', 4));
    assert.equal(include?.uri.fsPath, shared.fsPath);
    assert.deepEqual(await targets(positionOf(document, 'stage: build', 9)), [], 'a stage name is not a job');
  });

  it('hovers a job name with what it inherits, and a keyword with its section of GitLab’s reference', async () => {
    const document = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(document);
    const hoverText = async (position: vscode.Position): Promise<string> => {
      const hovers = await waitFor(
        async () => {
          const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', config, position);
          return found.length ? found : undefined;
        },
        'a hover',
        30000,
      );
      return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    };
    const site = await hoverText(positionOf(document, 'site:', 1));
    assert.match(site, /\*\*site\*\*: job, stage `build`/);
    assert.match(site, /- `image`: `\.node-job` \(nav-shared-jobs\.yml:2\)/);
    assert.match(await hoverText(positionOf(document, 'extends:', 2)), /docs\.gitlab\.com\/ci\/yaml\/#extends/);
  });

  it('offers to add a stage stages: does not declare, which removes the error', async function () {
    this.timeout(60000);
    const uri = vscode.Uri.file(join(workspaceRoot(), '.gitlab-ci-fix.yml'));
    await vscode.workspace.fs.writeFile(uri, Buffer.from('stages:\n  - build\nship:\n  stage: deploy\n  script: make ship\n'));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const shipshape = () => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'shipshape');
      const missing = await waitFor(() => shipshape().find((d) => d.message.includes('chosen stage deploy')), 'the missing stage diagnostic', 30000);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        missing.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((action) => action.title === "Add 'deploy' to stages:");
      assert.ok(fix?.edit, actions.map((action) => action.title).join('; '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(editor.document.getText(), 'stages:\n  - build\n  - deploy\nship:\n  stage: deploy\n  script: make ship\n');
      await waitFor(() => (shipshape().length === 0 ? true : undefined), 'no diagnostic left', 30000);
      await editor.document.save();
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('Show Merged Configuration opens a read-only YAML document beside the source, refreshed as an included file changes', async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config), vscode.ViewColumn.One);
    const text = await vscode.commands.executeCommand<string>('shipshape.pipelines.showMerged');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'shipshape-merged');
    assert.equal(editor.document.languageId, 'yaml');
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'beside the source');
    assert.equal(editor.document.getText(), text);
    assert.match(text, /^# nav\.gitlab-ci\.yml merged by Shipshape \(read-only\)/);
    assert.doesNotMatch(text, /Not merged completely/);
    assert.match(
      text,
      /\nsite:\n {2}image: node:20\n {2}before_script:\n {4}- npm ci\n {2}extends: \.node-job\n {2}stage: build\n/,
      'the base merged under the job',
    );
    // Read-only: an edit in its editor is refused and leaves it clean, so closing never asks to save.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'typed '));
    assert.equal(editor.document.getText(), text);
    assert.equal(editor.document.isDirty, false);

    // The included file edited (not yet saved): the merged document follows. Saved after, so nothing stays dirty.
    const included = await vscode.workspace.openTextDocument(shared);
    const change = new vscode.WorkspaceEdit();
    change.replace(shared, new vscode.Range(positionOf(included, 'node:20', 0), positionOf(included, 'node:20', 'node:20'.length)), 'node:22');
    assert.ok(await vscode.workspace.applyEdit(change));
    try {
      await waitFor(() => editor.document.getText().includes('\nsite:\n  image: node:22\n') || undefined, 'the merged document to follow the include', 10000);
    } finally {
      await included.save();
    }
  });

  it('says at the top of the merged document why it is incomplete', async () => {
    const broken = vscode.Uri.file(join(workspaceRoot(), 'broken.gitlab-ci.yml'));
    await vscode.workspace.fs.writeFile(broken, Buffer.from('include: missing-jobs.yml\nbuild:\n  script: make\n'));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
      const text = await vscode.commands.executeCommand<string>('shipshape.pipelines.showMerged', broken);
      assert.match(
        text,
        /^# Not merged completely: 1 error in the way\.\n# {3}broken\.gitlab-ci\.yml:1:10: error: Local file `missing-jobs\.yml` does not exist! \[gitlab-include\]\n/m,
      );
      assert.match(text, /\nbuild:\n {2}script: make\n/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(broken);
    }
  });
});
