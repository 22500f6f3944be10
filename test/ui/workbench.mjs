// Helpers that drive VS Code's workbench through Playwright, with the
// selectors verified on VS Code 1.100.3 (shared/docs/vscode-test-host.md).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { startCodeServer } from '../../scripts/lib/code-server.mjs';
import { devExtensionPath } from '../../scripts/lib/dev-extension.mjs';
import { projectRoot, screenshotDir } from '../../scripts/lib/paths.mjs';
import { createDemoWorkspace } from '../../scripts/lib/demo-workspace.mjs';
import { run } from '../../scripts/lib/proc.mjs';

export const WEBVIEW_FRAME = 'iframe.webview.ready[src*="extensionId=shipshape.shipshape"]';

/**
 * What a UI suite starts with: a development build of Shipshape, a scratch
 * folder, code-server and Chromium. `stop()` undoes all of it.
 */
export async function startUiHost(prefix) {
  const build = await run(process.execPath, ['esbuild.js'], { cwd: projectRoot, quiet: true });
  assert.equal(build.code, 0, `build failed: ${build.output}`);
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  const server = await startCodeServer();
  const browser = await launchChromium();
  const stop = async () => {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  return { scratch, server, browser, stop };
}

/** Opens `folder` in a fresh page with Shipshape loaded from the development folder (1400x900 unless a viewport is given). */
export async function openWorkbench(browser, server, folder, extensionPath, { viewport = { width: 1400, height: 900 } } = {}) {
  const page = await browser.newPage({ viewport });
  // A staged copy of links, not the project folder itself: see scripts/lib/dev-extension.mjs.
  await page.goto(server.workbenchUrl(folder, [['extensionDevelopmentPath', server.remoteUri(devExtensionPath(extensionPath))]]));
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60000 });
  return page;
}

export async function openShipshapeContainer(page) {
  const entry = page.locator('.activitybar a.action-label[aria-label="Shipshape"]');
  await entry.waitFor({ timeout: 30000 });
  await entry.click();
  await page.locator('.part.sidebar .pane-header', { hasText: 'Git Recovery' }).waitFor();
}

/** Runs a command from the palette by its full title; retries because the first try can beat activation. */
export async function runFromPalette(page, title) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 5000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt >= 3) throw error;
    }
  }
}

/** The wizard webview's inner document. */
export function webview(page) {
  return page.frameLocator(WEBVIEW_FRAME).frameLocator('iframe#active-frame');
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * A suite's workbench on the demo workspace, for mocha: started before its tests (the Shipshape
 * container opened when asked), a screenshot of any failed test, stopped after. Returns the page's getter.
 */
export function demoWorkbenchSuite(prefix, { openContainer = false } = {}) {
  let host;
  let page;
  before(async function () {
    this.timeout(180000);
    host = await startUiHost(prefix);
    const demo = createDemoWorkspace(host.scratch).workspace;
    page = await openWorkbench(host.browser, host.server, demo, projectRoot);
    if (openContainer) await openShipshapeContainer(page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await page?.close();
    await host?.stop();
  });
  return () => page;
}

/** Opens a workspace file by name through Quick Open and waits for its tab. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill(name);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).waitFor();
}

/** An editor's visible text (Monaco renders spaces as no-break spaces). */
export const editorText = async (lines) => (await lines.innerText()).replace(/\u00a0/g, ' ');
