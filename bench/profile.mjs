#!/usr/bin/env node
// Where Shipshape's validator spends its time on the real corpus: samples it
// with V8's CPU profiler (the one behind `node --cpu-prof`) and prints the
// functions with the most self time, named by TypeScript file:line.
//   node bench/profile.mjs [passes] [--ref <rev>]   writes bench/results/shipshape.cpuprofile (open in Chrome DevTools)
//   node bench/profile.mjs [passes] --azure         the Azure corpus through lint's path (bench/azure.mjs), no per-rule part
//   node bench/profile.mjs [passes] --gitlab        the GitLab corpus through lint's path (bench/gitlab.mjs), no per-rule part
//   node bench/profile.mjs [passes] --cold          every cross-file cache forgotten before each file (run.mjs's "no cross-file caches"), no per-rule part
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AZURE_CORPUS_DIR, CORPUS_DIR, loadCorpus } from './lib/corpus.mjs';
import { loadShipshapeAzure } from './lib/azure-tools.mjs';
import { loadGitLabCorpus, loadShipshapeGitLab } from './lib/gitlab-tools.mjs';
import { timePass } from './lib/measure.mjs';
import { loadSourceMap } from './lib/source-map.mjs';
import { refArgument, sourceTree } from './lib/source-tree.mjs';
import { loadShipshape } from './lib/tools.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);
const passesArgument = Number(process.argv[2]);
const passes = Number.isInteger(passesArgument) && passesArgument > 0 ? passesArgument : 5;
const TOP = Number(process.env.PROFILE_TOP ?? 15);

const gitlab = process.argv.includes('--gitlab');
const azure = process.argv.includes('--azure') || gitlab; // both check a repository at a time (lint's path)
const cold = process.argv.includes('--cold');
const GITLAB_CORPUS_DIR = process.env.BENCH_GITLAB_CORPUS ?? join(dirname(dirname(fileURLToPath(import.meta.url))), '..', 'shared', 'corpus', 'gitlab', 'real');
const gitlabRepositories = gitlab ? loadGitLabCorpus(GITLAB_CORPUS_DIR) : undefined;
const files = gitlab ? gitlabRepositories?.flatMap((repository) => repository.files) : loadCorpus(azure ? AZURE_CORPUS_DIR : CORPUS_DIR);
if (!files || files.length === 0) {
  console.log(`bench: no corpus at ${gitlab ? GITLAB_CORPUS_DIR : azure ? AZURE_CORPUS_DIR : CORPUS_DIR}; nothing to profile.`);
  process.exit(2);
}
const outDir = join(benchDir, 'results', 'profile');
mkdirSync(outDir, { recursive: true });
const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const source = sourceTree(projectRoot, refArgument(process.argv));
const shipshape = gitlab
  ? await loadShipshapeGitLab(esbuild, projectRoot, outDir, { sourceDir: source.dir, sourcemap: 'external' })
  : azure
    ? await loadShipshapeAzure(esbuild, projectRoot, outDir, { sourceDir: source.dir, sourcemap: 'external' })
    : await loadShipshape(esbuild, projectRoot, outDir, { sourceDir: source.dir, sourcemap: 'external' });
esbuild.stop?.();
// Azure files are checked a repository at a time, as lint does: a "pass" runs every repository.
const repositories =
  gitlabRepositories ?? [...new Set(files.map((file) => file.root))].map((root) => ({ root, files: files.filter((file) => file.root === root) }));
const onePass = azure
  ? () => ({ ms: repositories.reduce((ms, repository) => ms - performance.now() + (shipshape.run(repository), performance.now()), 0) })
  : () => timePass(cold ? shipshape.runWithoutCrossFileCaches : shipshape.run, files);
await onePass(); // warm-up, outside the profile

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
let elapsed = 0;
for (let pass = 0; pass < passes; pass++) elapsed += (await onePass()).ms;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
writeFileSync(join(benchDir, 'results', 'shipshape.cpuprofile'), JSON.stringify(profile));

/** Project-relative names, for an exported commit too. */
const sourceName = (path) => relative(path.startsWith(source.dir) ? source.dir : projectRoot, path);

