// `npm test`: installs what is missing (once), then runs every tier:
// lint (ESLint and Prettier's check), type-check, build, unit, integration (inside VS Code) and UI
// (Playwright). Prints a line per tier and, last, the total over all tiers
// as `N passed, N failed`. Exits non-zero when anything failed.
//   npm test -- --only unit,ui     run some tiers
//   npm test -- --skip-install     trust what is installed
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain, say, SetupError } from './lib/fail.mjs';
import { projectRoot } from './lib/paths.mjs';
import { checkNodeVersion, ensureAll } from './lib/prereqs.mjs';
import { run } from './lib/proc.mjs';

const bin = (...path) => join(projectRoot, 'node_modules', ...path);

/** Each tier: how to run it, and whether it reports per-test counts (else it counts as one check). */
const TIERS = [
  { name: 'lint', args: () => [join(projectRoot, 'scripts', 'lint.mjs')] },
  {
    name: 'typecheck',
    args: () => [join(projectRoot, 'scripts', 'typecheck.mjs')],
  },
  { name: 'build', args: () => ['esbuild.js', '--tests'] },
  { name: 'unit', args: () => [bin('mocha', 'bin', 'mocha.js'), '--config', 'test/unit/.mocharc.cjs'], counts: true },
  { name: 'integration', args: () => ['test/integration/launch-offline.mjs'], counts: true, host: true },
  { name: 'ui', args: () => [bin('mocha', 'bin', 'mocha.js'), '--config', 'test/ui/.mocharc.cjs'], counts: true, host: true },
];

function parseArgs(argv) {
  const options = { only: undefined, skipInstall: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') options.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (argv[i] === '--skip-install') options.skipInstall = true;
    else throw new SetupError(`unknown option "${argv[i]}" (use --only TIER[,TIER] or --skip-install)`);
  }
  if (options.only)
    for (const name of options.only)
      if (!TIERS.some((tier) => tier.name === name)) throw new SetupError(`unknown tier "${name}" (tiers: ${TIERS.map((t) => t.name).join(', ')})`);
  return options;
}

async function runTier(tier, scratch) {
  const summaryFile = join(scratch, `${tier.name}.json`);
  say(`\n── ${tier.name} ──`);
  const started = Date.now();
  // No global or system git configuration: every test sets up the identity it needs, as on a fresh CI machine.
  const gitConfig = join(scratch, 'empty-gitconfig');
  writeFileSync(gitConfig, '');
  const env = { ...process.env, SHIPSHAPE_SUMMARY_FILE: summaryFile, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1' };
  const { code } = await run(process.execPath, tier.args(), { cwd: projectRoot, env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!tier.counts) return { name: tier.name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, skips: [], seconds };
  const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : { passed: 0, failed: 0, skipped: 0, skips: [] };
  // A runner that exited non-zero without reporting a failing test (load error, crash) still fails.
  const failed = summary.failed + (code !== 0 && summary.failed === 0 ? 1 : 0);
  return { name: tier.name, passed: summary.passed, failed, skipped: summary.skipped, skips: summary.skips ?? [], seconds };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  checkNodeVersion();
  const tiers = TIERS.filter((tier) => !options.only || options.only.has(tier.name));
  if (!options.skipInstall) await ensureAll({ host: tiers.some((tier) => tier.host) });

  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-test-run-'));
  const results = [];
  try {
    for (const tier of tiers) results.push(await runTier(tier, scratch));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  say('\n── summary ──');
  for (const r of results) say(`${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${r.seconds} s)`);
  const skips = results.flatMap((r) => r.skips.map((title) => `${r.name}: ${title}`));
  for (const skip of skips) say(`skipped: ${skip}`);
  const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
  const skipped = total('skipped');
  say(`${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return total('failed') === 0 ? 0 : 1;
}

await runMain('npm test', main);
