import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { startCodeServer } from '../../scripts/lib/code-server.mjs';
import { createDemoWorkspace } from '../../scripts/lib/demo-workspace.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { strict as assert } from 'node:assert';
import { armRepository } from '../support/armed-repository.mjs';
import { openShipshapeContainer, openWorkbench, runFromPalette, screenshot, webview } from './workbench.mjs';

// Workspace Trust on and never granted: Shipshape loads (limited support),
// validates and reads Git, but Local Runs says nothing will run. The demo
// repository is armed: its config names a program for every way git can be
// made to run one (fsmonitor, filters, diff drivers, hooks, gpg, pagers,
// transports), and none of them may run while the views read it.
describe('Shipshape in Restricted Mode (untrusted workspace)', function () {
  this.timeout(180000);
  let server;
  let browser;
  let scratch;
  let page;
  let armed;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'shipshape-restricted-'));
    const { workspace } = createDemoWorkspace(scratch);
    armed = armRepository(workspace, join(scratch, 'armed'));
    server = await startCodeServer({ trust: true, settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } });
    browser = await launchChromium();
    page = await openWorkbench(browser, server, workspace, projectRoot);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `FAILED ${this.currentTest.title}`);
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
    for (const button of ['Plan a Local Run…', 'Manage Workspace Trust'])
      await sidebar.locator('.welcome-view-content .monaco-button', { hasText: button }).waitFor();
    await sidebar.locator('.monaco-list-row[role="treeitem"]', { hasText: '.github/workflows/ci.yml' }).waitFor({ timeout: 30000 });
    await screenshot(page, 'restricted-mode');
  });

  it('diagnoses git mistakes but applies no fix until the workspace is trusted', async () => {
    await runFromPalette(page, 'Shipshape: Undo My Git Mistake…');
    const view = webview(page);
    await view.getByText('2 commits on main belong on a branch').waitFor({ timeout: 30000 });
    await view.getByRole('button', { name: 'Review: Move 2 commits to a new branch add-search-endpoint' }).click();
    await view.getByRole('button', { name: 'Apply Fix' }).click();
    const alert = view.getByRole('alert');
    await alert.waitFor({ timeout: 15000 });
    assert.match(
      await alert.innerText(),
      /need a trusted workspace\. Trust the workspace \(Manage Workspace Trust\), then apply the fix again\. Nothing was changed\./,
    );
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation is asked for a fix that cannot run');
    await screenshot(page, 'restricted-mode-fix-refused');
  });

  it('runs no program the repository configures while every view reads it', async () => {
    await runFromPalette(page, 'Shipshape: Deep Scan for Lost Work');
    const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
    await rows.filter({ hasText: 'Dropped Stashes' }).waitFor({ timeout: 30000 });
    await runFromPalette(page, 'Shipshape: Refresh Git Recovery');
    await rows.filter({ hasText: 'Recent Actions' }).first().waitFor();
    await runFromPalette(page, 'Shipshape: Find Pipeline Files');
    await rows.filter({ hasText: '.github/workflows/ci.yml' }).first().waitFor();
    await screenshot(page, 'restricted-mode-armed-repository');
    assert.deepEqual(armed.fired(), [], `programs from the repository's config ran in Restricted Mode: ${armed.fired().join(', ')}`);
  });
});
