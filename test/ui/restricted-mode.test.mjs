import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { startCodeServer } from '../../scripts/lib/code-server.mjs';
import { createDemoWorkspace } from '../../scripts/lib/demo-workspace.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { openShipshapeContainer, openWorkbench, screenshot } from './workbench.mjs';

// Workspace Trust on and never granted: Shipshape loads (limited support),
// validates and reads Git, but Local Runs says nothing will run.
describe('Shipshape in Restricted Mode (untrusted workspace)', function () {
  this.timeout(180000);
  let server;
  let browser;
  let scratch;
  let page;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'shipshape-restricted-'));
    const { workspace } = createDemoWorkspace(scratch);
    server = await startCodeServer({ trust: true, settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } });
    browser = await launchChromium();
    page = await openWorkbench(browser, server, workspace, projectRoot);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('says in Local Runs that nothing from the repository will run, and still lists pipelines', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30000 });
    await openShipshapeContainer(page);
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.welcome-view-content', { hasText: 'This workspace is in Restricted Mode, so nothing from the repository will run.' }).waitFor();
    for (const button of ['Plan a Local Run…', 'Manage Workspace Trust']) await sidebar.locator('.welcome-view-content .monaco-button', { hasText: button }).waitFor();
    await sidebar.locator('.monaco-list-row[role="treeitem"]', { hasText: '.github/workflows/ci.yml' }).waitFor({ timeout: 30000 });
    await screenshot(page, 'restricted-mode');
  });
});
