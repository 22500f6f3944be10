import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { startCodeServer } from '../../scripts/lib/code-server.mjs';
import { createDemoWorkspace } from '../../scripts/lib/demo-workspace.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { run } from '../../scripts/lib/proc.mjs';
import { openShipshapeContainer, openWorkbench, runFromPalette, screenshot, webview } from './workbench.mjs';

describe('Shipshape in the workbench (Playwright)', function () {
  let server;
  let browser;
  let scratch;
  let demo;

  before(async function () {
    this.timeout(180000);
    const build = await run(process.execPath, ['esbuild.js'], { cwd: projectRoot, quiet: true });
    assert.equal(build.code, 0, `build failed: ${build.output}`);
    scratch = mkdtempSync(join(tmpdir(), 'shipshape-ui-'));
    demo = createDemoWorkspace(scratch).workspace;
    server = await startCodeServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  describe('in a folder with no repository and no pipelines', () => {
    let page;
    before(async () => {
      const empty = join(scratch, 'empty folder');
      await import('node:fs').then((fs) => fs.mkdirSync(empty));
      page = await openWorkbench(browser, server, empty, projectRoot);
    });
    afterEach(async function () {
      if (this.currentTest?.state === 'failed') await screenshot(page, `FAILED ${this.currentTest.title}`);
    });
    after(() => page?.close());

    it('shows the Shipshape container with three views and their welcome content', async () => {
      await openShipshapeContainer(page);
      const sidebar = page.locator('.part.sidebar');
      for (const title of ['Git Recovery', 'Pipelines', 'Local Runs']) await sidebar.locator('.pane-header', { hasText: title }).waitFor();
      await sidebar.locator('.welcome-view-content', { hasText: 'Made a Git mistake?' }).waitFor();
      await sidebar.locator('.welcome-view-content', { hasText: 'Pipelines lists the GitHub Actions' }).waitFor();
      await sidebar.locator('.welcome-view-content', { hasText: 'Local Runs plans what a pipeline would do' }).waitFor();
      for (const button of ['Undo My Git Mistake…', 'Find Pipeline Files', 'Plan a Local Run…']) {
        assert.equal(await sidebar.locator('.welcome-view-content .monaco-button', { hasText: button }).count(), 1, button);
      }
      await screenshot(page, 'welcome-views');
    });

    it('explains, from the welcome button, that the folder is not a repository', async () => {
      await page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Undo My Git Mistake…' }).click();
      const alert = webview(page).getByRole('alert');
      await alert.waitFor({ timeout: 20000 });
      assert.match(await alert.innerText(), /not inside a Git repository\. Open a folder that is a Git repository/);
      await screenshot(page, 'wizard-not-a-repository');
    });
  });

  describe('in the demo workspace', () => {
    let page;
    before(async () => {
      page = await openWorkbench(browser, server, demo, projectRoot);
    });
    afterEach(async function () {
      if (this.currentTest?.state === 'failed') await screenshot(page, `FAILED ${this.currentTest.title}`);
    });
    after(() => page?.close());

    it('lists the pipeline files with their jobs', async () => {
      await openShipshapeContainer(page);
      const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
      await rows.filter({ hasText: '.github/workflows/ci.yml' }).waitFor({ timeout: 30000 });
      for (const name of ['.github/workflows/release.yml', '.gitlab-ci.yml', 'azure-pipelines.yml']) await rows.filter({ hasText: name }).first().waitFor();
      await rows.filter({ hasText: 'needs lint, test' }).waitFor();
      await screenshot(page, 'pipelines-view');
    });

    it('runs "Undo My Git Mistake…" from the palette: detects the mistake, applies the fix, undoes it', async () => {
      await runFromPalette(page, 'Shipshape: Undo My Git Mistake…');
      const view = webview(page);
      await view.getByText('2 commits on main belong on a branch').waitFor({ timeout: 30000 });
      const body = await view.locator('body').innerText();
      assert.match(body, /on branch main, 2 ahead and 0 behind origin\/main/);
      assert.match(body, /"Add search endpoint" and "Add search tests"/);
      assert.match(body, /Deleted branch experiment\/cache/);
      // Keyboard first: the most likely fix has focus.
      assert.equal(await view.locator('button:focus').innerText(), 'Review: Move 2 commits to a new branch add-search-endpoint');
      await screenshot(page, 'recovery-wizard');

      // The Git Recovery view shows the same diagnosis.
      const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
      await rows.filter({ hasText: 'Detected' }).waitFor({ timeout: 20000 });
      await rows.filter({ hasText: '2 commits on main belong on a branch' }).waitFor();

      await page.keyboard.press('Enter');
      await view.getByText('The exact commands').waitFor();
      assert.match(await view.locator('pre.commands').innerText(), /^git branch add-search-endpoint [0-9a-f]{40}\ngit reset --keep [0-9a-f]{40}$/);
      const picture = await view.locator('table.picture').innerText();
      assert.match(picture, /add-search-endpoint\s+does not exist\s+[0-9a-f]{7}/);
      assert.match(picture, /main\s+[0-9a-f]{7}\s+[0-9a-f]{7}/);
      await screenshot(page, 'recovery-fix');

      await view.getByRole('button', { name: 'Apply Fix' }).click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10000 });
      await dialog.getByRole('button', { name: 'Apply Fix' }).click();
      await view.locator('#app').getByText('Done: Move 2 commits to a new branch add-search-endpoint.').waitFor({ timeout: 30000 });
      await rows.filter({ hasText: 'Safety Snapshots' }).waitFor({ timeout: 20000 });
      await screenshot(page, 'recovery-applied');

      await view.getByRole('button', { name: 'Undo This Fix' }).click();
      await view.locator('#app').getByText('Undone: Move 2 commits to a new branch add-search-endpoint.').waitFor({ timeout: 30000 });
      // Exactly as before: nothing staged, nothing modified, main 2 ahead again (git itself, not the UI's cache).
      assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: demo, encoding: 'utf8' }), '');
      assert.equal(execFileSync('git', ['rev-list', '--count', 'origin/main..main'], { cwd: demo, encoding: 'utf8' }).trim(), '2');
      await view.getByRole('button', { name: 'Back to Overview' }).click();
      await view.getByText('2 commits on main belong on a branch').waitFor({ timeout: 30000 });
      await view.getByRole('button', { name: 'Undo a commit' }).waitFor();
    });

    it('deep-scans for lost work and shows everything recoverable, grouped', async () => {
      await runFromPalette(page, 'Shipshape: Deep Scan for Lost Work');
      const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
      await rows.filter({ hasText: 'Dropped Stashes' }).waitFor({ timeout: 30000 });
      await rows.filter({ hasText: 'WIP: pagination' }).first().waitFor();
      for (const group of ['Detected', 'Deleted Branches', 'Recent Actions', 'Safety Snapshots']) await rows.filter({ hasText: group }).first().waitFor();
      await screenshot(page, 'recovery-view');
    });

    it('shows a workflow mistake inline, in Problems, and offers its quick fix', async () => {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget .quick-input-box input').fill('release.yml');
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'release.yml' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab[data-resource-name="release.yml"]').waitFor();
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: 20000 });
      // Put the cursor on the misspelled key (line 9, column 6) and open the quick fixes.
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget .quick-input-box input').fill(':9:6');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+Period');
      const fix = page.locator('.action-widget', { hasText: 'Rename to "runs-on"' });
      await fix.waitFor({ timeout: 15000 });
      assert.ok(await page.locator('.action-widget', { hasText: 'Suppress "syntax-check" on this line' }).count());
      await screenshot(page, 'quick-fix');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'Unknown key "runs_on" in job "build". Did you mean "runs-on"?' }).first().waitFor({ timeout: 15000 });
      assert.ok(await rows.filter({ hasText: 'untrusted input' }).count());
      await screenshot(page, 'problems-panel');
    });

    it('counts errors per file in the Pipelines view', async () => {
      const row = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]', { hasText: '.github/workflows/release.yml' });
      await row.filter({ hasText: /\d+ errors?/ }).waitFor({ timeout: 20000 });
      assert.equal(
        await page
          .locator('.part.sidebar .monaco-list-row[role="treeitem"]', { hasText: '.github/workflows/ci.yml' })
          .filter({ hasText: /errors?/ })
          .count(),
        0,
      );
      await screenshot(page, 'pipelines-view-counts');
    });

    it('plans a local run from the palette and shows it in Local Runs', async () => {
      await runFromPalette(page, 'Shipshape: Plan a Local Run…');
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'CI' }).first().waitFor();
      await page.keyboard.press('Enter');
      const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
      await rows.filter({ hasText: 'runs after lint, test' }).waitFor({ timeout: 20000 });
      assert.ok((await rows.filter({ hasText: 'runs first' }).count()) >= 2, 'lint and the test legs start first');
      await screenshot(page, 'local-runs-plan');
    });

    it('runs a job from its CodeLens and shows the run live in Local Runs', async function () {
      this.timeout(90000);
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget .quick-input-box input').fill('ci.yml');
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'ci.yml' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab[data-resource-name="ci.yml"]').waitFor();
      const lens = page.locator('.codelens-decoration a', { hasText: 'Run Job Locally' }).first();
      await lens.waitFor({ timeout: 20000 });
      await page.locator('.codelens-decoration a', { hasText: 'Run Workflow Locally' }).first().waitFor();
      await screenshot(page, 'local-runs-codelens');
      await lens.click();
      const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
      await rows.filter({ hasText: /^CI/ }).filter({ hasText: 'success' }).first().waitFor({ timeout: 60000 });
      await rows.filter({ hasText: 'Run npm ci && npm run lint --if-present' }).first().waitFor();
      assert.ok(await rows.filter({ hasText: 'not selected' }).count(), 'the other jobs say why they did not run');
      await screenshot(page, 'local-runs-run');
    });

    it('runs the whole workflow and follows it in the run panel: graph, steps, log', async function () {
      this.timeout(120000);
      // The last run's panel opened beside the workflow without taking its place.
      await page.locator('.tabs-container .tab[data-resource-name="ci.yml"]').click();
      await page.keyboard.press('Control+J'); // hide the bottom panel: the run panel gets the height
      await page.locator('.codelens-decoration a', { hasText: 'Run Workflow Locally' }).first().click();
      const panel = webview(page);
      // The panel opens when the run starts; the graph fills in as jobs finish.
      const packageNode = panel.locator('button.node', { hasText: 'package' });
      await packageNode.waitFor({ timeout: 30000 });
      await panel.locator('button.node.status-success', { hasText: 'package' }).waitFor({ timeout: 90000 });
      assert.equal(await panel.locator('button.node').count(), 5, 'lint, three test legs, package');
      // Every job passed, but at least two of the node 18/20/22 legs ran on this machine's one Node: a warning, not green.
      assert.match(await panel.locator('.run-header').innerText(), /warning/);
      assert.ok((await panel.locator('button.node.status-warning').count()) >= 2, 'the legs that ran on another Node say so');
      // Keyboard: focus the package job and open it with Enter, then its npm pack step.
      await packageNode.focus();
      await page.keyboard.press('Enter');
      const packStep = panel.locator('button.step', { hasText: 'Run npm pack' });
      await packStep.waitFor();
      await packStep.click();
      await panel.locator('.log .text', { hasText: 'acme-web-1.4.0.tgz' }).first().waitFor({ timeout: 20000 });
      await runFromPalette(page, 'Notifications: Clear All Notifications');
      await screenshot(page, 'local-runs-panel');
    });
  });
});
