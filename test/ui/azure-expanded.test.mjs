import { strict as assert } from 'node:assert';
import { demoWorkbenchSuite, editorText as textOf, openFile, runFromPalette, screenshot } from './workbench.mjs';

const TITLE = 'Shipshape: Show Expanded Pipeline';

/** The palette's rows for `title`, without running one. */
async function paletteRows(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(`>${title}`);
  await page.waitForTimeout(700);
  const count = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).count();
  await page.keyboard.press('Escape');
  return count;
}

describe('Show Expanded Pipeline in the workbench (Playwright)', function () {
  const workbench = demoWorkbenchSuite('shipshape-ui-azure-');
  let page;
  beforeEach(() => {
    page = workbench();
  });

  it('is in the palette only while an Azure Pipelines file is active', async () => {
    await openFile(page, 'ci.yml');
    assert.equal(await paletteRows(page, TITLE), 0, 'offered on a GitHub workflow');
    await openFile(page, 'azure-pipelines.yml');
    // The file's Azure diagnostics arrive with its validation: then the palette knows its kind.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    assert.equal(await paletteRows(page, TITLE), 1);
  });

  it('opens the expanded pipeline beside its source, read-only', async () => {
    await runFromPalette(page, TITLE);
    const tab = page.locator('.tabs-container .tab[data-resource-name="Expanded azure-pipelines.yml"]');
    await tab.waitFor({ timeout: 20000 });
    const groups = page.locator('.editor-group-container');
    assert.equal(await groups.count(), 2, 'beside the source, in a second group');
    const expanded = groups.nth(1).locator('.monaco-editor .view-lines');
    await expanded.filter({ hasText: 'Install and test on Node 20.x' }).waitFor({ timeout: 20000 });
    const text = await textOf(expanded);
    assert.match(text, /Install and test on Node 18\.x/);
    assert.doesNotMatch(text, /each version/);
    // The source keeps its ${{ each }}; the expanded document is read-only.
    assert.match(await textOf(groups.nth(0).locator('.monaco-editor .view-lines')), /each version in parameters\.nodeVersions/);
    // Room for both editors: the sidebar closed, the source's diagnostic in view.
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(500);
    await screenshot(page, 'azure-expanded-pipeline');
    await groups.nth(1).locator('.monaco-editor .view-lines').click();
    await page.keyboard.type('typed');
    await page.locator('.monaco-editor-overlaymessage', { hasText: 'Cannot edit in read-only editor' }).waitFor({ timeout: 5000 });
    assert.doesNotMatch(await textOf(expanded), /typed/);
    await page.keyboard.press('Escape');
  });
});
