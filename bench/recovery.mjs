#!/usr/bin/env node
// The git-recovery fast pass (and deep pass, when there is one) on generated
// repositories of 5,000 and 50,000 commits, against the raw git it runs.
// See bench/README.md, "Recovery benchmark".
//   node bench/recovery.mjs                    both sizes (about a minute on 2 cores)
//   node bench/recovery.mjs --sizes 5000       other sizes, comma-separated
//   node bench/recovery.mjs --ref HEAD         measure a commit instead of the working tree
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/measure.mjs';
import { benchGit, makeRecoveryRepo } from './lib/recovery-repo.mjs';
import { formatRecoveryReport } from './lib/recovery-report.mjs';
import { loadRecovery, recordGitCalls, replayGitCalls, timeGit } from './lib/recovery-tools.mjs';
import { refArgument, sourceTree } from './lib/source-tree.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = dirname(benchDir);

// Repetitions, sized so both sizes take about a minute on 2 cores (the 50k fsck ~2 s a run).
const FAST_WARMUP = 3;
const FAST_RUNS = 21;
const DEEP_RUNS = 7;
const TARGETS = { fastPassMs: 150, deepVsFsck: 1.3 };
/** The comparison the deep pass is held to: what git itself needs to find every unreachable object. */
const FSCK_BASELINE = ['fsck', '--connectivity-only', '--no-reflogs', '--unreachable'];

const sizesArgument = process.argv.indexOf('--sizes');
const SIZES = sizesArgument >= 0 ? process.argv[sizesArgument + 1].split(',').map(Number) : [5000, 50000];

const log = (message) => process.stderr.write(`${message}\n`);
const loadAtStart = loadavg()[0];
const startedAt = performance.now();

const work = mkdtempSync(join(tmpdir(), 'shipshape-bench-recovery-'));
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

