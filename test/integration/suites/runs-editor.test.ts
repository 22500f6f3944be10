import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { git } from '../../support/git';
import { activateShipshape, waitFor, workspaceRoot } from './helpers';

// One workflow, written into the demo workspace for this suite (uncommitted files are copied
// into the run's worktree, so the run sees it), holding each editor-level case of a local run.
const WORKFLOW = `name: Editor checks
on:
  push:
  workflow_dispatch:
    inputs:
      greeting:
        description: What to say
        default: hi there
jobs:
  annotate:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "::error file=src/server.js,line=3,col=7::Boom from a local run"
          echo "::warning file=src/server.js,line=1::Careful here"
  greet:
    if: github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - run: test "$GREETING" = "hi there"
        env:
          GREETING: \${{ inputs.greeting }}
  forever:
    if: github.event_name != 'workflow_dispatch'
    runs-on: ubuntu-latest
    timeout-minutes: 0.03
    steps:
      - run: while true; do sleep 0.2; done
  hang:
    if: github.event_name != 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - run: sleep 301
  chatty:
    if: github.event_name != 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "::group::Counting"
          seq 1 60000 | sed 's/^/line /'
          echo "::endgroup::"
          printf '\\033[31mred\\033[0m done\\n'
          echo '### Counted' >> "$GITHUB_STEP_SUMMARY"
  mid:
    if: github.event_name != 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - run: |
          for i in 1 2 3; do echo "early $i"; done
          sleep 302
  odd-shell:
    if: github.event_name != 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - shell: no-such-shell-xyz {0}
        run: echo never
`;

interface Summary {
  runId: string;
  status: string;
  problem?: string;
  keptWorktree?: string;
  jobs: { key: string; status: string; reason?: string; steps: { name: string; status: string; reason?: string; logFile?: string }[] }[];
}

