// The launcher the host benchmarks share (bench/host-delay.mjs, bench/host-run-delay.mjs): an
// extension tree (this one, or a commit exported with its own production build), and one session
// of the offline VS Code (code-server + headless Chromium, as test/integration/launch-offline.mjs)
// whose "tests" module is a measuring suite running in the extension host's own thread.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { startCodeServer } from '../../scripts/lib/code-server.mjs';

export { extensionTree } from './extension-tree.mjs';

/**
 * One session: code-server with `env` (reaches the extension host) and `settings`, the workbench
 * opening `workspace` with `suite` as the tests module; resolves with the JSON the suite wrote to
 * $SHIPSHAPE_BENCH_RESULTS. `log` receives the host's log lines (the suite's console output).
 */
export async function measureInHost({ extensionDir, workspace, suite, scratch, env = {}, settings = {}, timeoutMs = 300_000, log }) {
  const resultsFile = join(scratch, `results-${Date.now()}.json`);
  const server = await startCodeServer({ env: { SHIPSHAPE_BENCH_RESULTS: resultsFile, ...env }, settings });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const exit = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))));
    await page.exposeFunction('codeAutomationLog', (_level, args) => log?.(String(args)));
    await page.goto(
      server.workbenchUrl(workspace, [
        ['extensionDevelopmentPath', server.remoteUri(extensionDir)],
        ['extensionTestsPath', server.remoteUri(suite)],
      ]),
    );
    let timer;
    const code = await Promise.race([exit, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code !== 0 || !existsSync(resultsFile)) throw new Error(`the host run ended with ${code} and no results`);
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}
