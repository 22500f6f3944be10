import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

const shipshapeDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('Pipeline diagnostics in the editor', () => {
  let uri: vscode.Uri;
  let document: vscode.TextDocument;

  before(async () => {
    await activateShipshape();
    // The suite before may have left a whole-workspace refresh running (it removes a config): let it end first.
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    uri = vscode.Uri.file(join(workspaceRoot(), '.github', 'workflows', 'release.yml'));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });
  after(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it("shows the release workflow's mistakes as diagnostics with rule codes linking to the docs", async () => {
    const diagnostics = await waitFor(
      () => (shipshapeDiagnostics(uri).length >= 4 ? shipshapeDiagnostics(uri) : undefined),
      'diagnostics on release.yml',
      20_000,
    );
    const byRule = diagnostics.map((d) => `${d.range.start.line + 1} ${codeOf(d)}`).sort();
    assert.ok(byRule.includes('9 syntax-check'), byRule.join(', '));
    assert.ok(byRule.includes('13 deprecated-commands'), byRule.join(', '));
    assert.ok(byRule.includes('15 expression'), byRule.join(', '));
    assert.ok(byRule.includes('18 job-needs'), byRule.join(', '));
    const code = diagnostics[0]?.code as { target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/rules\.md#/);
  });

  it('offers quick fixes: rename the key, rewrite ::set-output, move untrusted input to env, suppress', async () => {
    const titlesAt = async (line: number) => {
      const diagnostic = shipshapeDiagnostics(uri).find((d) => d.range.start.line === line - 1);
      assert.ok(diagnostic, `a diagnostic on line ${line}`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      return actions.map((action) => action.title);
    };
    assert.ok((await titlesAt(9)).includes('Rename to "runs-on"'));
    assert.ok((await titlesAt(13)).includes('Write to $GITHUB_OUTPUT instead'));
    assert.ok((await titlesAt(15)).some((title) => title.startsWith('Pass github.event.head_commit.message through the environment variable')));
    assert.ok((await titlesAt(18)).includes('Suppress "job-needs" on this line'));
  });

  it('applies a quick fix and re-validates the edited document', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(8, 4, 8, 12),
      vscode.CodeActionKind.QuickFix.value,
    );
    const rename = actions.find((action) => action.title === 'Rename to "runs-on"');
    assert.ok(rename?.edit);
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.match(document.lineAt(8).text, /^ {4}runs-on: ubuntu-latest/);
    await waitFor(() => (shipshapeDiagnostics(uri).some((d) => codeOf(d) === 'syntax-check') ? undefined : true), 'the syntax-check diagnostic to go');
  });

  it('shows documentation when hovering a key', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(8, 6));
    const text = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')))
      .join('\n');
    assert.match(text, /\*\*runs-on\*\*/);
  });

  it('clears the diagnostics when the file closes', async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => (shipshapeDiagnostics(uri).length === 0 ? true : undefined), 'diagnostics to clear');
  });

  it('shows them again when the file is reopened at once (VS Code may not have disposed its document yet)', async () => {
    // Closing starts a validation of the saved text; reopening while it reads must not lose the editor's result.
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor(() => (shipshapeDiagnostics(uri).length >= 4 ? true : undefined), 'diagnostics on the reopened release.yml');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(uri);
    await waitFor(() => (shipshapeDiagnostics(uri).length >= 4 ? true : undefined), 'diagnostics after closing and reopening release.yml at once');
  });
});
