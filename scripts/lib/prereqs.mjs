// Installs what the sandbox and the tests need, once: a second run with
// nothing changed installs nothing. Every failure is one SetupError line.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError, say } from './fail.mjs';
import { hostInstallDir, hostManifestDir, projectRoot } from './paths.mjs';
import { lastLine, onPath, run } from './proc.mjs';

/** Debian packages the offline host needs (see shared/docs/vscode-test-host.md). */
export const HOST_APT_PACKAGES = ['build-essential', 'python3', 'libkrb5-dev', 'ripgrep', 'chromium', 'git'];
export const REQUIRED_NODE_MAJOR = 20;

export function checkNodeVersion(version = process.versions.node) {
  const major = Number(version.split('.')[0]);
  if (major !== REQUIRED_NODE_MAJOR) {
    throw new SetupError(
      `Node.js ${REQUIRED_NODE_MAJOR} is required (this is ${version}): the offline VS Code host, code-server 4.100.3, runs only on Node ${REQUIRED_NODE_MAJOR}. Switch with "nvm install ${REQUIRED_NODE_MAJOR}" or your package manager, then run again.`,
    );
  }
}

async function missingDebianPackages(packages) {
  const missing = [];
  for (const name of packages) {
    const { code, output } = await run('dpkg-query', ['-W', '-f=${Status}', name], { quiet: true });
    if (code !== 0 || !output.includes('install ok installed')) missing.push(name);
  }
  return missing;
}

/** Installs missing Debian packages as root; otherwise names the exact apt-get line. */
export async function ensureDebianPackages(packages = HOST_APT_PACKAGES, { isRoot = process.getuid?.() === 0 } = {}) {
  if (!(await onPath('dpkg-query'))) {
    const tools = ['git', 'chromium', 'rg'];
    const absent = [];
    for (const tool of tools) if (!(await onPath(tool))) absent.push(tool);
    if (absent.length)
      throw new SetupError(
        `not a Debian system and ${absent.join(', ')} not on PATH: install ${packages.join(' ')} (or your system's equivalents) and run again.`,
      );
    return;
  }
  const missing = await missingDebianPackages(packages);
  if (missing.length === 0) return;
  const line = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot) throw new SetupError(`missing Debian packages; run as root: apt-get update && ${line}`);
  say(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await run('apt-get', ['update'], { quiet: true, env });
  if (update.code !== 0) throw new SetupError(`apt-get update failed (${lastLine(update.output)}); fix the package sources, then: ${line}`);
  const install = await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { quiet: true, env });
  if (install.code !== 0) throw new SetupError(`could not install ${missing.join(' ')}: ${lastLine(install.output)}`);
}

function hashFiles(paths, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const path of paths) hash.update(existsSync(path) ? readFileSync(path) : 'absent');
  return hash.digest('hex');
}

function stampMatches(stampPath, value) {
  return existsSync(stampPath) && readFileSync(stampPath, 'utf8') === value;
}

/** `npm ci` for the project unless node_modules already matches package-lock.json. */
export async function ensureProjectDependencies() {
  const stamp = join(projectRoot, 'node_modules', '.shipshape-installed');
  const wanted = hashFiles([join(projectRoot, 'package-lock.json')], process.versions.node.split('.')[0]);
  if (stampMatches(stamp, wanted)) return;
  say('Installing npm dependencies (npm ci)…');
  const result = await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: projectRoot, quiet: true });
  if (result.code !== 0) throw new SetupError(`npm ci failed: ${lastLine(result.output)}`);
  writeFileSync(stamp, wanted);
}

/**
 * code-server's dependency @vscode/ripgrep downloads rg from the internet in
 * its postinstall unless it finds this cache tarball; Debian's rg fills it.
 */
function prepareRipgrepCache(tmpDir) {
  const target = process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = join(tmpDir, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(cacheDir, { recursive: true });
  return { cacheDir, tarball: join(cacheDir, `ripgrep-v13.0.0-10-${target}.tar.gz`) };
}

/** Installs code-server 4.100.3 and playwright-core into .shipshape-host unless already there. */
export async function ensureHost() {
  const lock = join(hostManifestDir, 'package-lock.json');
  const stamp = join(hostInstallDir, '.installed');
  const wanted = hashFiles([join(hostManifestDir, 'package.json'), lock], process.versions.node);
  if (stampMatches(stamp, wanted) && existsSync(join(hostInstallDir, 'node_modules', 'code-server'))) return;

  say('Installing the offline VS Code host (code-server 4.100.3, about a minute once)…');
  rmSync(hostInstallDir, { recursive: true, force: true });
  const tmpDir = join(hostInstallDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  copyFileSync(join(hostManifestDir, 'package.json'), join(hostInstallDir, 'package.json'));
  if (existsSync(lock)) copyFileSync(lock, join(hostInstallDir, 'package-lock.json'));

  const { cacheDir, tarball } = prepareRipgrepCache(tmpDir);
  const rgDir = join(cacheDir, 'rg-src');
  mkdirSync(rgDir, { recursive: true });
  const rg = await run('sh', ['-c', 'cp "$(command -v rg)" "$0/rg" && tar -czf "$1" -C "$0" rg', rgDir, tarball], { quiet: true });
  if (rg.code !== 0) throw new SetupError(`could not prepare ripgrep for code-server (is ripgrep installed?): ${lastLine(rg.output)}`);

  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root without it
    npm_config_yes: 'true', // node-pty runs npx node-gyp, which would wait for a TTY
    npm_config_dangerously_allow_all_scripts: 'true', // code-server's nested installs need their scripts
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const args = existsSync(lock) ? ['ci'] : ['install'];
  const result = await run('npm', args, { cwd: hostInstallDir, env, quiet: true });
  if (result.code !== 0) throw new SetupError(`installing code-server failed: ${lastLine(result.output)} (full log: rerun with SHIPSHAPE_DEBUG=1)`);
  if (!existsSync(lock)) copyFileSync(join(hostInstallDir, 'package-lock.json'), lock);
  writeFileSync(stamp, wanted);
}

/** Everything the sandbox and the VS Code test tiers need. */
export async function ensureAll({ host = true } = {}) {
  checkNodeVersion();
  if (host) await ensureDebianPackages();
  await ensureProjectDependencies();
  if (host) await ensureHost();
}
