#!/usr/bin/env node
// `shipshape preflight` as a whole process on a generated repository of 50,000 commits and on one
// of 20, each with the same 10 unpushed commits: the check must not grow with history (issue #15:
// at most 1.3x, and under 0.5 s on the small one). Prints the medians and the ratio; exit 1 when a
// target is missed. See bench/README.md, "Preflight benchmark".
//   node bench/preflight.mjs [--sizes 20,50000] [--runs 11]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/measure.mjs';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const option = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const SIZES = option('--sizes', '20,50000').split(',').map(Number);
const RUNS = Number(option('--runs', '11'));
const UNPUSHED = 10;
const TARGETS = { ratio: 1.3, smallMs: 500 };

const env = {
  ...process.env,
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (cwd, args, input) => execFileSync('git', args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30 });

/** A fast-import stream of `count` commits on `ref`, each changing one of 200 files; the first adds a path-filtered workflow. */
function stream(count, ref, start, from) {
  const parts = [];
  const workflow = "on:\n  push:\n    paths: ['src/**']\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n";
  for (let i = start; i < start + count; i++) {
    const message = `change ${i}`;
    const file = `src/file-${i % 200}.ts`;
    const content = `export const value${i} = ${i};\n`;
    parts.push(`commit ${ref}\ncommitter Bench <bench@example.com> ${1_600_000_000 + i} +0000\ndata ${message.length}\n${message}\n`);
    if (i === start && from) parts.push(`from ${from}\n`);
    if (i === 0) parts.push(`M 644 inline .github/workflows/ci.yml\ndata ${workflow.length}\n${workflow}\n`);
    parts.push(`M 644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
  }
  return parts.join('');
}

/** `commits` pushed (origin/feature holds them, the branch tracks it), then UNPUSHED more. */
function makeRepo(dir, commits) {
  git(tmpdir(), ['init', '-q', '-b', 'feature', dir]);
  git(dir, ['fast-import', '--quiet'], stream(commits, 'refs/heads/feature', 0));
  const pushed = git(dir, ['rev-parse', 'feature']).trim();
  git(dir, ['remote', 'add', 'origin', join(dir, 'no-such-origin.git')]);
  git(dir, ['update-ref', 'refs/remotes/origin/feature', pushed]);
  git(dir, ['config', 'branch.feature.remote', 'origin']);
  git(dir, ['config', 'branch.feature.merge', 'refs/heads/feature']);
  git(dir, ['fast-import', '--quiet', '--force'], stream(UNPUSHED, 'refs/heads/feature', commits, pushed));
  git(dir, ['reset', '-q', '--hard']);
}

const work = mkdtempSync(join(tmpdir(), 'shipshape-bench-preflight-'));
try {
  const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
  const cli = join(work, 'cli.js');
  await esbuild.build({
    entryPoints: [join(projectRoot, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    outfile: cli,
    logLevel: 'silent',
  });
  esbuild.stop?.();
  const results = [];
  for (const size of SIZES) {
    const repo = join(work, `repo-${size}`);
    const made = performance.now();
    makeRepo(repo, size);
    process.stderr.write(`${size} commits generated in ${((performance.now() - made) / 1000).toFixed(1)} s\n`);
    const once = () => {
      const started = performance.now();
      const result = spawnSync(process.execPath, [cli, 'preflight', '--repo', repo, '--json'], { env, encoding: 'utf8' });
      const ms = performance.now() - started;
      if (result.status !== 0) throw new Error(`preflight exited ${result.status}: ${result.stderr}`);
      return { ms, report: JSON.parse(result.stdout) };
    };
    const { report } = once();
    if (report.commits.length !== UNPUSHED) throw new Error(`expected ${UNPUSHED} commits checked, got ${report.commits.length}`);
    const times = Array.from({ length: RUNS }, () => once().ms);
    results.push({ size, ms: median(times), verdict: report.verdict, pipelines: report.pipelines.length });
  }
  for (const result of results)
    console.log(
      `${String(result.size).padStart(6)} commits: ${result.ms.toFixed(0)} ms median of ${RUNS} (verdict ${result.verdict}, ${result.pipelines} workflow forecast)`,
    );
  const small = results[0];
  const large = results.at(-1);
  const ratio = large.ms / small.ms;
  console.log(
    `ratio ${large.size}/${small.size}: ${ratio.toFixed(2)}x (target <= ${TARGETS.ratio}x); small ${small.ms.toFixed(0)} ms (target < ${TARGETS.smallMs} ms)`,
  );
  process.exitCode = ratio <= TARGETS.ratio && small.ms < TARGETS.smallMs ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