interface PanelState {
  shownLineCount: number;
  state: {
    run: { status: string };
    jobs: { key: string; status: string }[];
    annotations: { level: string; message: string; location?: string }[];
    summaries: { markdown: string }[];
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jobOf = (summary: Summary, key: string) => summary.jobs.find((job) => job.key === key);

describe('Local runs in the editor: tasks, events, timeouts, cancellation', () => {
  let workflow: vscode.Uri;

  before(async function () {
    this.timeout(30000);
    await activateShipshape();
    const folder = join(workspaceRoot(), '.github', 'workflows');
    mkdirSync(folder, { recursive: true });
    workflow = vscode.Uri.file(join(folder, 'editor-checks.yml'));
    writeFileSync(workflow.fsPath, WORKFLOW);
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  after(async () => {
    rmSync(workflow.fsPath, { force: true });
    await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  });

  it('lists every workflow job in Tasks: Run Task, and a task run puts ::error annotations in the Problems view', async function () {
    this.timeout(60000);
    const tasks = await vscode.tasks.fetchTasks({ type: 'shipshape' });
    const names = tasks.map((task) => task.name);
    assert.ok(names.includes('ci.yml: lint') && names.includes('editor-checks.yml: annotate'), names.join(', '));
    const task = tasks.find((candidate) => candidate.definition.workflow === '.github/workflows/editor-checks.yml' && candidate.definition.job === 'annotate');
    assert.ok(task, 'a task for the annotate job');
    const ended = new Promise<void>((resolve) => {
      const listener = vscode.tasks.onDidEndTask((event) => {
        if (event.execution.task.name !== task.name) return;
        listener.dispose();
        resolve();
      });
    });
    await vscode.tasks.executeTask(task);
    await ended;
    const server = vscode.Uri.file(join(workspaceRoot(), 'src', 'server.js'));
    const found = await waitFor(() => {
      const diagnostics = vscode.languages.getDiagnostics(server);
      return diagnostics.some((diagnostic) => diagnostic.message.includes('Boom')) ? diagnostics : undefined;
    }, 'the annotations in the Problems view');
    const error = found.find((diagnostic) => diagnostic.message.includes('Boom from a local run'));
    assert.equal(error?.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([error?.range.start.line, error?.range.start.character], [2, 6]);
    assert.ok(found.some((diagnostic) => diagnostic.message.includes('Careful here') && diagnostic.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('runs with a chosen event, ref and workflow_dispatch inputs from quick picks', async function () {
    this.timeout(60000);
    const run = vscode.commands.executeCommand<Summary>('shipshape.runs.runWithEvent', workflow);
    await pause(600);
    // Events the workflow listens for come first, in its order: push, then workflow_dispatch.
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause(400);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // empty ref: the current branch
    await pause(400);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the input's default, shown in the box
    const summary = await run;
    assert.equal(jobOf(summary, 'greet')?.status, 'success', JSON.stringify(summary));
    assert.equal(jobOf(summary, 'hang')?.status, 'skipped');
  });

  it('stops an endless step at its job timeout', async function () {
    this.timeout(60000);
    const summary = await vscode.commands.executeCommand<Summary>('shipshape.runs.runJob', workflow, 'forever');
    assert.equal(jobOf(summary, 'forever')?.status, 'failure', JSON.stringify(summary));
    assert.match(jobOf(summary, 'forever')?.reason ?? '', /timed out/);
  });

  it('says which shell is missing instead of failing obscurely', async function () {
    this.timeout(60000);
    const summary = await vscode.commands.executeCommand<Summary>('shipshape.runs.runJob', workflow, 'odd-shell');
    assert.equal(jobOf(summary, 'odd-shell')?.status, 'failure');
    assert.match(JSON.stringify(summary), /no-such-shell-xyz/);
  });

  it('opens the run panel when a run starts, with the job graph, annotations and summary', async function () {
    this.timeout(60000);
    const summary = await vscode.commands.executeCommand<Summary>('shipshape.runs.runJob', workflow, 'annotate');
    const shown = await waitFor(
      async () => vscode.commands.executeCommand<PanelState | undefined>('shipshape.test.runPanelState', summary.runId),
      'the run panel',
    );
    assert.equal(shown.state.run.status, 'success');
    assert.deepEqual(shown.state.jobs.map((job) => job.key).sort(), ['annotate', 'chatty', 'forever', 'greet', 'hang', 'mid', 'odd-shell']);
    assert.equal(shown.state.jobs.find((job) => job.key === 'annotate')?.status, 'success');
    assert.deepEqual(
      shown.state.annotations.map((annotation) => [annotation.level, annotation.message, annotation.location]),
      [
        ['error', 'Boom from a local run', 'src/server.js:3:7'],
        ['warning', 'Careful here', 'src/server.js:1'],
      ],
    );
  });

  it('keeps a huge log on disk and only its tail in the panel', async function () {
    this.timeout(90000);
    const summary = await vscode.commands.executeCommand<Summary>('shipshape.runs.runJob', workflow, 'chatty');
    assert.equal(jobOf(summary, 'chatty')?.status, 'success', JSON.stringify(summary));
    const shown = await waitFor(
      async () => vscode.commands.executeCommand<PanelState | undefined>('shipshape.test.runPanelState', summary.runId, { jobKey: 'chatty', stepIndex: 0 }),
      'the run panel',
    );
    assert.ok(shown.shownLineCount > 0 && shown.shownLineCount <= 5000, `lines in view: ${shown.shownLineCount}`);
    assert.match(shown.state.summaries.map((entry) => entry.markdown).join('\n'), /### Counted/);
    const logFile = summary.jobs.find((job) => job.key === 'chatty')?.steps[0]?.logFile;
    assert.ok(logFile && readFileSync(logFile, 'utf8').includes('line 60000'), 'the whole log is kept on disk');
    assert.ok(readFileSync(logFile, 'utf8').includes('line 1\n'));
    // The editor still answers promptly after 60,000 lines went through it.
    const started = Date.now();
    await vscode.commands.executeCommand('shipshape.test.runPanelState', summary.runId);
    assert.ok(Date.now() - started < 2000);
  });

  it('shows what a running step printed before its panel was opened', async function () {
    this.timeout(60000);
    const settings = vscode.workspace.getConfiguration('shipshape.runs');
    await settings.update('openPanelOnStart', false, vscode.ConfigurationTarget.Workspace);
    const run = vscode.commands.executeCommand<Summary>('shipshape.runs.runJob', workflow, 'mid');
    try {
      await waitFor(() => processes().includes('sleep 302') || undefined, 'the step to print and wait', 20000);
      const runId = await vscode.commands.executeCommand<string>('shipshape.runs.openPanel');
      await waitFor(async () => {
        const shown = await vscode.commands.executeCommand<PanelState | undefined>('shipshape.test.runPanelState', runId, { jobKey: 'mid', stepIndex: 0 });
        return shown && shown.shownLineCount >= 3 ? shown : undefined;
      }, 'the three early lines in the panel');
    } finally {
      await vscode.commands.executeCommand('shipshape.runs.cancel');
      await run;
      await settings.update('openPanelOnStart', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('keeps the copy of a failed run when asked, and deletes it with its command', async function () {
    this.timeout(60000);
    const settings = vscode.workspace.getConfiguration('shipshape.runs');
    await settings.update('keepWorktreeOnFailure', true, vscode.ConfigurationTarget.Workspace);
    try {
      const summary = await vscode.commands.executeCommand<Summary>('shipshape.runs.runJob', workflow, 'odd-shell');
      const kept = summary.keptWorktree;
      assert.ok(kept && existsSync(join(kept, '.github', 'workflows', 'editor-checks.yml')), `kept: ${String(kept)}`);
      assert.equal(await vscode.commands.executeCommand('shipshape.runs.deleteWorktree', undefined, true), true);
      assert.equal(existsSync(kept), false);
      assert.ok(!git(workspaceRoot(), 'worktree', 'list').includes(kept), 'git no longer lists the copy');
    } finally {
      await settings.update('keepWorktreeOnFailure', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('cancels a hanging run and leaves no process behind', async function () {
    this.timeout(60000);
    const run = vscode.commands.executeCommand<Summary>('shipshape.runs.runJob', workflow, 'hang');
    await waitFor(() => processes().includes('sleep 301') || undefined, 'the hanging step to start', 20000);
    assert.equal(await vscode.commands.executeCommand('shipshape.runs.cancel'), 'cancelled');
    const summary = await run;
    assert.equal(summary.status, 'cancelled');
    await waitFor(() => !processes().includes('sleep 301') || undefined, 'the step process to be gone', 5000);
  });
});

describe('Local runs in the editor: runs that never start', () => {
  before(async function () {
    this.timeout(30000);
    await activateShipshape();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('leaves no queued, uncancellable run behind when a run cannot start', async function () {
    this.timeout(30000);
    const missing = vscode.Uri.file(join(workspaceRoot(), '.github', 'workflows', 'not-there.yml'));
    // Not awaited: the command ends when its error notification is dismissed.
    void vscode.commands.executeCommand('shipshape.runs.runJob', missing, 'build');
    await pause(3000);
    assert.equal(await vscode.commands.executeCommand('shipshape.runs.cancel'), undefined, 'nothing is left running');
  });

  it("does not start a task's run once its terminal was closed while the run was being prepared", async function () {
    this.timeout(60000);
    const secret = `TASK_CLOSE_${Date.now()}`;
    const file = join(workspaceRoot(), '.github', 'workflows', 'task-close.yml');
    writeFileSync(
      file,
      `on: push\njobs:\n  wait:\n    runs-on: ubuntu-latest\n    steps:\n      - run: sleep 302\n        env:\n          TOKEN: \${{ secrets.${secret} }}\n`,
    );
    try {
      await vscode.commands.executeCommand('shipshape.pipelines.refresh');
      const task = (await vscode.tasks.fetchTasks({ type: 'shipshape' })).find(
        (candidate) => candidate.definition.workflow === '.github/workflows/task-close.yml' && candidate.definition.job === 'wait',
      );
      assert.ok(task, 'a task for the job');
      const execution = await vscode.tasks.executeTask(task);
      await pause(1500); // the task asks for the secret now
      execution.terminate();
      await pause(500);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // an empty secret: the run would go on
      await pause(3000);
      assert.equal(await vscode.commands.executeCommand('shipshape.runs.cancel'), undefined, 'no run was started');
      assert.ok(!processes().includes('sleep 302'));
    } finally {
      // With the defect the run goes on: stop it (cancel, then force).
      await vscode.commands.executeCommand('shipshape.runs.cancel');
      await vscode.commands.executeCommand('shipshape.runs.cancel');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      rmSync(file, { force: true });
      await vscode.commands.executeCommand('shipshape.pipelines.refresh');
    }
  });

  it('refuses a task whose workflow lies outside the workspace folders', async function () {
    this.timeout(60000);
    const tasksFile = join(workspaceRoot(), '.vscode', 'tasks.json');
    mkdirSync(join(workspaceRoot(), '.vscode'), { recursive: true });
    writeFileSync(
      tasksFile,
      JSON.stringify({ version: '2.0.0', tasks: [{ type: 'shipshape', workflow: '../elsewhere/.github/workflows/ci.yml', label: 'outside-workflow' }] }),
    );
    try {
      const task = await waitFor(
        async () => (await vscode.tasks.fetchTasks({ type: 'shipshape' })).find((candidate) => candidate.name === 'outside-workflow'),
        'the task from tasks.json',
      );
      const ended = new Promise<number | undefined>((resolve) => {
        const listener = vscode.tasks.onDidEndTaskProcess((event) => {
          if (event.execution.task.name !== 'outside-workflow') return;
          listener.dispose();
          resolve(event.exitCode);
        });
      });
      await vscode.tasks.executeTask(task);
      assert.equal(await ended, 2, 'a usage error: the path is not inside a workspace folder');
    } finally {
      rmSync(join(workspaceRoot(), '.vscode'), { recursive: true, force: true });
    }
  });
});

function processes(): string {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
}
