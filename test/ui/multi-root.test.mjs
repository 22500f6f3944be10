import { strict as assert } from 'node:assert';
import { createMultiRootWorkspace } from '../../scripts/lib/multi-root-workspace.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { openShipshapeContainer, openWorkbench, runFromPalette, screenshot, startUiHost, webview } from './workbench.mjs';

describe('Shipshape in a multi-root workspace (Playwright)', function () {
  let host;
  let page;

  before(async function () {
    this.timeout(180000);
    host = await startUiHost('shipshape-ui-multi-');
    const { workspaceFile } = createMultiRootWorkspace(host.scratch);
    page = await openWorkbench(host.browser, host.server, workspaceFile, projectRoot);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `FAILED ${this.currentTest.title}`);
  });

  after(async () => {
    await page?.close();
    await host?.stop();
  });

  const rows = () => page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
  const row = (text) => rows().filter({ hasText: text }).first();

  it('groups Git Recovery by repository and Pipelines by folder', async () => {
    await openShipshapeContainer(page);
    // Git Recovery: the repository web and web-docs share, then api, each with its own findings.
    await row('web, web-docs').waitFor({ timeout: 30000 });
    await row('2 commits on main belong on a branch').waitFor({ timeout: 30000 });
    await row('experiment/graphql').waitFor({ timeout: 30000 });
    // Pipelines: a folder node per folder that has pipelines.
    await row('.github/workflows/build.yml').waitFor({ timeout: 30000 });
    await row('.github/workflows/ci.yml').waitFor();
    const folderRows = rows().filter({ has: page.locator('.codicon-root-folder') });
    const folders = await folderRows.locator('.label-name').allInnerTexts();
    assert.deepEqual(folders, ['web, web-docs', 'api', 'web', 'api']);
    // Top-level rows are the folders; what they hold is one level down.
    assert.equal(await row('web, web-docs').getAttribute('aria-level'), '1');
    assert.equal(await row('Detected').getAttribute('aria-level'), '2');
  });

  it("plans the second folder's workflow from the palette, which names each workflow's folder", async () => {
    await runFromPalette(page, 'Shipshape: Plan a Local Run…');
    const picks = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await picks.filter({ hasText: 'API Build' }).waitFor({ timeout: 20000 });
    assert.match(await picks.filter({ hasText: 'API Build' }).innerText(), /api · \.github\/workflows\/build\.yml/);
    assert.match(await picks.filter({ hasText: 'Web CI' }).innerText(), /web · \.github\/workflows\/ci\.yml/);
    await screenshot(page, 'multi-root-workflow-pick');
    await picks.filter({ hasText: 'API Build' }).click();
    const plan = rows().filter({ hasText: 'API Build' }).filter({ hasText: 'plan' }).first();
    await plan.waitFor({ timeout: 30000 });
    assert.equal(await plan.getAttribute('aria-level'), '2', 'the plan is under its folder');
    await row('runs first').waitFor();
    // A wider sidebar, so the picture shows whole labels.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    await page.mouse.move(sidebar.x + sidebar.width - 1, sidebar.y + 300);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + sidebar.width + 160, sidebar.y + 300, { steps: 5 });
    await page.mouse.up();
    await page.mouse.move(900, 600); // off the sash, which is highlighted while hovered
    await page.waitForTimeout(500);
    await screenshot(page, 'multi-root-views');
  });

  it('asks which repository "Undo My Git Mistake…" is about, listing the folders, and opens the wizard on it', async () => {
    await runFromPalette(page, 'Shipshape: Undo My Git Mistake…');
    const picks = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await picks.filter({ hasText: 'api' }).first().waitFor({ timeout: 20000 });
    // The two repositories, not the three folders: web-docs is part of web's.
    assert.deepEqual(await picks.locator('.label-name').allInnerTexts(), ['web, web-docs', 'api']);
    await screenshot(page, 'multi-root-repository-pick');
    await picks.filter({ hasText: /^api/ }).click();
    const view = webview(page);
    await view.getByText('Deleted branch experiment/graphql had 1 commit on no other branch').waitFor({ timeout: 30000 });
    assert.doesNotMatch(await view.locator('body').innerText(), /commits on main belong on a branch/);
  });
});
