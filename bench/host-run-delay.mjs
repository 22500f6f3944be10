// Does the extension host freeze during a local run that prints 50 MB of log? Measures the host's
// event-loop delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution: p50, p99, max) inside the
// offline VS Code (code-server + headless Chromium, the launcher of bench/host-delay.mjs) while a
// workflow step prints 50 MB (`head -c 37500000 /dev/urandom | base64`: 657,898 lines), the run
// started with the extension's Run Workflow Locally command, the Local Runs view visible and the
// run panel open on that step. Both builds in one invocation, sessions interleaved:
//   before: --ref (default f6281ad, the commit before the run worker: runs in the host)
//   after:  the working tree (runs in a child process, runInWorker)
// Usage: node bench/host-run-delay.mjs [--ref <rev>] [--runs N] [--mb 50] [--only before|after] [--cpu-prof DIR]
// Writes bench/results/host-run-delay.json and prints a table. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../scripts/lib/paths.mjs';
import { extensionTree, measureInHost } from './lib/host-bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const ref = option('--ref', 'f6281ad');
const runs = Number(option('--runs', '1')) || 1;
const megabytes = Number(option('--mb', '50'));
const only = option('--only', undefined);
/** --cpu-prof DIR: a V8 CPU profile of the extension host's thread during each measured run (it slows the host: figures of such runs are not comparable). */
const profileDir = argv.includes('--cpu-prof') ? resolve(option('--cpu-prof')) : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });
const STEP = 'Print 50 MB';

const git = (cwd, ...args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' },
  });

/** A fresh repository per session: the 50 MB workflow and a small one to warm up with. */
function runWorkspace(parent) {
  const repo = mkdtempSync(join(parent, 'run-workspace-'));
  mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  // base64 turns 3 bytes into 4 characters and wraps at 76: 657,898 lines for 50 MB.
  const bytes = Math.round((megabytes * 1_000_000 * 3) / 4);
  writeFileSync(
    join(repo, '.github', 'workflows', 'flood.yml'),
    `name: Flood\non: push\njobs:\n  flood:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Wait for the panel\n        run: sleep 1\n      - name: ${STEP}\n        run: head -c ${bytes} /dev/urandom | base64\n      - name: Done\n        run: echo done\n`,
  );
  writeFileSync(
    join(repo, '.github', 'workflows', 'warmup.yml'),
    'name: Warm-up\non: push\njobs:\n  hello:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Hello\n        run: seq 1 2000\n',
  );
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'bench');
  return repo;
}

async function session(tree, scratch) {
  const workspace = runWorkspace(scratch);
  const lines = [];
  const load = loadavg()[0];
  try {
    const result = await measureInHost({
      extensionDir: tree.dir,
      workspace,
      suite: join(here, 'lib', 'host-run-suite.cjs'),
      scratch,
      env: {
        SHIPSHAPE_BENCH_STEP: STEP,
        ...(profileDir ? { SHIPSHAPE_BENCH_CPUPROFILE: join(profileDir, `host-${tree.role}-${Date.now()}.cpuprofile`) } : {}),
      },
      settings: { 'shipshape.runs.openPanelOnStart': true },
      log: (line) => lines.push(line),
    });
    return { label: tree.label, loadBefore: load, loadAfter: loadavg()[0], ...result };
  } catch (error) {
    process.stderr.write(`${tree.label}: ${error.message}\n${lines.slice(-30).join('\n')}\n`);
    throw error;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

const figures = (result) =>
  result ? `p50 ${String(result.p50).padStart(6)}  p99 ${String(result.p99).padStart(7)}  max ${String(result.max).padStart(7)}` : 'n/a'.padEnd(39);

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-host-run-'));
  try {
    const trees = [];
    if (only !== 'after') trees.push({ role: 'before', ...extensionTree(scratch, ref, 'before') });
    if (only !== 'before') trees.push({ role: 'after', ...extensionTree(scratch, undefined) });
    const all = [];
    for (let run = 0; run < runs; run++) {
      // Alternate the order, so drift on the machine hits both alike.
      for (const tree of run % 2 === 0 ? trees : [...trees].reverse()) all.push({ role: tree.role, ...(await session(tree, scratch)) });
    }
    process.stdout.write(`${megabytes} MB of log; ms; "during": from the step's start to the run's end; "whole": the command\n`);
    for (const result of all) {
      const run = result.run;
      process.stdout.write(
        `${result.role.padEnd(6)} ${result.label.padEnd(12)} during ${figures(run.during)} | whole ${figures(run.whole)} | run ${(run.runMs / 1000).toFixed(1)} s, command ${run.commandSeconds.toFixed(1)} s, ${run.status}, panel ${run.panelLines} lines, load ${result.loadBefore.toFixed(1)}-${result.loadAfter.toFixed(1)}\n`,
      );
    }
    mkdirSync(join(here, 'results'), { recursive: true });
    const out = join(here, 'results', 'host-run-delay.json');
    writeFileSync(out, JSON.stringify({ ref, megabytes, runs: all }, null, 2));
    process.stdout.write(`written: ${relative(projectRoot, out)}\n`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
