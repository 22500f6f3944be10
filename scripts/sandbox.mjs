// `npm run sandbox`: installs what is missing, builds Shipshape, creates the
// demo workspace and serves VS Code in the browser with Shipshape loaded.
//   --port N    serve on 127.0.0.1:N (default: a free port)
//   --vsix      install the packaged .vsix instead of loading the development folder
//   --no-open   only print the URL (default when there is no display)
// Ctrl+C stops the server and removes the demo workspace.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choosePort, CODE_SERVER_ENTRY, startCodeServer } from './lib/code-server.mjs';
import { createDemoWorkspace } from './lib/demo-workspace.mjs';
import { runMain, say, SetupError } from './lib/fail.mjs';
import { devExtensionPath } from './lib/dev-extension.mjs';
import { projectRoot } from './lib/paths.mjs';
import { ensureAll } from './lib/prereqs.mjs';
import { lastLine, onPath, run } from './lib/proc.mjs';
import { packageExtension } from './package.mjs';

function parseArgs(argv) {
  const options = { port: undefined, vsix: false, open: Boolean(process.env.DISPLAY) || process.platform === 'darwin' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SetupError(`--port needs a number from 1 to 65535, not "${argv[i] ?? ''}"`);
      options.port = port;
    } else if (arg === '--vsix') options.vsix = true;
    else if (arg === '--no-open') options.open = false;
    else throw new SetupError(`unknown option "${arg}" (use --port N, --vsix, --no-open)`);
  }
  return options;
}

async function installVsix(extensionsDir) {
  say('Packaging Shipshape…');
  const vsix = await packageExtension({ quiet: true });
  const result = await run(process.execPath, [CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--install-extension', vsix], { quiet: true });
  if (result.code !== 0) throw new SetupError(`code-server could not install ${vsix}: ${lastLine(result.output)}`);
  return vsix;
}

async function openInBrowser(url) {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  if (await onPath(opener)) spawn(opener, [url], { stdio: 'ignore', detached: true }).unref();
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.port) await choosePort(options.port); // a busy port fails now, not after the build
  await ensureAll({ host: true });

  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-sandbox-'));
  let server;
  const stop = async () => {
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    if (!options.vsix) {
      say('Building Shipshape…');
      const build = await run(process.execPath, ['esbuild.js'], { cwd: projectRoot, quiet: true });
      if (build.code !== 0) throw new SetupError(`the build failed: ${lastLine(build.output)} (run "npm run build" to see everything)`);
    }
    const extensionsDir = join(scratch, 'extensions');
    if (options.vsix) await installVsix(extensionsDir);
    const { workspace } = createDemoWorkspace(scratch);
    server = await startCodeServer({ port: options.port, extensionsDir });
    const url = server.workbenchUrl(workspace, options.vsix ? undefined : [['extensionDevelopmentPath', server.remoteUri(devExtensionPath())]]);
    say('');
    say(`Shipshape sandbox (${options.vsix ? 'packaged .vsix' : 'development folder'}) is ready:`);
    say(`  ${url}`);
    say(`Demo workspace: ${workspace}`);
    say('It has two commits on main that belong on a feature branch, a dropped stash, a deleted branch, and pipeline files with mistakes.');
    say('Press Ctrl+C to stop and clean up.');
    if (options.open) await openInBrowser(url);
  } catch (error) {
    await stop();
    throw error;
  }

  await new Promise((resolve) => {
    const finish = () => resolve();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  say('\nStopping the sandbox…');
  await stop();
  say('Stopped; the demo workspace was removed.');
  return 0;
}

await runMain('sandbox', main);
