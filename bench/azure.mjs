#!/usr/bin/env node
// Shipshape's Azure Pipelines validation against Microsoft's azure-pipelines-language-service,
// in one process, over ../shared/corpus/azure/real (each repository its own root). See bench/README.md.
//   node bench/azure.mjs              all figures (about a minute on 2 cores)
//   node bench/azure.mjs --ref HEAD   measure a commit instead of the working tree
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AZURE_CORPUS_DIR, loadCorpus } from './lib/corpus.mjs';
import { oneCharacterEdits, SCRIPT_KEYS } from './lib/edits.mjs';
import { ensureBenchDependencies } from './lib/install.mjs';
import { median, percentile } from './lib/measure.mjs';
import { formatAzureReport } from './lib/azure-report.mjs';
import { refArgument, sourceTree } from './lib/source-tree.mjs';
import { azureSchema, loadAzureLanguageService, loadShipshapeAzure } from './lib/azure-tools.mjs';
import { azureStandInSchema, describeStandIn, sizedLikeMicrosoft } from './lib/azure-standin-schema.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);
const PASSES = 7;
const EDIT_WARMUP = 20;
const EDIT_RUNS = 200;
// languageServiceMsPerFile: the peer with Microsoft's real schema, as shared/docs/azure-gitlab-validation.md measured it (not measurable here).
const TARGETS = { speedupVsLanguageService: 5, editP95Ms: 15, languageServiceMsPerFile: 3 };

const loadAtStart = loadavg()[0];
const files = loadCorpus(AZURE_CORPUS_DIR);
if (!files || files.length === 0) {
  console.log(`bench: no Azure corpus at ${AZURE_CORPUS_DIR}; nothing to measure.`);
  process.exit(2);
}
const repositories = [...new Set(files.map((file) => file.root))].map((root) => ({ root, files: files.filter((file) => file.root === root) }));

ensureBenchDependencies(benchDir);
const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const bundleDir = mkdtempSync(join(tmpdir(), 'shipshape-bench-azure-'));
const source = sourceTree(projectRoot, refArgument(process.argv));
const shipshape = await loadShipshapeAzure(esbuild, projectRoot, bundleDir, { sourceDir: source.dir });
// Always from the working tree's tables: the stand-in stays the same when --ref measures another commit.
const standIn = await azureStandInSchema(esbuild, projectRoot, bundleDir);
esbuild.stop?.();
rmSync(bundleDir, { recursive: true, force: true });
if (source.dir !== projectRoot) rmSync(source.dir, { recursive: true, force: true });
const schema = azureSchema();
const peer = loadAzureLanguageService(benchDir, schema, schema.real ? undefined : 'language service, empty schema');
// The same service given a schema of Microsoft's construction built from Shipshape's own tables (azure-standin-schema.mjs).
const standInPeer = loadAzureLanguageService(benchDir, { schema: standIn }, 'language service, stand-in schema');
// And that stand-in with as many task branches as Microsoft's (made-up tasks of real shapes): the real schema's size.
const sizedStandIn = sizedLikeMicrosoft(standIn);
const sizedPeer = loadAzureLanguageService(benchDir, { schema: sizedStandIn }, "language service, stand-in at Microsoft's size");
const tools = [
  { id: 'shipshape', ...shipshape },
  { id: 'languageservice', ...peer },
  ...(schema.real
    ? []
    : [
        { id: 'standin', ...standInPeer },
        { id: 'standin-sized', ...sizedPeer },
      ]),
];

const log = (message) => process.stderr.write(`${message}\n`);
/** One pass over every repository: wall-clock ms, findings, internal findings. */
async function pass(tool) {
  let findings = 0;
  const internal = [];
  const start = performance.now();
  for (const repository of repositories) {
    const result = await tool.run(repository);
    findings += result.findings;
    internal.push(...result.internal);
  }
  return { ms: performance.now() - start, findings, internal };
}

for (const tool of tools) for (let warmup = 0; warmup < 2; warmup++) log(`warm-up ${tool.name}: ${(await pass(tool)).ms.toFixed(0)} ms`);
const passMs = Object.fromEntries(tools.map((tool) => [tool.id, []]));
const last = {};
for (let round = 0; round < PASSES; round++) {
  for (const tool of tools) {
    const result = await pass(tool);
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

// Re-validation of the largest file after one-character edits inside its scripts, the parse cache kept (as in the editor).
const largest = [...files].sort((a, b) => b.lines - a.lines)[0];
for (const { text } of oneCharacterEdits(largest.text, EDIT_WARMUP, SCRIPT_KEYS.azure)) shipshape.validateOne(largest, text);
const editMs = [];
for (const { text } of oneCharacterEdits(largest.text, EDIT_RUNS, SCRIPT_KEYS.azure)) {
  const start = performance.now();
  shipshape.validateOne(largest, text);
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
    loadAverage1m: { atStart: loadAtStart, atEnd: loadavg()[0] },
  },
  peer: {
    package: 'azure-pipelines-language-service 0.9.2',
    schema: schema.real ? schema.path : 'none found: empty schema (a lower bound of its cost)',
    ...(schema.real
      ? {}
      : {
          standIn: {
            what: "a stand-in of Microsoft's construction, not Microsoft's schema (bench/lib/azure-standin-schema.mjs, from Shipshape's own key and task tables)",
            ...describeStandIn(standIn),
          },
          sizedStandIn: {
            what: "the stand-in with as many task branches as Microsoft's schema: the table's tasks and made-up tasks of their shapes that no step uses (sizedLikeMicrosoft)",
            ...describeStandIn(sizedStandIn),
          },
        }),
  },
  corpus: { dir: AZURE_CORPUS_DIR, files: files.length, repositories: repositories.length, lines: files.reduce((sum, file) => sum + file.lines, 0) },
  tools: tools.map((tool) => ({
    id: tool.id,
    name: tool.name,
    passes: passMs[tool.id].length,
    passMs: passMs[tool.id],
    medianPassMs: median(passMs[tool.id]),
    msPerFile: median(passMs[tool.id]) / files.length,
    findings: last[tool.id].findings,
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
console.log(formatAzureReport(results));
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'azure-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${relative(process.cwd(), join(resultsDir, 'azure-latest.json')) || 'azure-latest.json'}`);