// Self time per function; nodes of one function at different call sites add up.
const lookup = loadSourceMap(`${shipshape.bundleFile}.map`);
const bundleUrl = pathToFileURL(shipshape.bundleFile).href;
const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length; // ms per sample
const totalSamples = profile.samples.length;
const keyOf = new Map(); // node id -> "function  file:line"
for (const node of profile.nodes) {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  let where;
  if (url === bundleUrl || url === shipshape.bundleFile) {
    const original = lookup(lineNumber, columnNumber);
    where = original ? `${sourceName(join(outDir, original.source))}:${original.line}` : `bundle:${lineNumber + 1}`;
  } else {
    where = url ? `${url.replace(/^file:\/\//, '')}:${lineNumber + 1}` : '(native)';
  }
  keyOf.set(node.id, `${functionName || '(anonymous)'}  ${where}`);
}
const selfSamples = new Map();
for (const node of profile.nodes) {
  const key = keyOf.get(node.id);
  selfSamples.set(key, (selfSamples.get(key) ?? 0) + (node.hitCount ?? 0));
}
// Total (inclusive) time of Shipshape's own functions: each sample counts once for every distinct function on its stack.
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const inclusiveSamples = new Map();
for (const node of profile.nodes) {
  if (!node.hitCount) continue;
  const onStack = new Set();
  for (let id = node.id; id !== undefined; id = parentOf.get(id)) {
    const key = keyOf.get(id);
    if (key?.includes('  src/')) onStack.add(key);
  }
  for (const key of onStack) inclusiveSamples.set(key, (inclusiveSamples.get(key) ?? 0) + node.hitCount);
}
const ranked = [...selfSamples].sort((a, b) => b[1] - a[1]).slice(0, TOP);
console.log(
  `Shipshape ${source.label}${cold ? ', no cross-file caches' : ''}, ${passes} passes over ${files.length} files: ${(elapsed / passes).toFixed(0)} ms a pass (profiler on). Top self time:`,
);
for (const [key, samples] of ranked) {
  console.log(`${(samples * interval).toFixed(0).padStart(7)} ms ${((samples / totalSamples) * 100).toFixed(1).padStart(5)}%  ${key}`);
}
console.log(`\nShipshape's own functions (src/) by total time, callees included:`);
for (const [key, samples] of [...inclusiveSamples].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  console.log(`${(samples * interval).toFixed(0).padStart(7)} ms ${((samples / totalSamples) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

if (azure || cold) {
  console.log(`\nWrote ${relative(process.cwd(), join(benchDir, 'results', 'shipshape.cpuprofile'))}`);
  process.exit(0);
}

// Cost of each rule alone: a pass running only that rule, less a pass running none (parse and bookkeeping).
const kindOf = (file) => (file.isAction ? 'github-action' : 'github-workflow');
const passWith = async (pickRules) => {
  const times = [];
  for (let pass = 0; pass < 3; pass++) {
    const pass = await timePass(
      (file) => shipshape.validatePipeline({ path: file.path, text: file.text, root: file.root, rules: pickRules(file) }).findings.length,
      files,
    );
    times.push(pass.ms);
  }
  return Math.min(...times);
};
const baseline = await passWith(() => []);
const ruleCosts = [];
const sameId = (rule) => shipshape.allRules.filter((other) => other.id === rule.id).length > 1;
for (const rule of shipshape.allRules) {
  const only = [rule];
  const name = sameId(rule) ? `${rule.id} (${rule.description.slice(0, 50)})` : rule.id;
  ruleCosts.push([name, (await passWith((file) => (rule.kinds.includes(kindOf(file)) ? only : []))) - baseline]);
}
if (source.dir !== projectRoot) rmSync(source.dir, { recursive: true, force: true });
console.log(
  `\nPer rule alone, on top of parsing and bookkeeping (${baseline.toFixed(0)} ms a pass with no rule; fastest of 3 passes; a few tens of ms either way is noise):`,
);
for (const [id, ms] of ruleCosts.sort((a, b) => b[1] - a[1])) console.log(`${ms.toFixed(0).padStart(7)} ms  ${id}`);
console.log(`\nWrote ${relative(process.cwd(), join(benchDir, 'results', 'shipshape.cpuprofile'))}`);
