#!/usr/bin/env node
// Shipshape's GitLab CI validation against the floor issue #14 names (GitLab's ci.json applied raw with
// ajv), in one process, over ../shared/corpus/gitlab/real (each repository its own root). See bench/README.md.
//   node bench/gitlab.mjs              all figures (about half a minute on 2 cores)
//   node bench/gitlab.mjs --ref HEAD   measure a commit instead of the working tree
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneCharacterEdits, SCRIPT_KEYS } from './lib/edits.mjs';
import { median, percentile } from './lib/measure.mjs';
import { formatGitLabReport } from './lib/gitlab-report.mjs';
import { refArgument, sourceTree } from './lib/source-tree.mjs';
import { loadAjvFloor, loadGitLabCorpus, loadShipshapeGitLab } from './lib/gitlab-tools.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);
const CORPUS = process.env.BENCH_GITLAB_CORPUS ?? join(projectRoot, '..', 'shared', 'corpus', 'gitlab', 'real');
const SCHEMA = join(benchDir, 'data', 'gitlab-ci.json');
const PASSES = 9;
const EDIT_WARMUP = 20;
const EDIT_RUNS = 200;
const TARGETS = { editP95Ms: 15 };

const loadAtStart = loadavg()[0];
const repositories = loadGitLabCorpus(CORPUS);
if (!repositories) {
  console.log(`bench: no GitLab corpus at ${CORPUS}; nothing to measure.`);
  process.exit(2);
}
const files = repositories.flatMap((repository) => repository.files);

// Both sides use the project's own packages (yaml, ajv): nothing to install in bench/node_modules.
const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const bundleDir = mkdtempSync(join(tmpdir(), 'shipshape-bench-gitlab-'));
const source = sourceTree(projectRoot, refArgument(process.argv));
const shipshape = await loadShipshapeGitLab(esbuild, projectRoot, bundleDir, { sourceDir: source.dir });
esbuild.stop?.();
rmSync(bundleDir, { recursive: true, force: true });
if (source.dir !== projectRoot) rmSync(source.dir, { recursive: true, force: true });
const floor = loadAjvFloor(projectRoot, SCHEMA);
const tools = [
  { id: 'shipshape', ...shipshape },
  { id: 'ajv', ...floor },
];

const log = (message) => process.stderr.write(`${message}\n`);
/** One pass over every repository: wall-clock ms, findings, internal findings. */
function pass(tool) {
  let findings = 0;
  let failedFiles;
  const internal = [];
  const start = performance.now();
  for (const repository of repositories) {
    const result = tool.run(repository);
    findings += result.findings;
    if (result.failedFiles !== undefined) failedFiles = (failedFiles ?? 0) + result.failedFiles;
    internal.push(...result.internal);
  }
  return { ms: performance.now() - start, findings, failedFiles, internal };
}

for (const tool of tools) for (let warmup = 0; warmup < 3; warmup++) log(`warm-up ${tool.name}: ${pass(tool).ms.toFixed(0)} ms`);
const passMs = { shipshape: [], ajv: [] };
const last = {};
for (let round = 0; round < PASSES; round++) {
  // Alternate who goes first, so drift on the machine hits both alike.
  for (const tool of round % 2 ? [...tools].reverse() : tools) {
    const result = pass(tool);
    passMs[tool.id].push(result.ms);
    last[tool.id] = result;
  }
  log(`round ${round + 1}/${PASSES}: ${tools.map((tool) => `${tool.name} ${passMs[tool.id].at(-1).toFixed(0)} ms`).join(', ')}`);
}

// Every finding, hashed: speed work must leave the digest unchanged (compare with --ref).
const kept = [];
for (const repository of repositories) shipshape.run(repository, kept);
const findingsDigest = createHash('sha256').update(JSON.stringify(kept)).digest('hex').slice(0, 16);
log(`findings digest ${findingsDigest}`);

// Re-validation of the largest file after one-character edits inside its scripts, caches kept (as in the editor).
const largest = [...files].sort((a, b) => b.lines - a.lines)[0];
for (const { text } of oneCharacterEdits(largest.text, EDIT_WARMUP, SCRIPT_KEYS.gitlab)) shipshape.validateOne(largest, text);
const editMs = [];
for (const { text } of oneCharacterEdits(largest.text, EDIT_RUNS, SCRIPT_KEYS.gitlab)) {
  const start = performance.now();
  shipshape.validateOne(largest, text);
  editMs.push(performance.now() - start);
}
log(`re-validation: p95 ${percentile(editMs, 0.95).toFixed(2)} ms`);

const provenance = JSON.parse(readFileSync(join(benchDir, 'data', 'gitlab-ci.provenance.json'), 'utf8'));
const results = {
  date: new Date().toISOString().slice(0, 10),
  shipshape: source.label,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    loadAverage1m: { atStart: loadAtStart, atEnd: loadavg()[0] },
  },
  schema: `bench/data/gitlab-ci.json (GitLab's ci.json via gitlab-ci-local ${provenance.gitlabCiLocal})`,
  corpus: { dir: CORPUS, files: files.length, repositories: repositories.length, lines: files.reduce((sum, file) => sum + file.lines, 0) },
  tools: tools.map((tool) => ({
    id: tool.id,
    name: tool.name,
    passes: passMs[tool.id].length,
    passMs: passMs[tool.id],
    medianPassMs: median(passMs[tool.id]),
    msPerFile: median(passMs[tool.id]) / files.length,
    findings: last[tool.id].findings,
    ...(last[tool.id].failedFiles === undefined ? {} : { failedFiles: last[tool.id].failedFiles }),
    internal: last[tool.id].internal,
  })),
  findingsDigest,
  edits: {
    file: largest.id,
    lines: largest.lines,
    runs: editMs.length,
    p50Ms: percentile(editMs, 0.5),
    p95Ms: percentile(editMs, 0.95),
    maxMs: Math.max(...editMs),
  },
  targets: TARGETS,
};
console.log(formatGitLabReport(results));
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'gitlab-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${relative(process.cwd(), join(resultsDir, 'gitlab-latest.json')) || 'gitlab-latest.json'}`);
