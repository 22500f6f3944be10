// Installs the benchmark's peers into bench/node_modules once: a second run
// with an unchanged lock file installs nothing (same stamp idea as
// scripts/lib/prereqs.mjs uses for the test host).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function wantedStamp(benchDir) {
  const hash = createHash('sha256').update(process.versions.node.split('.')[0] ?? '');
  for (const name of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(benchDir, name)));
  return hash.digest('hex');
}

/** `npm ci` in bench/ unless bench/node_modules already matches bench/package-lock.json. */
export function ensureBenchDependencies(benchDir) {
  const stamp = join(benchDir, 'node_modules', '.bench-installed');
  const wanted = wantedStamp(benchDir);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  console.log('Installing the benchmark peers into bench/node_modules (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: benchDir, encoding: 'utf8' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n');
    throw new Error(`npm ci in bench/ failed: ${output.at(-1) ?? result.error?.message ?? 'no output'}`);
  }
  writeFileSync(stamp, wanted);
}
