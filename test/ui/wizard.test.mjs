/* global document, getComputedStyle -- the evaluate callbacks run in the page */
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
import { openShipshapeContainer, openWorkbench, runFromPalette, screenshot, webview, WEBVIEW_FRAME } from './workbench.mjs';

/** A colour as the page computes it, to compare a theme variable with what an element shows. */
const resolved = (view, variable) =>
  view.locator('body').evaluate((body, name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, variable);

// The wizard as a person meets it in a light theme, in a narrow editor: focus
// rings in the theme's colour, neutral commit ids, one live region, copy
// feedback, the deep scan and the step after a fix.
describe('the Undo My Git Mistake wizard, light theme, narrow editor (Playwright)', function () {
  this.timeout(180000);
  let server;
  let browser;
  let scratch;
  let demo;
  let page;

  before(async () => {
    const build = await run(process.execPath, ['esbuild.js'], { cwd: projectRoot, quiet: true });
    assert.equal(build.code, 0, `build failed: ${build.output}`);
    scratch = mkdtempSync(join(tmpdir(), 'shipshape-wizard-'));
    demo = createDemoWorkspace(scratch).workspace;
    server = await startCodeServer({ settings: { 'workbench.colorTheme': 'Default Light Modern' } });
    browser = await launchChromium();
    // Activity bar and side bar take ~350 px: the editor is ~470 px wide.
    page = await openWorkbench(browser, server, demo, projectRoot, { viewport: { width: 720, height: 900 } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `FAILED wizard ${this.currentTest.title}`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('opens in a narrow editor, announces only what changed, and names each commit once, in neutral text', async () => {
    await openShipshapeContainer(page);
    await runFromPalette(page, 'Shipshape: Undo My Git Mistake…');
    const view = webview(page);
    await view.getByText('2 commits on main belong on a branch').waitFor({ timeout: 30000 });
    const width = (await page.locator(WEBVIEW_FRAME).boundingBox())?.width ?? 0;
    assert.ok(width > 380 && width < 560, `the editor is ${width} px wide`);

    // The page is not one big live region; a small hidden one says what changed.
    assert.equal(await view.locator('#app').getAttribute('aria-live'), null);
    const live = view.locator('[aria-live="polite"]');
    assert.equal(await live.count(), 1);
    await view.locator('[aria-live="polite"]', { hasText: '2 possible mistakes found, most likely first.' }).waitFor({ state: 'attached' });
    assert.ok((await live.boundingBox())?.width <= 1, 'the live region is visually hidden');
    assert.equal(await view.locator('h1').innerText(), 'Undo My Git Mistake', 'the heading says what the tab says');

    // Keyboard: from the focused fix back to the first card's Evidence; its ring is the theme's focus border.
    assert.match(await view.locator('button:focus').innerText(), /Review: Move 2 commits to a new branch add-search-endpoint/);
    await page.keyboard.press('Shift+Tab');
    const summary = view.locator('summary:focus');
    await summary.waitFor();
    const ring = await summary.evaluate((element) => ({ color: getComputedStyle(element).outlineColor, style: getComputedStyle(element).outlineStyle }));
    assert.equal(ring.style, 'solid');
    assert.equal(ring.color, await resolved(view, '--vscode-focusBorder'));
    await page.keyboard.press('Enter');

    const evidence = await view.locator('.card').first().locator('details li').allInnerTexts();
    const commitLines = evidence.filter((line) => /Add search/.test(line));
    assert.equal(commitLines.length, 2, evidence.join('\n'));
    for (const line of commitLines) assert.equal(line.match(/\b[0-9a-f]{7}\b/g)?.length, 1, `"${line}" names its commit once`);
    // Commit ids are links in the body's colour family, not red error text.
    const code = view.locator('.card details a.commit code').first();
    assert.equal(await code.evaluate((element) => getComputedStyle(element).color), await resolved(view, '--vscode-textLink-foreground'));
    assert.notEqual(await resolved(view, '--vscode-textLink-foreground'), await resolved(view, '--vscode-errorForeground'));
    await screenshot(page, 'wizard-light-overview');
  });

  it('looks deeper from the first page and says what the deep scan found', async () => {
    const view = webview(page);
    await view.getByRole('button', { name: 'Look Deeper (Deep Scan)' }).click();
    await view.getByText('Dropped stash "WIP: pagination"').first().waitFor({ timeout: 60000 });
    await view.locator('#app').getByText('Deep scan found 1 more thing to recover: Dropped stash "WIP: pagination".').waitFor();
    assert.equal(await view.getByRole('button', { name: 'Look Deeper (Deep Scan)' }).count(), 0, 'offered until it ran');
    assert.match(
      await view.locator('.card', { hasText: 'Dropped stash' }).innerText(),
      /Git keeps unreachable work like this for 2 weeks|older than the 2 weeks/,
    );
    await screenshot(page, 'wizard-light-deep-scan');
  });

  it('copies the commands with visible feedback, then applies the fix and offers the next step', async () => {
    const view = webview(page);
    await view.getByRole('button', { name: 'Review: Move 2 commits to a new branch add-search-endpoint' }).click();
    await view.getByText('The exact commands').waitFor();
    const picture = view.locator('table.picture');
    assert.match(await picture.innerText(), /does not exist/);
    // Words stay words: only commit ids are code.
    assert.equal(await picture.locator('code', { hasText: 'does not exist' }).count(), 0);

    await view.getByRole('button', { name: 'Copy Commands' }).click();
    await view.getByRole('button', { name: 'Copied' }).waitFor({ timeout: 5000 });
    await page.locator('.statusbar-item', { hasText: 'Copied 2 git commands' }).waitFor({ timeout: 5000 });
    await view.locator('[aria-live="polite"]', { hasText: 'Copied 2 commands to the clipboard.' }).waitFor({ state: 'attached' });
    await screenshot(page, 'wizard-light-copied');
    await view.getByRole('button', { name: 'Copy Commands' }).waitFor({ timeout: 5000 });

    await view.getByRole('button', { name: 'Apply Fix' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10000 });
    assert.match(await dialog.innerText(), /Undo This Fix puts everything back/);
    await dialog.getByRole('button', { name: 'Apply Fix' }).click();
    await view.locator('#app').getByText('Done: Move 2 commits to a new branch add-search-endpoint.').waitFor({ timeout: 30000 });
    // git's file events refresh the view during the fix: that must not read our own fix as an interrupted one.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('.notifications-toasts', { hasText: 'was interrupted' }).count(), 0, 'a fix in progress is not "interrupted"');
    const next = view.getByRole('button', { name: 'Switch to add-search-endpoint' });
    await next.waitFor();
    assert.equal(await view.locator('button:focus').innerText(), 'Switch to add-search-endpoint');
    await screenshot(page, 'wizard-light-applied');
    await next.click();
    await view.locator('#app').getByText('Switched to add-search-endpoint.').waitFor({ timeout: 20000 });
    assert.equal(execFileSync('git', ['branch', '--show-current'], { cwd: demo, encoding: 'utf8' }).trim(), 'add-search-endpoint');
    await screenshot(page, 'wizard-light-switched');
  });

  it('offers the view’s actions on right-click, and shows commits in a read-only document', async () => {
    const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
    const deleted = rows.filter({ hasText: 'Deleted branch experiment/cache' });
    await deleted.waitFor({ timeout: 20000 });
    const menu = page.locator('.context-view .monaco-menu');
    const tab = page.locator('.tabs-container .tab', { hasText: '.diff' }).first();
    // The switch just made refreshes the view (git's file events); a refresh that re-renders the row closes
    // an open context menu, as it would under a person's pointer: then they open it again.
    for (let attempt = 1; ; attempt++) {
      await deleted.click({ button: 'right' });
      await menu.waitFor();
      for (const label of ['Review Fix', 'Show Commits', 'Cherry-pick onto Current Branch']) await menu.getByRole('menuitem', { name: label }).waitFor();
      if (attempt === 1) await screenshot(page, 'recovery-context-menu');
      await menu.getByRole('menuitem', { name: 'Show Commits' }).click();
      const shown = await tab.waitFor({ timeout: attempt < 3 ? 8000 : 20000 }).then(
        () => true,
        (error) => (attempt < 3 ? false : Promise.reject(error)),
      );
      if (shown) break;
      await page.keyboard.press('Escape');
    }
    assert.ok(!((await tab.getAttribute('class')) ?? '').includes('dirty'), 'the commits document is not an unsaved buffer');
    await page.locator('.editor-instance .view-lines', { hasText: 'Try an in-memory cache' }).first().waitFor({ timeout: 20000 });
    await screenshot(page, 'recovery-commits-document');
  });
});
