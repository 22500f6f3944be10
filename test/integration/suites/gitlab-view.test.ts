import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

interface ShownItem {
  label: string;
  description: string;
  children: ShownItem[];
}
const shipshape = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const shown = () => vscode.commands.executeCommand<ShownItem[]>('shipshape.test.treeItems', 'shipshape.pipelines', 3);
const nodes = (path: string[]) => vscode.commands.executeCommand<{ label: string; node: unknown }[]>('shipshape.test.treeNodes', 'shipshape.pipelines', path);
const outline = (item: ShownItem | undefined): string[] =>
  (item?.children ?? []).flatMap((child) => [`${child.label} (${child.description})`, ...outline(child).map((line) => `  ${line}`)]);

/** The demo's files are only read here: the other suites see them as written. */
describe("GitLab CI in the Pipelines view and Problems: the demo's .gitlab-ci.yml and the file it includes", () => {
  let config: vscode.Uri;
  let reviewApps: vscode.Uri;

  before(async () => {
    await activateShipshape();
    config = vscode.Uri.file(join(workspaceRoot(), '.gitlab-ci.yml'));
    reviewApps = vscode.Uri.file(join(workspaceRoot(), '.gitlab', 'ci', 'review-apps.yml'));
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the merged stages and jobs with their needs and counts, and the included file as included', async function () {
    this.timeout(60000);
    const items = await waitFor(
      async () => {
        const all = await shown();
        return all.find((item) => item.label === '.gitlab-ci.yml')?.children.length ? all : undefined;
      },
      'the GitLab file with its stages',
      30000,
    );
    const file = items.find((item) => item.label === '.gitlab-ci.yml');
    assert.equal(file?.description, '1 error · 4 stages, 5 jobs');
    assert.deepEqual(outline(file), [
      'build (1 job)',
      '  build ()',
      'test (1 job)',
      '  test (needs build)',
      // The included file's jobs, in the stage its configuration declares.
      'deploy (2 jobs)',
      '  review (needs build, unit-tests)',
      '  stop-review (needs nothing: starts at once)',
      'publish (1 job · not in stages:)',
      '  pages ()',
    ]);
    const included = items.find((item) => item.label === '.gitlab/ci/review-apps.yml');
    assert.equal(included?.description, '1 error · included by .gitlab-ci.yml · 1 stage, 2 jobs');
  });

  it('opens a job written in the included file at its line', async () => {
    const [review] = await nodes(['.gitlab-ci.yml', 'deploy']);
    assert.equal(review?.label, 'review');
    assert.equal(await vscode.commands.executeCommand('shipshape.pipelines.open', review.node), reviewApps.fsPath);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, reviewApps.fsPath);
    assert.equal(vscode.window.activeTextEditor.selection.active.line, 0, 'review: is the first line');
  });

  it('shows the mistake in the included file in Problems, with the include line it came through', async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(reviewApps));
    const [need, ...rest] = await waitFor(() => (shipshape(reviewApps).length ? shipshape(reviewApps) : undefined), 'diagnostics on review-apps.yml', 30000);
    assert.deepEqual(rest, []);
    assert.equal(
      `${(need?.range.start.line ?? 0) + 1} ${need ? codeOf(need) : ''}: ${need?.message ?? ''}`,
      '4 gitlab-needs: review job: undefined need: unit-tests',
    );
    const [via] = need?.relatedInformation ?? [];
    assert.equal(via?.location.uri.fsPath, config.fsPath);
    const document = await vscode.workspace.openTextDocument(config);
    assert.equal(document.lineAt(via.location.range.start.line).text, '  - local: .gitlab/ci/review-apps.yml', 'the include: line');
    assert.equal(via.message, 'included from here');
  });
});
