// Loaded by VS Code inside the extension host as the "tests" module (extensionTestsPath) of
// bench/host-run-delay.mjs: the host's event-loop delay while a local run prints 50 MB of log,
// started with the extension's own command (Run Workflow Locally), the Local Runs view visible and
// the run panel open on the step that prints (its log streaming live). Only commands every measured
// commit has are used (runWorkflow, openPanel, the panel's state under the name the commit gives it), so old and new builds are driven
// alike. Writes { warmup, run } to $SHIPSHAPE_BENCH_RESULTS.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const vscode = require('vscode');
const inspector = require('node:inspector');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (ns) => Math.round(ns / 1e4) / 100;

function startHistogram() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = Date.now();
  return () => {
    histogram.disable();
    return {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      samples: histogram.count,
      seconds: (Date.now() - started) / 1000,
    };
  };
}

const runTabs = (title) =>
  vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === title);

/**
 * Runs a workflow through the command a user's click runs; once its panel is open (the command
 * opens it when the run starts), shows `stepName` in it, as a user watching the log would.
 * `during`: from the moment that step runs to the run's end (what the figures are about).
 */
async function measureRun(workflow, title, stepName) {
  // The panel's state command moved to the test-only commands (shipshape.test.*) after f6281ad.
  const known = await vscode.commands.getCommands(true);
  const PANEL_STATE = known.includes('shipshape.test.runPanelState') ? 'shipshape.test.runPanelState' : 'shipshape.runs.panelState';
  const stopWhole = startHistogram();
  const started = Date.now();
  let finished = false;
  const done = Promise.resolve(vscode.commands.executeCommand('shipshape.runs.runWorkflow', vscode.Uri.file(workflow))).finally(() => (finished = true));
  let runId;
  while (!finished && !runId) {
    if (runTabs(title).length > 0) runId = await vscode.commands.executeCommand('shipshape.runs.openPanel');
    else await sleep(20);
  }
  let stopDuring;
  let selectedAfterMs;
  if (runId) {
    const { state } = await vscode.commands.executeCommand(PANEL_STATE, runId);
    const job = state.jobs.find((candidate) => candidate.steps.some((step) => step.name === stepName));
    const step = job?.steps.find((candidate) => candidate.name === stepName);
    if (job && step) {
      await vscode.commands.executeCommand(PANEL_STATE, runId, { jobKey: job.key, stepIndex: step.index });
      selectedAfterMs = Date.now() - started;
      while (!finished && !stopDuring) {
        const now = await vscode.commands.executeCommand(PANEL_STATE, runId);
        const status = now?.state?.jobs.find((candidate) => candidate.key === job.key)?.steps.find((candidate) => candidate.index === step.index)?.status;
        if (status !== undefined && status !== 'queued') stopDuring = startHistogram();
        else await sleep(10);
      }
    }
  }
  const summary = await done;
  const during = stopDuring?.();
  const whole = stopWhole();
  const seconds = (Date.now() - started) / 1000;
  const after = runId ? await vscode.commands.executeCommand(PANEL_STATE, runId) : undefined;
  return {
    runId: summary?.runId,
    status: summary?.status,
    problem: summary?.problem,
    commandSeconds: seconds,
    runMs: after?.state?.run.durationMs,
    selectedAfterMs,
    panelLines: after?.shownLineCount,
    during,
    whole,
  };
}

/** With $SHIPSHAPE_BENCH_CPUPROFILE: V8's CPU profile of the host's thread around `work`, written there. */
async function profiled(work) {
  const file = process.env.SHIPSHAPE_BENCH_CPUPROFILE;
  if (!file) return work();
  const session = new inspector.Session();
  session.connect();
  const call = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 500 });
  await call('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await call('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const results = {};
  await vscode.extensions.getExtension('shipshape.shipshape').activate();
  await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  await sleep(2000);
  // A small run first: the panel's webview, the run path and (after) the worker's code loaded once, as in a session.
  results.warmup = await measureRun(join(folder, '.github', 'workflows', 'warmup.yml'), 'Run: Warm-up', 'Hello');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sleep(2000);
  results.run = await profiled(() => measureRun(join(folder, '.github', 'workflows', 'flood.yml'), 'Run: Flood', process.env.SHIPSHAPE_BENCH_STEP));
  await sleep(500);
  writeFileSync(process.env.SHIPSHAPE_BENCH_RESULTS, JSON.stringify(results, null, 2));
};
