import { strict as assert } from 'node:assert';
import { demoWorkbenchSuite, editorText as textOf, openFile, runFromPalette, screenshot } from './workbench.mjs';

const TITLE = 'Shipshape: Show Merged Configuration';

describe('GitLab CI in the workbench: the Pipelines outline, Show Merged Configuration (Playwright)', function () {
  const workbench = demoWorkbenchSuite('shipshape-ui-gitlab-', { openContainer: true });
  let page;
  beforeEach(() => {
    page = workbench();
  });

  const rows = () => page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');

  it('lists the stages and jobs of the merged configuration under .gitlab-ci.yml', async () => {
    const file = rows().filter({ hasText: '.gitlab-ci.yml' }).first();
    await file.filter({ hasText: '4 stages, 5 jobs' }).waitFor({ timeout: 60000 });
    // The included file's jobs are in the deploy stage, with their needs.
    const deploy = rows()
      .filter({ hasText: /^deploy/ })
      .filter({ hasText: '2 jobs' })
      .first();
    await deploy.click();
    await rows().filter({ hasText: 'needs build, unit-tests' }).first().waitFor({ timeout: 10000 });
    await rows().filter({ hasText: 'included by .gitlab-ci.yml' }).first().waitFor();
    await screenshot(page, 'gitlab-pipelines-outline');
  });

  it('opens the merged configuration beside its source, read-only', async () => {
    await openFile(page, '.gitlab-ci.yml');
    // The file's diagnostics arrive with its validation: then the palette knows its kind.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    await runFromPalette(page, TITLE);
    await page.locator('.tabs-container .tab[data-resource-name="Merged .gitlab-ci.yml"]').waitFor({ timeout: 20000 });
    const groups = page.locator('.editor-group-container');
    assert.equal(await groups.count(), 2, 'beside the source, in a second group');
    const merged = groups.nth(1).locator('.monaco-editor .view-lines');
    await merged.filter({ hasText: 'review:' }).waitFor({ timeout: 20000 });
    const text = await textOf(merged);
    assert.match(text, /^# \.gitlab-ci\.yml merged by Shipshape \(read-only\)/);
    // The included file's job, with what it extends (written in .gitlab-ci.yml) merged in.
    assert.match(text, /\nreview:\n {2}before_script:\n {4}- npm ci\n {2}stage: deploy\n/);
    assert.match(await textOf(groups.nth(0).locator('.monaco-editor .view-lines')), /local: \.gitlab\/ci\/review-apps\.yml/);
    // Room for both editors: the sidebar closed.
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(500);
    await screenshot(page, 'gitlab-merged-configuration');
    await merged.click();
    await page.keyboard.type('typed');
    await page.locator('.monaco-editor-overlaymessage', { hasText: 'Cannot edit in read-only editor' }).waitFor({ timeout: 5000 });
    assert.doesNotMatch(await textOf(merged), /typed/);
    await page.keyboard.press('Escape');
  });
});
