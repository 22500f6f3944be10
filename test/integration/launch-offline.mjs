// Runs the integration suites INSIDE a real VS Code with no internet:
// code-server 4.100.3 + headless Chromium. Prints `integration: N passed,
// N failed`, exits non-zero on any failure, load error or timeout, and leaves
// no process behind. Usage: node test/integration/launch-offline.mjs [--timeout SECONDS] [--folder NAME]
//
// test/integration/suites/ runs in the demo workspace. Any other folder there
// with a `workspace.mjs` (exporting `createWorkspace(scratch)`, which returns a
// folder or a .code-workspace file to open) runs in a VS Code of its own on it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { startCodeServer } from '../../scripts/lib/code-server.mjs';
import { createDemoWorkspace } from '../../scripts/lib/demo-workspace.mjs';
import { runMain, SetupError } from '../../scripts/lib/fail.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { run } from '../../scripts/lib/proc.mjs';

/** Workbench start-up lines that say nothing about the tests (SHIPSHAPE_VERBOSE=1 shows them). */
const WORKBENCH_CHATTER =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional|\[Service Worker\]|ChatSessionStore|Updating additional builtin|Started local extension host|Extension host agent)/;

/** Where `npm test` wants this tier's counts; the host gets a file of its own. */
const outerSummaryFile = process.env.SHIPSHAPE_SUMMARY_FILE;

/** A hang guard per folder of suites, not a timing assertion: a loaded 2-core machine runs the demo suites in 2–4 minutes. */
const timeoutSeconds = Number(process.argv[process.argv.indexOf('--timeout') + 1]) || 480;
/** Only this folder of suites (while working on it). */
const onlyFolder = process.argv.includes('--folder') ? process.argv[process.argv.indexOf('--folder') + 1] : undefined;

/** Each folder of suites and how to make the workspace it opens. */
async function suiteFolders() {
  const root = join(projectRoot, 'test', 'integration');
  const own = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'workspace.mjs')));
  const folders = [{ name: 'suites', createWorkspace: (scratch) => createDemoWorkspace(scratch).workspace }];
  for (const entry of own)
    folders.push({ name: entry.name, createWorkspace: (await import(pathToFileURL(join(root, entry.name, 'workspace.mjs')).href)).createWorkspace });
  return onlyFolder ? folders.filter((folder) => folder.name === onlyFolder) : folders;
}

async function main() {
  const build = await run(process.execPath, ['esbuild.js', '--tests'], { cwd: projectRoot });
  if (build.code !== 0) throw new SetupError('the build failed (see above)');
  const totals = { passed: 0, failed: 0, skipped: 0, skips: [] };
  let ok = true;
  for (const folder of await suiteFolders()) {
    const result = await runFolder(folder);
    for (const key of ['passed', 'failed', 'skipped']) totals[key] += result[key];
    totals.skips.push(...result.skips);
    ok &&= result.ok;
  }
  process.stdout.write(`integration: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`);
  if (outerSummaryFile) writeFileSync(outerSummaryFile, JSON.stringify(totals));
  return ok ? 0 : 1;
}

/** One VS Code on the folder's workspace, running its suites. */
async function runFolder({ name, createWorkspace }) {
  const testsModule = join(projectRoot, 'out', 'test', 'integration', 'index.js');
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-integration-'));
  const summaryFile = join(scratch, 'summary.json');
  const workspace = createWorkspace(scratch);
  let server;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = await startCodeServer({ env: { SHIPSHAPE_SUMMARY_FILE: summaryFile, SHIPSHAPE_SUITES: name } });
    browser = await launchChromium();
    const page = await browser.newPage();
    const exitCode = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      // args are console.log's arguments: a format string and its values.
      const line = Array.isArray(args) ? format(...args) : String(args);
      if (process.env.SHIPSHAPE_VERBOSE || !WORKBENCH_CHATTER.test(line)) process.stdout.write(`${line.replace(/\n$/, '')}\n`);
    });
    await page.goto(
      server.workbenchUrl(workspace, [
        ['extensionDevelopmentPath', server.remoteUri(projectRoot)],
        ['extensionTestsPath', server.remoteUri(testsModule)],
      ]),
    );
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000);
    });
    const outcome = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);

    const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : undefined;
    if (outcome === 'timeout') {
      process.stdout.write(`integration (${name}): timed out after ${timeoutSeconds} s (a test hung or VS Code never ran the suites)\n`);
    } else if (!summary) {
      process.stdout.write(`integration (${name}): the suites did not load (no results came back; see the log above)\n`);
    }
    const passed = summary?.passed ?? 0;
    // A load error or timeout counts as a failure even when no test reported one.
    const failed = (summary?.failed ?? 0) + (outcome !== 0 && (summary?.failed ?? 0) === 0 ? 1 : 0);
    const skipped = summary?.skipped ?? 0;
    return { passed, failed, skipped, skips: summary?.skips ?? [], ok: failed === 0 && outcome === 0 };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}

await runMain('integration', main);
