import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

const RELATIVE = '.github/workflows/counted.yml';
const WORKFLOW = [
  'on: push',
  'jobs:',
  '  a:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo "::set-output name=x::1"',
  '      - run: echo ${{ nope.x }}',
  '',
].join('\n');
/** The set-output finding is turned off for this file only, so the other suites see the demo files as they were. */
const CONFIG = `paths:\n  '${RELATIVE}':\n    ignore: ['set-output']\n`;

const shipshapeDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');

/** What the Pipelines view writes beside a file, computed from the Problems view's diagnostics. */
function countsOf(diagnostics: readonly vscode.Diagnostic[]): string {
  const count = (severity: vscode.DiagnosticSeverity, word: string) => {
    const n = diagnostics.filter((d) => d.severity === severity).length;
    return n ? `${n} ${word}${n > 1 ? 's' : ''}` : '';
  };
  return (
    [count(vscode.DiagnosticSeverity.Error, 'error'), count(vscode.DiagnosticSeverity.Warning, 'warning')].filter(Boolean).join(', ') ||
    'GitHub Actions workflow'
  );
}

const viewDescription = async () =>
  (await vscode.commands.executeCommand<{ label: string; description: string }[]>('shipshape.test.pipelineItems')).find((item) => item.label === RELATIVE)
    ?.description;

describe('One validation result per file: the Pipelines view and the Problems view agree', () => {
  let uri: vscode.Uri;

  before(async () => {
    await activateShipshape();
    uri = vscode.Uri.file(join(workspaceRoot(), RELATIVE));
    writeFileSync(join(workspaceRoot(), '.github', 'shipshape.yaml'), CONFIG);
    writeFileSync(uri.fsPath, WORKFLOW);
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(uri.fsPath, { force: true });
    rmSync(join(workspaceRoot(), '.github', 'shipshape.yaml'), { force: true });
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  it('counts with .github/shipshape.yaml in the view as in the Problems view', async () => {
    // Closed: the view counts the saved file, with the config.
    assert.equal(await viewDescription(), '1 error');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitFor(() => (shipshapeDiagnostics(uri).length ? shipshapeDiagnostics(uri) : undefined), 'diagnostics on counted.yml');
    assert.ok(!diagnostics.some((d) => d.message.includes('set-output')), 'the config turns the set-output finding off');
    assert.equal(await viewDescription(), countsOf(diagnostics));
  });

  it("follows the open document's unsaved text", async () => {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await editor.edit((edit) => edit.insert(new vscode.Position(7, 0), '      - run: echo ${{ nope.y }}\n'));
    const diagnostics = await waitFor(() => (shipshapeDiagnostics(uri).length === 2 ? shipshapeDiagnostics(uri) : undefined), 'a second diagnostic');
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    await waitFor(async () => ((await viewDescription()) === countsOf(diagnostics) ? true : undefined), `the view to say ${countsOf(diagnostics)}`);
  });
});
