import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

// An Azure pipeline and its template of this suite's own (removed after it), so the demo's Azure files may change freely.
const FOLDER = 'azure-view-suite';
const PIPELINE = [
  'trigger: [main]',
  'stages:',
  '- stage: Build',
  '  jobs:',
  '  - job: Compile',
  '    steps:',
  '    - checkout: self',
  '    - template: templates/build.yml',
  '- stage: Deploy',
  '  dependsOn: Build',
  '  jobs:',
  '  - job: Ship',
  '    stepz:',
  '    - script: ./ship.sh',
  '',
].join('\n');
const TEMPLATE = ['steps:', '- script: make all', '  displayName: Build everything', ''].join('\n');

interface ShownItem {
  label: string;
  description: string;
  children: ShownItem[];
}
const shipshape = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');
const shown = () => vscode.commands.executeCommand<ShownItem[]>('shipshape.test.treeItems', 'shipshape.pipelines', 4);
const outline = (item: ShownItem | undefined): string[] =>
  (item?.children ?? []).flatMap((child) => [`${child.label} (${child.description})`, ...outline(child).map((line) => `  ${line}`)]);

describe('Azure Pipelines in the Pipelines view and the editor', () => {
  let uri: vscode.Uri;
  const root = () => join(workspaceRoot(), FOLDER);

  before(async () => {
    await activateShipshape();
    mkdirSync(join(root(), 'templates'), { recursive: true });
    writeFileSync(join(root(), 'templates', 'build.yml'), TEMPLATE);
    uri = vscode.Uri.file(join(root(), 'azure-pipelines.yml'));
    writeFileSync(uri.fsPath, PIPELINE);
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
  });

  after(async () => {
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(root(), { recursive: true, force: true });
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  it('shows the stages, jobs and steps after expansion, with counts, and the template as a template', async () => {
    const items = await waitFor(
      async () => {
        const all = await shown();
        const file = all.find((item) => item.label === `${FOLDER}/azure-pipelines.yml`);
        return file?.children.length ? all : undefined;
      },
      'the Azure file with its stages',
      30000,
    );
    const file = items.find((item) => item.label === `${FOLDER}/azure-pipelines.yml`);
    assert.equal(file?.description, '1 error · 2 stages, 2 jobs, 2 steps');
    assert.deepEqual(outline(file), [
      'Build (1 job)',
      '  Compile (2 steps)',
      '    checkout: self ()',
      '    Build everything ()',
      'Deploy (1 job · after Build)',
      '  Ship (no steps)',
    ]);
    const template = items.find((item) => item.label === `${FOLDER}/templates/build.yml`);
    assert.equal(template?.description, 'steps template · 1 step');
  });

  it('offers a did-you-mean quick fix for an Azure finding, which removes it', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const unknown = await waitFor(() => shipshape(uri).find((d) => d.message.includes("'stepz'")), 'the unknown key diagnostic', 30000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      unknown.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title === "Change to 'steps'");
    assert.ok(fix?.edit, actions.map((action) => action.title).join('; '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(12).text, '    steps:');
    await waitFor(() => (shipshape(uri).length === 0 ? true : undefined), 'no diagnostic left', 30000);
    await editor.document.save();
  });

  it('hovers a task with its inputs', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(7, 0), '    - task: Bash@3\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    const hovers = await waitFor(
      async () => {
        const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(7, 14));
        return found.length ? found : undefined;
      },
      'a hover on the task',
      30000,
    );
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /\*\*Bash\*\*, major version 3/);
  });

  it('shows a file as a template once a listed file that matches no pipeline name includes it, when that file is saved', async function () {
    this.timeout(90000);
    const eng = join(root(), 'eng', 'pipelines');
    mkdirSync(eng, { recursive: true });
    writeFileSync(join(eng, 'lint.yml'), 'steps:\n- script: make lint\n');
    const ci = vscode.Uri.file(join(eng, 'ci.yml'));
    writeFileSync(ci.fsPath, 'trigger: [main]\nsteps:\n- script: make\n');
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    const lintRow = async () => (await shown()).find((item) => item.label === `${FOLDER}/eng/pipelines/lint.yml`);
    await waitFor(async () => ((await lintRow())?.description.includes('template') === false ? true : undefined), 'lint.yml listed as a pipeline', 30000);
    const document = await vscode.workspace.openTextDocument(ci);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(ci, new vscode.Position(3, 0), '- template: lint.yml\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    // No rescan asked for: the file watcher sees a listed file change.
    const row = await waitFor(
      async () => ((await lintRow())?.description.startsWith('steps template') ? lintRow() : undefined),
      'lint.yml shown as a template',
      60000,
    );
    assert.equal(row?.description, 'steps template · 1 step');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
