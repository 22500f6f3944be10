// Starts and stops the offline VS Code (code-server 4.100.3) deterministically:
// fresh user-data and extensions dirs, our own settings, 127.0.0.1 only, and a
// process group that is killed whole so no extension host survives.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SetupError } from './fail.mjs';
import { hostInstallDir } from './paths.mjs';

export const CODE_SERVER_ENTRY = join(hostInstallDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const DETERMINISTIC_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** A free TCP port on 127.0.0.1, or the requested one if it is free (else a one-line error). */
export async function choosePort(requested) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => {
      if (requested && (error.code === 'EADDRINUSE' || error.code === 'EACCES'))
        reject(new SetupError(`port ${requested} is busy on 127.0.0.1: pick another with --port, or omit --port to use a free one.`));
      else reject(error);
    });
    probe.listen(requested ?? 0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server. Options: port, settings (merged over the deterministic
 * ones), env (reaches the extension host), extensionsDir, quiet.
 */
export async function startCodeServer(options = {}) {
  const port = await choosePort(options.port);
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-host-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DETERMINISTIC_SETTINGS, ...options.settings }, null, 2));
  const configFile = join(scratch, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');

  const args = [
    CODE_SERVER_ENTRY,
    '--config',
    configFile,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.trust ? [] : ['--disable-workspace-trust']),
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group, so stop() reaches the extension hosts too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env },
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20000);
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exitPromise = new Promise((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    userDataDir,
    extensionsDir,
    get log() {
      return log;
    },
    /** A workbench URL opening `folder` (a `.code-workspace` file opens that multi-root workspace), with an optional test payload. */
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams(folder.endsWith('.code-workspace') ? { workspace: folder } : { folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${server.url}/?${query}`;
    },
    /** vscode-remote URI for an absolute path, as payload entries need. */
    remoteUri(path) {
      return `vscode-remote://127.0.0.1:${port}${path}`;
    },
    async stop() {
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
        killGroup(child.pid, 'SIGKILL'); // stragglers that ignored SIGTERM
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };

  try {
    await waitForHealth(server.url, () => exited, 30000);
  } catch (error) {
    await server.stop();
    const reason = lastMeaningfulLine(log);
    throw new SetupError(`code-server did not start: ${error.message}${reason ? ` (${reason})` : ''}`);
  }
  return server;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(url, hasExited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('it exited');
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no answer on ${url}/healthz within ${timeoutMs / 1000} s`);
}

function lastMeaningfulLine(text) {
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => /error|EADDR|cannot/i.test(line))
      .pop()
      ?.trim()
      .slice(0, 200) ?? ''
  );
}
