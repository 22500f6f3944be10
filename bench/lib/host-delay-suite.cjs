// Loaded by VS Code inside the extension host as the "tests" module
// (extensionTestsPath) of bench/host-delay.mjs. It runs in the host's own
// thread, so its monitorEventLoopDelay histogram sees exactly the delays the
// host's event loop suffers. It starts before the extension's commands exist
// and works the same against any commit, so the host's test-mode commands are
// only used where they exist (waiting for validation to finish).
// Writes { indexing, typing } to $SHIPSHAPE_BENCH_RESULTS.
const { writeFileSync } = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const vscode = require('vscode');

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

/** Waits for every requested validation where the build can say so (validation in a worker); a no-op elsewhere. */
async function validationIdle() {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('shipshape.test.validationIdle')) await vscode.commands.executeCommand('shipshape.test.validationIdle');
}

/** A fixed pseudo-random sequence, so every run types alike. */
function* intervals(count) {
  let seed = 42;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    yield i % 15 === 14 ? 700 : 40 + (seed % 120); // a pause every 15 keys lets the debounced validation run
  }
}

exports.run = async function run() {
  const results = {};
  const extension = vscode.extensions.getExtension('shipshape.shipshape');
  await extension.activate();
  // The first scan (started by activation) and a warm-up: JIT and caches as a user's session would have them.
  await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  await validationIdle();
  await sleep(2000);

  // 1. Indexing the workspace: every file read, outlined and validated.
  let stop = startHistogram();
  const found = await vscode.commands.executeCommand('shipshape.pipelines.refresh');
  await validationIdle();
  results.indexing = { files: found.length, ...stop() };
  await sleep(1000);

  // 2. Typing in the largest workflow.
  const largest = vscode.Uri.file(process.env.SHIPSHAPE_BENCH_LARGEST);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(largest));
  await sleep(1500);
  await validationIdle();
  stop = startHistogram();
  // At the end of a step name past the middle of the file: the YAML stays valid, as while typing most of the time.
  const middle = Math.floor(editor.document.lineCount / 2);
  let line = middle;
  while (line < editor.document.lineCount - 1 && !/^\s+- name: \S/.test(editor.document.lineAt(line).text)) line++;
  if (line === editor.document.lineCount - 1) line = middle;
  let keys = 0;
  for (const wait of intervals(90)) {
    const text = keys % 6 === 5 ? ' ' : 'x';
    await editor.edit((edit) => edit.insert(editor.document.lineAt(line).range.end, text));
    keys++;
    await sleep(wait);
  }
  await sleep(500);
  await validationIdle();
  results.typing = { keys, lines: editor.document.lineCount, line: line + 1, ...stop() };
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  writeFileSync(process.env.SHIPSHAPE_BENCH_RESULTS, JSON.stringify(results, null, 2));
};
