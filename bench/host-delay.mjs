// Does the extension host freeze? Measures the host's event-loop delay
// (perf_hooks.monitorEventLoopDelay: p50, p99, max) inside the offline VS Code
// (code-server + headless Chromium, as test/integration/launch-offline.mjs) while
//   1. the 1,132 files of ../shared/corpus are indexed (the Refresh command:
//      each read, outlined and validated), and
//   2. someone types in the largest workflow (deno's 7,684 lines).
// The corpus is copied into a temporary workspace (never into the project):
// workflows under .github/workflows/ (Azure and GitLab files too, read as
// workflows, as findings-diff.mjs does), each action.yml in its own folder.
// The index does not follow symlinks, hence copies.
// Usage: node bench/host-delay.mjs [--ref <rev>] [--runs N]
//   --ref  measures a commit (git archive + its own production build), e.g. main
// Writes bench/results/host-delay-<label>.json and prints a table.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../scripts/lib/paths.mjs';
import { extensionTree, measureInHost } from './lib/host-bench.mjs';
import { refArgument } from './lib/source-tree.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const corpusRoot = process.env.BENCH_CORPUS_ROOT ?? join(projectRoot, '..', 'shared', 'corpus');
const argv = process.argv.slice(2);
const ref = refArgument(argv);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 1;

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/i.test(entry.name) ? [path] : [];
  });
}

/** The temporary workspace; returns its folder and the copy of the largest workflow. */
function corpusWorkspace(parent) {
  const workspace = join(parent, 'corpus-workspace');
  const files = ['github', 'azure', 'gitlab'].flatMap((kind) => yamlFiles(join(corpusRoot, kind))).sort();
  let largest = { size: -1, path: '' };
  files.forEach((source, index) => {
    const flat = relative(corpusRoot, source).replace(/[\\/]/g, '__');
    const isAction = /^action\.ya?ml$/i.test(basename(source));
    const target = isAction
      ? join(workspace, 'actions', flat.replace(/\.ya?ml$/i, ''), basename(source))
      : join(workspace, '.github', 'workflows', `${String(index).padStart(4, '0')}-${flat}`);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    const { size } = statSync(source);
    if (!isAction && size > largest.size) largest = { size, path: target };
  });
  return { workspace, count: files.length, largest: largest.path };
}

async function main() {
  if (!existsSync(corpusRoot)) {
    process.stdout.write(`host-delay: no corpus at ${corpusRoot} (BENCH_CORPUS_ROOT points elsewhere)\n`);
    return 2;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-host-delay-'));
  try {
    const { workspace, count, largest } = corpusWorkspace(scratch);
    const { dir, label } = extensionTree(scratch, ref);
    const all = [];
    for (let run = 0; run < runs; run++)
      all.push(
        await measureInHost({
          extensionDir: dir,
          workspace,
          suite: join(here, 'lib', 'host-delay-suite.cjs'),
          scratch,
          env: { SHIPSHAPE_BENCH_LARGEST: largest },
        }),
      );
    const row = (phase, result) =>
      `${label.padEnd(14)} ${phase.padEnd(9)} p50 ${String(result.p50).padStart(6)} ms  p99 ${String(result.p99).padStart(7)} ms  max ${String(result.max).padStart(7)} ms  (${result.seconds} s)`;
    process.stdout.write(`${count} corpus files; typing in ${relative(workspace, largest)}\n`);
    for (const result of all) process.stdout.write(`${row('indexing', result.indexing)}\n${row('typing', result.typing)}\n`);
    mkdirSync(join(here, 'results'), { recursive: true });
    const out = join(here, 'results', `host-delay-${label.replace(/\W+/g, '-')}.json`);
    writeFileSync(out, JSON.stringify({ label, files: count, largest: relative(workspace, largest), runs: all }, null, 2));
    process.stdout.write(`written: ${relative(projectRoot, out)}\n`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
