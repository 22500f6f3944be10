// The extension tree a benchmark measures, with its production build (dist/): this tree, or a
// commit exported with `git archive` and the project's node_modules linked. Shared by the host
// benchmarks (host-bench.mjs) and the whole-process one (process.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/lib/paths.mjs';

/**
 * node_modules for an exported commit: the project's packages linked one by one, plus the runtime
 * dependencies the commit had that the project has dropped since (e.g. simple-git before f6281ad's
 * successors removed it), installed at the commit's locked versions into a folder of their own.
 */
function linkModules(dir, extra) {
  const modules = join(dir, 'node_modules');
  const shared = join(projectRoot, 'node_modules');
  mkdirSync(modules);
  const link = (from, name) => {
    if (name.startsWith('.') || existsSync(join(modules, name))) return;
    if (name.startsWith('@')) {
      mkdirSync(join(modules, name), { recursive: true });
      for (const inner of readdirSync(join(from, name)))
        if (!existsSync(join(modules, name, inner))) symlinkSync(join(from, name, inner), join(modules, name, inner));
    } else symlinkSync(join(from, name), join(modules, name));
  };
  for (const name of readdirSync(shared)) link(shared, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const lock = existsSync(join(dir, 'package-lock.json')) ? JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) : { packages: {} };
  const missing = Object.keys(manifest.dependencies ?? {}).filter((name) => !existsSync(join(shared, name)));
  if (missing.length === 0) return;
  const specs = missing.map((name) => `${name}@${lock.packages?.[`node_modules/${name}`]?.version ?? manifest.dependencies[name]}`);
  mkdirSync(extra, { recursive: true });
  writeFileSync(join(extra, 'package.json'), '{"private":true}');
  process.stdout.write(`installing what the commit needs and the project no longer has: ${specs.join(' ')}\n`);
  const npm = spawnSync('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], {
    cwd: extra,
    stdio: 'inherit',
  });
  if (npm.status !== 0) throw new Error(`could not install ${specs.join(' ')}`);
  for (const name of readdirSync(join(extra, 'node_modules'))) link(join(extra, 'node_modules'), name);
}

/**
 * The extension to measure: this tree, or a commit (`git archive`, the project's node_modules
 * linked) in `<scratch>/<name>`; either gets a production build. Returns { dir, label }.
 */
export function extensionTree(scratch, ref, name = 'extension') {
  let dir = projectRoot;
  let label = 'working tree';
  if (ref) {
    dir = join(scratch, name);
    mkdirSync(dir);
    const archive = spawnSync('git', ['archive', '--format=tar', ref], { cwd: projectRoot, maxBuffer: 512 * 1024 * 1024 });
    if (archive.status !== 0) throw new Error(`--ref ${ref}: ${String(archive.stderr).trim()}`);
    spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    linkModules(dir, join(scratch, `${name}-extra-modules`));
    label = spawnSync('git', ['rev-parse', '--short', ref], { cwd: projectRoot, encoding: 'utf8' }).stdout.trim();
  }
  const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: dir, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  return { dir, label };
}
