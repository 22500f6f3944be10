#!/usr/bin/env node
// Local runs: the per-step overhead against running the same commands straight in bash, and a
// three-job workflow end to end (build -> test via needs and an artifact, plus an if: job),
// worktree creation and removal included. See bench/README.md, "Local runs benchmark".
//   node bench/runs.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/measure.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);
const STEPS = 40;
const RUNS = 7;
/** gitlab-ci-local on the equivalent GitLab pipeline, measured on this machine (shared/docs/local-runs.md). */
const GITLAB_CI_LOCAL = { defaultS: 0.78, isolatedS: 1.09 };
const TARGETS = { stepOverheadMs: 20, threeJobVsGitlab: 1 / 3 };

const scratch = mkdtempSync(join(tmpdir(), 'shipshape-bench-runs-'));
const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
const bundle = join(scratch, 'runs.cjs');
await esbuild.build({
  stdin: { contents: "export { runLocally } from './src/core/runs/local-run';", resolveDir: projectRoot, sourcefile: 'bench-runs-entry.ts', loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'silent',
});
esbuild.stop?.();
const { runLocally } = createRequire(import.meta.url)(bundle);

const git = (cwd, ...args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' },
  });
function repo(name, workflow) {
  const dir = join(scratch, name);
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  git(scratch, 'init', '-q', '-b', 'main', dir);
  writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), workflow);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'bench');
  return dir;
}

// 1. Per-step overhead: STEPS trivial steps in one job, against bash running the same script files.
const stepsWorkflow = `on: push\njobs:\n  steps:\n    runs-on: ubuntu-latest\n    steps:\n${Array.from({ length: STEPS }, (_, i) => `      - run: echo step ${i}\n`).join('')}`;
const stepsRepo = repo('steps', stepsWorkflow);
const script = join(scratch, 'step.sh');
writeFileSync(script, 'echo step\n');
const direct = [];
const ours = [];
for (let round = 0; round < RUNS + 1; round++) {
  const started = performance.now();
  for (let i = 0; i < STEPS; i++) spawnSync('bash', ['-e', script], { stdio: 'pipe' });
  const directMs = (performance.now() - started) / STEPS;
  const record = await runLocally({ repo: stepsRepo, workflow: '.github/workflows/ci.yml', storeDir: join(scratch, 'store') });
  if (record.status !== 'success') throw new Error(`the steps workflow failed: ${record.problem ?? JSON.stringify(record.jobs)}`);
  // The job's whole time per step: log files, env files, expressions and scheduling included.
  const ourMs = record.jobs[0].durationMs / record.jobs[0].steps.length;
  if (round > 0) {
    direct.push(directMs);
    ours.push(ourMs);
  }
}

// 2. The three-job workflow, end to end.
const threeJobs = repo(
  'three-jobs',
  `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: mkdir -p dist && echo built > dist/app.txt
      - uses: actions/upload-artifact@v4
        with:
          name: app
          path: dist/
  test:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: app
      - run: test "$(cat app.txt)" = built
  notify:
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    steps:
      - run: echo notify
`,
);
const wall = [];
for (let round = 0; round < RUNS + 1; round++) {
  const started = performance.now();
  const record = await runLocally({ repo: threeJobs, workflow: '.github/workflows/ci.yml', storeDir: join(scratch, 'store') });
  if (record.status !== 'success') throw new Error(`the three-job workflow failed: ${record.problem ?? JSON.stringify(record.jobs)}`);
  if (round > 0) wall.push(performance.now() - started);
}
rmSync(scratch, { recursive: true, force: true });

const overhead = median(ours) - median(direct);
const threeJobS = median(wall) / 1000;
const rows = [
  ['per-step time, ms (job time / steps)', median(ours).toFixed(1), `bash direct ${median(direct).toFixed(1)}`, ''],
  ['per-step overhead, ms', overhead.toFixed(1), '', `< ${TARGETS.stepOverheadMs}: ${overhead < TARGETS.stepOverheadMs ? 'met' : 'NOT met'}`],
  [
    'three-job workflow, s (worktree included)',
    threeJobS.toFixed(2),
    `gitlab-ci-local ${GITLAB_CI_LOCAL.defaultS} (isolated ${GITLAB_CI_LOCAL.isolatedS})`,
    `< ${(GITLAB_CI_LOCAL.defaultS * TARGETS.threeJobVsGitlab).toFixed(2)}: ${threeJobS < GITLAB_CI_LOCAL.defaultS * TARGETS.threeJobVsGitlab ? 'met' : 'NOT met'}`,
  ],
  [
    'ratio to gitlab-ci-local (default / isolated)',
    `${(threeJobS / GITLAB_CI_LOCAL.defaultS).toFixed(2)}x / ${(threeJobS / GITLAB_CI_LOCAL.isolatedS).toFixed(2)}x`,
    '',
    '',
  ],
];
console.log(`Local runs benchmark: ${RUNS} runs each, ${cpus().length} cores, Node ${process.version}`);
for (const row of rows) console.log(`  ${row[0].padEnd(46)} ${row[1].padStart(14)}  ${row[2].padEnd(40)} ${row[3]}`);
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(
  join(benchDir, 'results', 'runs-latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), stepMs: median(ours), directMs: median(direct), overheadMs: overhead, threeJobS, gitlabCiLocal: GITLAB_CI_LOCAL }, null, 2)}\n`,
);
