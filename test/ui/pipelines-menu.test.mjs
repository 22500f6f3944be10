import { strict as assert } from 'node:assert';
import { demoWorkbenchSuite, screenshot } from './workbench.mjs';

describe('The Pipelines view in the workbench (Playwright)', function () {
  const workbench = demoWorkbenchSuite('shipshape-ui-pipelines-', { openContainer: true });
  let page;
  beforeEach(() => {
    page = workbench();
  });

  const rows = () => page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');

  it("counts the GitLab CI file's mistake (a job in an undeclared stage): checked, not 'not checked yet'", async () => {
    const row = rows().filter({ hasText: '.gitlab-ci.yml' }).first();
    await row.filter({ hasText: '1 error' }).waitFor({ timeout: 60000 });
    assert.equal(await row.filter({ hasText: 'not checked yet' }).count(), 0);
    assert.equal(await row.locator('.codicon-circle-large-outline').count(), 0, 'the neutral not-checked icon is gone');
    assert.equal(await row.locator('.codicon-error').count(), 1, 'the error icon');
    await screenshot(page, 'pipelines-gitlab-checked');
  });

  it("opens a workflow's context menu with Open, Reveal in Problems, Plan, Run and Copy Path", async () => {
    // Once checked (no "checking…"), so the picture shows the counts beside the open menu.
    for (const name of ['.github/workflows/ci.yml', '.github/workflows/release.yml'])
      await rows().filter({ hasText: name }).filter({ hasNotText: 'checking' }).first().waitFor({ timeout: 60000 });
    const row = rows().filter({ hasText: '.github/workflows/ci.yml' }).first();
    // Right of the labels (left of the inline Run button), so the menu hides as little of the list as it can.
    const box = await row.boundingBox();
    await row.click({ button: 'right', position: { x: Math.max(10, (box?.width ?? 200) - 70), y: 10 } });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor();
    const labels = (await menu.locator('.action-item:not(.disabled) .action-label, .action-item.disabled .action-label').allInnerTexts())
      .map((text) => text.trim())
      .filter(Boolean);
    for (const expected of ['Open', 'Reveal in Problems', 'Plan a Local Run…', 'Run Workflow Locally…', 'Copy Path'])
      assert.ok(labels.includes(expected), `${expected} is not in the menu: ${labels.join(', ')}`);
    // Open first, Copy Path last (navigation … 9_cutcopypaste).
    assert.equal(labels[0], 'Open');
    assert.equal(labels[labels.length - 1], 'Copy Path');
    await screenshot(page, 'pipelines-context-menu');
    await page.keyboard.press('Escape');
  });

  it("runs Plan from a job's context menu and shows the plan in Local Runs", async () => {
    const job = rows().filter({ hasText: 'package' }).first();
    await job.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    const plan = menu.locator('.action-label', { hasText: 'Plan a Local Run…' });
    await plan.hover();
    await plan.click();
    // A click during the menu's opening animation can be lost: the hovered item is also chosen by Enter.
    if (await menu.isVisible().catch(() => false)) await page.keyboard.press('Enter');
    await rows().filter({ hasText: 'plan' }).first().waitFor({ timeout: 30000 });
    await screenshot(page, 'pipelines-job-planned');
  });
});
