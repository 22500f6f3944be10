import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

// A workflow of this suite's own (removed after it): two findings with fixes, one without, and jobs to plan and run.
const RELATIVE = '.github/workflows/view-items.yml';
const WORKFLOW = [
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo "::set-output name=x::1"',
  '      - run: echo ${{ nope.x }}',
  '  check:',
  '    needs: build',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo checked',
  '  quick:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo quick',
  '',
].join('\n');

interface ShownNode {
  label: string;
  contextValue: string | undefined;
  node: unknown;
}
const shipshape = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape');
const items = () => vscode.commands.executeCommand<{ label: string; description: string }[]>('shipshape.test.pipelineItems');
const described = async (label: string) => (await items()).find((item) => item.label === label)?.description;
const nodes = (view: string, path: string[] = []) => vscode.commands.executeCommand<ShownNode[]>('shipshape.test.treeNodes', view, path);

/** What the Pipelines view should write beside the file, computed from Problems. */
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

const settings = () => vscode.workspace.getConfiguration('shipshape');

describe('Pipelines view items: honest states, menu commands, settings', () => {
  let uri: vscode.Uri;

  before(async () => {
    await activateShipshape();
    uri = vscode.Uri.file(join(workspaceRoot(), RELATIVE));
    writeFileSync(uri.fsPath, WORKFLOW);
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  after(async () => {
    await settings().update('pipelines.ruleSeverity', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('runs.codeLens', undefined, vscode.ConfigurationTarget.Global);
    // Only this suite's editor: closing others could save another suite's unsaved file back to disk.
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(uri.fsPath, { force: true });
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  it("checks GitLab CI files: the demo's undeclared stage is an error in Problems at its line, and counted in the view", async function () {
    this.timeout(60000);
    assert.notEqual(await described('azure-pipelines.yml'), 'not checked yet');
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    assert.equal(await described('.gitlab-ci.yml'), '1 error · 4 stages, 5 jobs');
    const gitlabUri = vscode.Uri.file(join(workspaceRoot(), '.gitlab-ci.yml'));
    const document = await vscode.workspace.openTextDocument(gitlabUri);
    await vscode.window.showTextDocument(document);
    const found = await waitFor(() => (shipshape(gitlabUri).length ? shipshape(gitlabUri) : undefined), 'diagnostics on .gitlab-ci.yml', 30000);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.severity, typeof d.code === 'object' ? d.code.value : d.code]),
      [
        [
          document
            .getText()
            .split('\n')
            .findIndex((line) => line.includes('stage: publish')),
          vscode.DiagnosticSeverity.Error,
          'gitlab-stages',
        ],
      ],
    );
    assert.match(found[0]?.message ?? '', /chosen stage publish does not exist/);
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    assert.equal(await described('.gitlab-ci.yml'), '1 error · 4 stages, 5 jobs');
    const gitlab = (await nodes('shipshape.pipelines')).find((node) => node.label === '.gitlab-ci.yml');
    assert.equal(gitlab?.contextValue, 'pipelineFile.gitlab-ci.checked', 'Reveal in Problems for a checked file');
  });

  it('counts in the view what Problems shows after a quick fix', async function () {
    this.timeout(90000);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const before = await waitFor(() => (shipshape(uri).length >= 2 ? shipshape(uri) : undefined), 'diagnostics on view-items.yml', 30000).catch(
      async (error: unknown) => {
        const all = vscode.languages.getDiagnostics(uri).map((d) => `${String(d.source)}: ${d.message}`);
        throw new Error(
          `${String(error)}; diagnostics: ${all.join(' | ')}; view: ${await described(RELATIVE)}; open: ${vscode.workspace.textDocuments.some((d) => d.uri.fsPath === uri.fsPath)}`,
        );
      },
    );
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    assert.equal(await described(RELATIVE), countsOf(before));
    const deprecated = before.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'deprecated-commands');
    assert.ok(deprecated, before.map((d) => d.message).join('; '));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, deprecated.range);
    const fix = actions.find((action) => action.isPreferred && action.edit);
    assert.ok(fix?.edit, actions.map((action) => action.title).join('; '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = await waitFor(() => (shipshape(uri).length === before.length - 1 ? shipshape(uri) : undefined), 'one diagnostic fewer', 30000);
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    assert.equal(await described(RELATIVE), countsOf(after));
    assert.equal(editor.document.isDirty, true, 'the fix is unsaved: the view follows the open text');
    // Saved, so no editor of this suite asks to save on closing.
    assert.ok(await editor.document.save());
  });

  it("runs the Pipelines view's menu commands on its own nodes", async function () {
    this.timeout(90000);
    const file = (await nodes('shipshape.pipelines')).find((node) => node.label === RELATIVE);
    assert.equal(file?.contextValue, 'pipelineFile.github-workflow.checked');
    assert.equal(await vscode.commands.executeCommand('shipshape.copyPath', file.node), uri.fsPath);
    assert.equal(await vscode.env.clipboard.readText(), uri.fsPath);
    await vscode.window.showTextDocument(vscode.Uri.file(join(workspaceRoot(), 'azure-pipelines.yml')));
    assert.equal(await vscode.commands.executeCommand('shipshape.pipelines.open', file.node), uri.fsPath);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
    assert.equal(await vscode.commands.executeCommand('shipshape.pipelines.revealInProblems', file.node), uri.fsPath);
    assert.deepEqual(await vscode.commands.executeCommand('shipshape.runs.plan', file.node), ['build', 'quick', 'check']);

    const jobs = await nodes('shipshape.pipelines', [RELATIVE]);
    assert.deepEqual(
      jobs.map((job) => [job.label, job.contextValue]),
      [
        ['build', 'pipelineJob'],
        ['check', 'pipelineJob'],
        ['quick', 'pipelineJob'],
      ],
    );
    const check = jobs.find((job) => job.label === 'check');
    await vscode.commands.executeCommand('shipshape.runs.plan', check?.node);
    // The plan lists every job; only the job and what it needs are selected (the others are skipped).
    const [planned] = await nodes('shipshape.runs');
    const plannedJobs = (planned?.node as { entry: { jobs: { key: string; status: string }[] } }).entry.jobs;
    assert.deepEqual(
      plannedJobs.filter((job) => job.status !== 'skipped').map((job) => job.key),
      ['build', 'check'],
    );
    await vscode.window.showTextDocument(vscode.Uri.file(join(workspaceRoot(), 'azure-pipelines.yml')));
    await vscode.commands.executeCommand('shipshape.pipelines.open', check?.node);
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, WORKFLOW.split('\n').indexOf('  check:'));

    // A job of a workflow without errors (one with errors does not run): the demo's lint job.
    const ciJobs = await nodes('shipshape.pipelines', ['.github/workflows/ci.yml']);
    const lint = ciJobs.find((job) => (job.node as { job: { id: string } }).job.id === 'lint');
    assert.equal(lint?.contextValue, 'pipelineJob');
    const summary = await vscode.commands.executeCommand<{ status: string; problem?: string; jobs: { key: string; status: string }[] }>(
      'shipshape.runs.runJob',
      lint.node,
    );
    assert.equal(summary.status, 'success', summary.problem);
    assert.deepEqual(
      summary.jobs.filter((job) => job.status !== 'skipped').map((job) => job.key),
      ['lint'],
    );
  });

  it("runs the Local Runs view's menu commands on its own nodes", async () => {
    const entries = await nodes('shipshape.runs');
    const run = entries.find((entry) => entry.contextValue === 'run.done');
    assert.ok(run, entries.map((entry) => `${entry.label} ${entry.contextValue}`).join('; '));
    await vscode.window.showTextDocument(vscode.Uri.file(join(workspaceRoot(), 'azure-pipelines.yml')));
    const ci = join(workspaceRoot(), '.github', 'workflows', 'ci.yml');
    assert.equal(await vscode.commands.executeCommand('shipshape.runs.openWorkflow', run.node), ci);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, ci);
    assert.equal(await vscode.commands.executeCommand('shipshape.copyPath', run.node), ci);
  });

  it('applies shipshape.pipelines.ruleSeverity: off hides a finding, hint keeps it out of the counts', async function () {
    this.timeout(120000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const before = await waitFor(() => (shipshape(uri).length ? shipshape(uri) : undefined), 'diagnostics', 30000);
    assert.ok(before.some((d) => d.message.includes('nope')));
    await settings().update('pipelines.ruleSeverity', { expression: 'off' }, vscode.ConfigurationTarget.Global);
    await waitFor(() => (shipshape(uri).every((d) => !d.message.includes('nope')) ? true : undefined), 'the expression finding to go', 30000);
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    assert.equal(await described(RELATIVE), countsOf(shipshape(uri)));

    await settings().update('pipelines.ruleSeverity', { expression: 'hint' }, vscode.ConfigurationTarget.Global);
    const hinted = await waitFor(() => shipshape(uri).find((d) => d.message.includes('nope')), 'the expression finding as a hint', 30000);
    assert.equal(hinted.severity, vscode.DiagnosticSeverity.Hint);
    await vscode.commands.executeCommand('shipshape.test.validationIdle');
    assert.equal(await described(RELATIVE), countsOf(shipshape(uri)));
    await settings().update('pipelines.ruleSeverity', undefined, vscode.ConfigurationTarget.Global);
  });

  it('hides the run CodeLens with shipshape.runs.codeLens off', async () => {
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.ok((await lenses()).some((lens) => lens.command?.command === 'shipshape.runs.runWorkflow'));
    await settings().update('runs.codeLens', false, vscode.ConfigurationTarget.Global);
    assert.deepEqual(
      (await lenses()).filter((lens) => lens.command?.command.startsWith('shipshape.')),
      [],
    );
    await settings().update('runs.codeLens', undefined, vscode.ConfigurationTarget.Global);
    assert.ok((await lenses()).some((lens) => lens.command?.command === 'shipshape.runs.runWorkflow'));
  });
});