let results;
try {
  const esbuild = createRequire(join(projectRoot, 'package.json'))('esbuild');
  const ref = refArgument(process.argv);
  const source = ref ? sourceTree(projectRoot, ref) : { dir: projectRoot, label: workingTreeLabel() };
  const recovery = await loadRecovery(esbuild, projectRoot, source.dir, work);
  esbuild.stop?.();
  if (source.dir !== projectRoot) rmSync(source.dir, { recursive: true, force: true });
  const env = recovery.gitEnvironment();
  const kinds = (situations) => [...new Set(situations.map((situation) => situation.kind))];

  const sizes = [];
  let deepFsckArgs;
  for (const commits of SIZES) {
    const label = `${commits / 1000}k commits`;
    const repo = join(work, `repo-${commits}`);
    const generateStart = performance.now();
    const made = makeRecoveryRepo(repo, { commits });
    const generateMs = performance.now() - generateStart;
    const counts = benchGit(repo, ['count-objects', '-v']);
    const objects = Number(/in-pack: (\d+)/.exec(counts)?.[1] ?? NaN) + Number(/^count: (\d+)/m.exec(counts)?.[1] ?? NaN);
    log(`${label}: made in ${(generateMs / 1000).toFixed(1)} s (${made.reflogEntries} reflog entries, ${made.refs} refs, ${objects} objects)`);

    // The fast pass: warm-up (git's files into the page cache, the JIT), then the exact commands recorded once.
    let fastSituations = [];
    for (let run = 0; run < FAST_WARMUP; run++) fastSituations = await recovery.diagnose(repo);
    const calls = await recordGitCalls(() => recovery.diagnose(repo));
    const diagnoseMs = [];
    const rawMs = [];
    const recentMs = [];
    let silentCalls = 0;
    for (let run = 0; run < FAST_RUNS; run++) {
      const start = performance.now();
      await recovery.diagnose(repo);
      diagnoseMs.push(performance.now() - start);
      const replay = replayGitCalls(calls, env);
      rawMs.push(replay.ms);
      silentCalls = replay.silent;
      if (recovery.readRecentActions) {
        const recentStart = performance.now();
        await recovery.readRecentActions(repo);
        recentMs.push(performance.now() - recentStart);
      }
    }
    log(`${label}: fast pass median ${median(diagnoseMs).toFixed(1)} ms, raw git ${median(rawMs).toFixed(1)} ms (${calls.length} calls)`);
    const recentActions = recovery.readRecentActions ? await recovery.readRecentActions(repo) : undefined;

    // The deep pass against the fsck it is held to, run by run.
    const deepMs = [];
    const fsckMs = [];
    const ownFsckMs = [];
    let deepSituations;
    let ownFsck;
    let deepTrace;
    if (recovery.hasDeep) {
      const deepCalls = await recordGitCalls(async () => {
        deepSituations = await recovery.diagnose(repo, { deep: true });
      });
      ownFsck = deepCalls.find((call) => call.args.includes('fsck') && !call.stdin);
      deepFsckArgs = ownFsck?.args;
      deepTrace = deepCalls.map((call) => ({ command: `git ${call.args.join(' ')}`, ms: Math.round(call.ms * 10) / 10, bytes: call.bytes, stdin: call.stdin }));
    }
    timeGit(repo, FSCK_BASELINE, env); // warm-up
    for (let run = 0; run < DEEP_RUNS; run++) {
      if (recovery.hasDeep) {
        const start = performance.now();
        await recovery.diagnose(repo, { deep: true });
        deepMs.push(performance.now() - start);
        if (ownFsck) ownFsckMs.push(timeGit(ownFsck.cwd ?? repo, ownFsck.args, env));
      }
      fsckMs.push(timeGit(repo, FSCK_BASELINE, env));
    }
    log(
      `${label}: ${recovery.hasDeep ? `deep pass median ${median(deepMs).toFixed(0)} ms, ` : 'deep pass not available, '}fsck median ${median(fsckMs).toFixed(0)} ms`,
    );

    sizes.push({
      label,
      repo: { ...made, objects, generateMs },
      fast: {
        runs: diagnoseMs.length,
        diagnoseMs: median(diagnoseMs),
        rawGitMs: median(rawMs),
        gitCalls: calls.length,
        silentGitCalls: silentCalls,
        commands: calls.map((call) => `git ${call.args.join(' ')}`),
        allDiagnoseMs: diagnoseMs,
        allRawGitMs: rawMs,
        situations: kinds(fastSituations),
      },
      recentActions: recentActions
        ? { ms: median(recentMs), count: recentActions.length, newest: recentActions.slice(0, 5).map((action) => `${action.text} (${action.when})`) }
        : undefined,
      deep: {
        runs: fsckMs.length,
        diagnoseMs: recovery.hasDeep ? median(deepMs) : undefined,
        fsckMs: median(fsckMs),
        ownFsckMs: ownFsckMs.length > 0 ? median(ownFsckMs) : undefined,
        allDiagnoseMs: deepMs,
        allFsckMs: fsckMs,
        situations: deepSituations ? kinds(deepSituations) : undefined,
        // One deep run's git processes in start order (spawn to close), to see where its time goes.
        gitCalls: deepTrace,
        silentGitCalls: deepTrace?.filter((call) => call.bytes === 0).length,
      },
    });
    rmSync(repo, { recursive: true, force: true });
  }

  results = {
    date: new Date().toISOString().slice(0, 10),
    shipshape: source.label,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.versions.node,
      git: execFileSync('git', ['--version'], { encoding: 'utf8' }).trim(),
      platform: `${process.platform}-${process.arch}`,
      loadAverage1m: { atStart: loadAtStart, atEnd: loadavg()[0] },
    },
    deepAvailable: recovery.hasDeep,
    deepFsckArgs,
    fsckBaseline: FSCK_BASELINE,
    sizes,
    targets: TARGETS,
    totalSeconds: (performance.now() - startedAt) / 1000,
  };
} finally {
  cleanUp();
}

console.log(formatRecoveryReport(results));
console.log(`\nWhole run: ${results.totalSeconds.toFixed(0)} s`);
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'recovery-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`Wrote ${relative(process.cwd(), join(resultsDir, 'recovery-latest.json')) || 'recovery-latest.json'}`);

/** The commit measured, and whether the recovery code has uncommitted changes on top. */
function workingTreeLabel() {
  const run = (args) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = run(['rev-parse', '--short', 'HEAD']);
    const dirty = run(['status', '--porcelain', '--', 'src/core/recovery', 'src/core/git']) !== '';
    return dirty ? `${commit} + uncommitted changes in src/core/recovery` : commit;
  } catch {
    return 'unknown';
  }
}
