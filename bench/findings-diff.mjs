#!/usr/bin/env node
// Are the findings byte-identical? Validates every file of the corpus (github/real,
// github/actionlint-ok, and the azure and gitlab files forced to be read as workflows,
// which drives the rules through unusual shapes) with the working tree and with a
// commit, and compares every finding: rule, severity, message, range, fixes.
//   node bench/findings-diff.mjs [--ref <rev>]   (default HEAD; exit 1 on any difference)
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, loadCorpus } from './lib/corpus.mjs';
import { sourceTree } from './lib/source-tree.mjs';
import { loadShipshape } from './lib/tools.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);
const refIndex = process.argv.indexOf('--ref');
const ref = refIndex >= 0 ? process.argv[refIndex + 1] : 'HEAD';

const real = loadCorpus();
if (!real) {
  console.log(`findings-diff: no corpus at ${CORPUS_DIR}; nothing to compare.`);
  process.exit(2);
}
const corpusRoot = dirname(dirname(CORPUS_DIR));
const yamlUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
const forced = ['github/actionlint-ok', 'azure', 'gitlab']
  .flatMap((folder) => yamlUnder(join(corpusRoot, folder)))
  .map((path) => ({ id: path.slice(corpusRoot.length + 1), path, root: dirname(path), text: readFileSync(path, 'utf8'), kind: 'github-workflow' }));
const files = [...real, ...forced];

const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const base = sourceTree(projectRoot, ref);
const bundles = [];
const tools = [];
for (const sourceDir of [base.dir, projectRoot]) {
  const outDir = mkdtempSync(join(tmpdir(), 'shipshape-findings-'));
  bundles.push(outDir);
  tools.push(await loadShipshape(esbuild, projectRoot, outDir, { sourceDir }));
}
esbuild.stop?.();
// shellcheck and pyflakes depend on the installed programs; the rest must not move.
const config = { runnerLabels: [], configVariables: undefined, ignore: [], rules: { shellcheck: 'off', pyflakes: 'off' } };
const findingsOf = (tool, file) => {
  tool.forgetParsedSources();
  const result = tool.validatePipeline({ path: file.path, text: file.text, root: file.root, ...(file.kind ? { kind: file.kind } : {}), config });
  return JSON.stringify(result);
};

let differing = 0;
let total = 0;
for (const file of files) {
  const [before, after] = tools.map((tool) => findingsOf(tool, file));
  total += JSON.parse(after).findings.length;
  if (before === after) continue;
  if (differing++ < 5) console.log(`${file.id}\n  ${ref}: ${before.slice(0, 400)}\n  work: ${after.slice(0, 400)}`);
}
for (const dir of bundles) rmSync(dir, { recursive: true, force: true });
if (base.dir !== projectRoot) rmSync(base.dir, { recursive: true, force: true });
console.log(
  `${files.length} files, ${total} findings: ${differing === 0 ? 'identical' : `${differing} files differ`} (working tree against ${ref} ${base.label})`,
);
process.exit(differing === 0 ? 0 : 1);
