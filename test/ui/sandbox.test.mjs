import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { choosePort } from '../../scripts/lib/code-server.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { screenshot } from './workbench.mjs';

/** Starts `npm run sandbox` (as its script) and resolves once it prints the URL. */
function startSandbox(...args) {
  const child = spawn(process.execPath, ['scripts/sandbox.mjs', '--no-open', ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const url = out.match(/^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m)?.[1];
      const workspace = out.match(/^Demo workspace: (.+)$/m)?.[1];
      if (url && workspace) {
        clearInterval(timer);
        resolve({ url, workspace });
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`sandbox exited ${code} before it was ready: ${err || out}`));
    });
  });
  return { child, ready, exited, output: () => out, errors: () => err };
}

async function portIsFree(port) {
  try {
    await choosePort(port);
    return true;
  } catch {
    return false;
  }
}

describe('npm run sandbox', function () {
  this.timeout(180000);
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  for (const mode of ['development folder', 'packaged .vsix']) {
    it(`serves VS Code with Shipshape (${mode}) and cleans up on Ctrl+C`, async () => {
      const port = await choosePort();
      const sandbox = startSandbox('--port', String(port), ...(mode === 'packaged .vsix' ? ['--vsix'] : []));
      try {
        const { url, workspace } = await sandbox.ready;
        assert.ok(url.startsWith(`http://127.0.0.1:${port}/`), url);
        assert.match(sandbox.output(), new RegExp(`Shipshape sandbox \\(${mode.replace('.', '\\.')}\\) is ready`));
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(url);
        await page.locator('.activitybar a.action-label[aria-label="Shipshape"]').click({ timeout: 60000 });
        await page.locator('.part.sidebar .monaco-list-row[role="treeitem"]', { hasText: '.github/workflows/release.yml' }).waitFor({ timeout: 30000 });
        const title = await page.locator('.part.titlebar').innerText();
        assert.equal(title.includes('[Extension Development Host]'), mode === 'development folder', title);
        await screenshot(page, `sandbox ${mode}`);
        await page.close();

        sandbox.child.kill('SIGINT');
        assert.equal(await sandbox.exited, 0);
        assert.match(sandbox.output(), /Stopped; the demo workspace was removed/);
        assert.equal(existsSync(workspace), false, 'the demo workspace is removed');
        assert.equal(await portIsFree(port), true, 'the port is free again');
      } finally {
        sandbox.child.kill('SIGKILL');
      }
    });
  }

  it('refuses a busy port with one line and exit code 2', async () => {
    const blocker = createServer();
    const port = await new Promise((resolve) => blocker.listen(0, '127.0.0.1', () => resolve(blocker.address().port)));
    try {
      const sandbox = startSandbox('--port', String(port));
      assert.equal(await sandbox.exited, 2);
      assert.equal(sandbox.errors(), `sandbox: port ${port} is busy on 127.0.0.1: pick another with --port, or omit --port to use a free one.\n`);
    } finally {
      blocker.close();
    }
  });

  it('refuses an unknown option with one line and exit code 2', async () => {
    const sandbox = startSandbox('--bogus');
    assert.equal(await sandbox.exited, 2);
    assert.equal(sandbox.errors(), 'sandbox: unknown option "--bogus" (use --port N, --vsix, --no-open)\n');
  });
});
