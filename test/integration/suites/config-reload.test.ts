import { strict as assert } from 'node:assert';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

const RELATIVE = '.github/workflows/self-hosted.yml';
const WORKFLOW = ['on: push', 'jobs:', '  a:', '    runs-on: [self-hosted, gpu-box]', '    steps:', '      - run: echo', ''].join('\n');
const labelWarnings = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape' && /Unknown runner label "gpu-box"/.test(d.message));

describe("The project's config is read again when it changes on disk (ours or actionlint's)", () => {
  let uri: vscode.Uri;
  const actionlint = () => join(workspaceRoot(), '.github', 'actionlint.yaml');

  before(async () => {
    // Ours wins over actionlint's: with one in the demo workspace this suite would prove nothing.
    assert.ok(!existsSync(join(workspaceRoot(), '.github', 'shipshape.yaml')), 'the demo workspace has no .github/shipshape.yaml');
    await activateShipshape();
    uri = vscode.Uri.file(join(workspaceRoot(), RELATIVE));
    writeFileSync(uri.fsPath, WORKFLOW);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(uri.fsPath, { force: true });
    rmSync(actionlint(), { force: true });
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  it('drops the unknown-label warning once .github/actionlint.yaml names the label, written by another program', async () => {
    await waitFor(() => (labelWarnings(uri).length ? true : undefined), 'the unknown-label warning');
    writeFileSync(actionlint(), 'self-hosted-runner:\n  labels:\n    - gpu-box\n');
    await waitFor(() => (labelWarnings(uri).length === 0 ? true : undefined), 'the warning to go after actionlint.yaml was written', 20000);
    rmSync(actionlint());
    await waitFor(() => (labelWarnings(uri).length ? true : undefined), 'the warning to come back after actionlint.yaml was deleted', 20000);
    assert.equal(labelWarnings(uri).length, 1);
  });
});
