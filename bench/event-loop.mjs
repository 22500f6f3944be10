#!/usr/bin/env node
// The editor's event loop during a local run that prints 50 MB of log: p99 of
// perf_hooks.monitorEventLoopDelay in the process that holds the LocalRunsModel (the extension
// host's side), with the run in that process (as before the run worker) and in the run worker.
// Plain Node, not a real extension host: `vscode` is a stand-in with EventEmitter only.
// See bench/README.md, "Extension host responsiveness during a run".
//   node bench/event-loop.mjs [--mb 50] [--ref REV]   (--ref: measure that commit's in-process run)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleTypeScript } from './lib/bundle-ts.mjs';
import { refArgument, sourceTree } from './lib/source-tree.mjs';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const argValue = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const megabytes = Number(argValue('--mb', '50'));
const ref = refArgument(process.argv);
const TARGET_P99_MS = 50;

const scratch = mkdtempSync(join(tmpdir(), 'shipshape-bench-loop-'));
const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const vscodeStub = {
  name: 'vscode-stub',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: `class EventEmitter { constructor() { this.listeners = []; this.event = (listener) => { this.listeners.push(listener); return { dispose() {} }; }; }
        fire(value) { for (const listener of this.listeners) listener(value); } dispose() { this.listeners = []; } }
        module.exports = { EventEmitter };`,
      loader: 'js',
    }));
  },
};
const bundle = (sourceDir, contents, outfile) =>
  bundleTypeScript(esbuild, { projectRoot, sourceDir, contents, sourcefile: 'bench-loop-entry.ts', outfile, plugins: [vscodeStub] });

const before = sourceTree(projectRoot, ref);
const beforeModel = await bundle(before.dir, "export { LocalRunsModel } from './src/vscode/runs/local-runs-model';", join(scratch, 'before.cjs'));
const after = await bundle(
  projectRoot,
  "export { LocalRunsModel } from './src/vscode/runs/local-runs-model'; export { runInWorker } from './src/core/runs/worker/run-worker-client';",
  join(scratch, 'after.cjs'),
);
const workerPath = join(scratch, 'run-worker.js');
await esbuild.build({
  entryPoints: [join(projectRoot, 'src/core/runs/worker/run-worker-main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: workerPath,
  logLevel: 'silent',
});
esbuild.stop?.();

const git = (cwd, ...args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' },
  });
const repo = join(scratch, 'repo');
mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
git(scratch, 'init', '-q', '-b', 'main', repo);
// base64 turns 3 bytes into 4 characters and wraps at 76: `megabytes` MB of log in ~660k lines per 50 MB.
const bytes = Math.round((megabytes * 1_000_000 * 3) / 4);
writeFileSync(
  join(repo, '.github', 'workflows', 'ci.yml'),
  `on: push\njobs:\n  flood:\n    runs-on: ubuntu-latest\n    steps:\n      - run: head -c ${bytes} /dev/urandom | base64\n      - run: echo done\n`,
);
git(repo, 'add', '-A');
git(repo, 'commit', '-q', '-m', 'bench');

const logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const settings = () => ({
  storeDir: join(scratch, 'store', 'runs'),
  cacheDir: join(scratch, 'cache'),
  retain: 5,
  maxParallel: undefined,
  keepWorktree: 'never',
  gitBinary: undefined,
});

async function measure(label, model) {
  let lines = 0;
  let refreshes = 0;
  model.onDidChange(() => refreshes++);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  histogram.enable();
  const record = await model.run({ repo, workflow: '.github/workflows/ci.yml' }, (update) => {
    if (update.type === 'log') lines += update.lines?.length ?? 1; // one line per update before the worker grouped them
  });
  histogram.disable();
  const seconds = (performance.now() - started) / 1000;
  if (record.status !== 'success') throw new Error(`${label}: the run failed: ${record.problem ?? JSON.stringify(record.jobs.map((job) => job.reason))}`);
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  const result = {
    label,
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    seconds: Math.round(seconds * 10) / 10,
    linesSeen: lines,
    refreshes,
  };
  console.log(
    `${label.padEnd(34)} p50 ${String(result.p50).padStart(6)} ms  p99 ${String(result.p99).padStart(7)} ms  max ${String(result.max).padStart(7)} ms  ${String(result.seconds).padStart(5)} s  ${lines} lines seen`,
  );
  return result;
}

console.log(`event-loop delay of the model's process during a run printing ${megabytes} MB (before: ${before.label}${ref ? '' : ', working tree'})`);
const results = [];
results.push(await measure('before: run in this process', new beforeModel.LocalRunsModel(logger, settings)));
results.push(await measure('after: run in the worker', new after.LocalRunsModel(logger, settings, (request) => after.runInWorker(request, { workerPath }))));
const worker = results[1];
console.log(`target p99 < ${TARGET_P99_MS} ms: ${worker.p99 < TARGET_P99_MS ? 'met' : 'NOT met'}`);
mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
writeFileSync(join(projectRoot, 'bench', 'results', 'event-loop.json'), `${JSON.stringify({ megabytes, before: before.label, results }, null, 2)}\n`);
rmSync(scratch, { recursive: true, force: true });
if (before.dir !== projectRoot) rmSync(before.dir, { recursive: true, force: true });
