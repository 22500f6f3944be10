// The run panel at a narrow (~470 px) and a wide width, in a light and a dark theme: honest states
// (a matrix leg on another Node is a warning, a refused run lists its problems), nothing cut off or
// squeezed, a visible selection and the theme's focus ring.
/* global document, getComputedStyle -- measured inside the panel page, by evaluate() */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { startCodeServer } from '../../scripts/lib/code-server.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { run } from '../../scripts/lib/proc.mjs';
import { openShipshapeContainer, openWorkbench, screenshot, WEBVIEW_FRAME } from './workbench.mjs';

const HOST_MAJOR = process.versions.node.split('.')[0];
const LONG_STEP = 'Install the dependencies from the lock file and build every package of the workspace in release mode';

const ciWorkflow = `name: CI
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: ${LONG_STEP}
        run: for i in $(seq 1 80); do echo "building part $i"; done
      - name: Publish the documentation site
        if: github.ref == 'refs/heads/release'
        run: echo never
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [4, ${HOST_MAJOR}]
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
      - run: node --version
  package:
    needs: [build, test]
    runs-on: ubuntu-latest
    steps:
      - run: echo pack
`;

// Two mistakes, one of which the planner would also report (an unknown need): each must be listed once.
const brokenWorkflow = `name: Broken
on: push
jobs:
  build:
    runs_on: ubuntu-latest
    steps:
      - run: echo hi
  publish:
    needs: buld
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

function repository(folder) {
  const files = { '.github/workflows/ci.yml': ciWorkflow, '.github/workflows/broken.yml': brokenWorkflow, 'README.md': '# runs\n' };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=Shipshape Test', '-c', 'user.email=test@shipshape.invalid', ...args], { cwd: folder, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Workflows');
}

/** The run panel showing now (a hidden panel's frame is not kept). */
const panelFrame = (page) => page.locator(WEBVIEW_FRAME).last();
const panel = (page) => page.frameLocator(`${WEBVIEW_FRAME} >> nth=-1`).frameLocator('iframe#active-frame');

/** Everything the layout must hold, measured in the panel's page. */
async function measure(page) {
  return panel(page)
    .locator('body')
    .evaluate(() => {
      const cut = [];
      for (const element of document.querySelectorAll('body *')) {
        if (element.closest('.visually-hidden') || element.getClientRects().length === 0) continue;
        const style = getComputedStyle(element);
        const scrolls = ['auto', 'scroll'].includes(style.overflowX);
        const ellipsized = style.overflowX === 'hidden' && style.textOverflow === 'ellipsis' && element.closest('[title]');
        if (element.scrollWidth > element.clientWidth + 1 && !scrolls && !ellipsized && element.clientWidth > 0)
          cut.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${element.scrollWidth}>${element.clientWidth}`);
      }
      const stepNames = [...document.querySelectorAll('.step-name')].map((name) => {
        const range = document.createRange();
        range.selectNodeContents(name);
        return {
          text: name.textContent,
          width: name.getBoundingClientRect().width,
          lines: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size,
        };
      });
      const color = (value) => {
        const probe = document.createElement('span');
        probe.style.color = value;
        document.body.append(probe);
        const computed = getComputedStyle(probe).color;
        probe.remove();
        return computed;
      };
      const selected = document.querySelector('.node.selected');
      const selectedStep = document.querySelector('.step.selected');
      const log = document.querySelector('.log');
      const logStyle = log && getComputedStyle(log);
      return {
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        width: document.documentElement.clientWidth,
        cut,
        stepNames,
        body: getComputedStyle(document.body).backgroundColor,
        selectedJob: selected && getComputedStyle(selected).backgroundColor,
        selectedStep: selectedStep && getComputedStyle(selectedStep).backgroundColor,
        focusBorder: color(getComputedStyle(document.documentElement).getPropertyValue('--vscode-focusBorder').trim()),
        focused: document.activeElement && document.activeElement !== document.body ? getComputedStyle(document.activeElement).outlineColor : undefined,
        focusedStyle: document.activeElement && getComputedStyle(document.activeElement).outlineStyle,
        // The log box holds whole lines: its content height is a multiple of the line height.
        lineHeight: log ? parseFloat(logStyle.lineHeight) : 0,
        logRemainder:
          log && !log.hidden ? (log.clientHeight - parseFloat(logStyle.paddingTop) - parseFloat(logStyle.paddingBottom)) % parseFloat(logStyle.lineHeight) : 0,
        // A line cut by the box's top edge (the log is scrolled to its end): more than a pixel on each side of it.
        cutLine: log
          ? [...log.querySelectorAll('.line')].some(
              (line) =>
                line.getBoundingClientRect().top < log.getBoundingClientRect().top - 1 &&
                line.getBoundingClientRect().bottom > log.getBoundingClientRect().top + 1,
            )
          : false,
        liveMain: document.getElementById('app')?.getAttribute('aria-live') ?? null,
        announced: document.querySelector('.visually-hidden[role="status"]')?.textContent ?? '',
      };
    });
}

function assertLayout(facts, where) {
  assert.ok(facts.pageOverflow <= 1, `${where}: the page scrolls sideways by ${facts.pageOverflow}px`);
  assert.deepEqual(facts.cut, [], `${where}: content cut off without a way to scroll`);
  for (const name of facts.stepNames) {
    assert.ok(name.width >= Math.min(name.text.length, 12) * 5, `${where}: step "${name.text}" is squeezed to ${name.width}px`);
    // No one-character-per-line: the text's lines are few for its length.
    assert.ok(name.lines <= Math.max(1, Math.ceil((name.text.length * 8) / name.width)) + 1, `${where}: step "${name.text}" wraps into ${name.lines} lines`);
  }
  assert.ok(facts.logRemainder < 1 || facts.logRemainder > facts.lineHeight - 1, `${where}: the log box cuts a line (${facts.logRemainder}px over)`);
  assert.equal(facts.cutLine, false, `${where}: a log line is cut in half at the top of the log`);
}

/** Makes the run panel about `target` px wide: the editor area is split in two, so the viewport grows twice the difference. */
async function panelWidth(page, target) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const box = await panelFrame(page).boundingBox();
    if (!box || Math.abs(box.width - target) < 12) return box?.width;
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: Math.round(viewport.width + 2 * (target - box.width)), height: viewport.height });
    await page.waitForTimeout(500);
  }
  return (await panelFrame(page).boundingBox())?.width;
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill(name);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).waitFor();
}

describe('The run panel: honest states at any width, in light and dark themes (Playwright)', function () {
  let browser;
  let scratch;
  let folder;

  before(async function () {
    this.timeout(240000);
    const build = await run(process.execPath, ['esbuild.js'], { cwd: projectRoot, quiet: true });
    assert.equal(build.code, 0, `build failed: ${build.output}`);
    scratch = mkdtempSync(join(tmpdir(), 'shipshape-ui-runs-'));
    folder = join(scratch, 'runs-demo');
    mkdirSync(folder);
    repository(folder);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  // A VS Code of its own per theme: the theme is set before the workbench starts, as a user would have it.
  for (const [theme, colorTheme] of [
    ['light', 'Default Light Modern'],
    ['dark', 'Default Dark Modern'],
  ]) {
    describe(`in ${colorTheme}`, function () {
      let server;
      let page;

      before(async function () {
        this.timeout(240000);
        server = await startCodeServer({ settings: { 'workbench.colorTheme': colorTheme } });
        page = await openWorkbench(browser, server, folder, projectRoot);
        await page.locator(`.monaco-workbench.${theme === 'dark' ? 'vs-dark' : 'vs'}`).waitFor();
      });

      afterEach(async function () {
        if (this.currentTest?.state === 'failed') await screenshot(page, `FAILED ${this.currentTest.title} (${theme})`);
      });

      after(async () => {
        await page?.close();
        await server?.stop();
      });

      it('shows a matrix leg that ran on another Node as a warning, in the panel and the Local Runs view', async function () {
        this.timeout(150000);
        await openShipshapeContainer(page);
        await openFile(page, 'ci.yml');
        await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Run Workflow Locally' }).first().click({ timeout: 30000 });
        const view = panel(page);
        await view.locator('button.node.status-success', { hasText: 'package' }).waitFor({ timeout: 90000 });
        const leg = view.locator('button.node', { hasText: 'test (4)' });
        assert.match(await leg.getAttribute('class'), /status-warning/);
        assert.match(await leg.getAttribute('title'), new RegExp(`asked for Node 4, ran on this machine's Node ${HOST_MAJOR}\\.`));
        assert.match(await view.locator('button.node', { hasText: `test (${HOST_MAJOR})` }).getAttribute('class'), /status-success/);
        assert.match(await view.locator('.run-header .meta').innerText(), /^warning/);
        const facts = await measure(page);
        assert.equal(facts.liveMain, null, 'the page is not one big live region');
        assert.match(facts.announced, /Run finished with a warning/, 'the last news is the run’s end (each job’s came before it)');

        const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
        await rows.filter({ hasText: 'test (4)' }).filter({ hasText: 'warning' }).first().waitFor({ timeout: 20000 });
        assert.ok(await rows.filter({ hasText: 'test (4)' }).first().locator('.codicon-warning').count(), 'the leg has the warning icon');
      });

      it(`lays out the panel at ~470 px and wide, with a visible selection and the theme's focus ring (${theme})`, async function () {
        this.timeout(120000);
        const view = panel(page);
        // Narrow: the editor area split between the workflow and the panel.
        await page.locator('.tabs-container .tab[data-resource-name="ci.yml"]').click();
        await view.locator('button.node').first().waitFor({ timeout: 20000 });
        const narrow = await panelWidth(page, 470);
        assert.ok(narrow > 420 && narrow < 520, `the panel is ${narrow}px wide`);
        await view.locator('button.node', { hasText: 'build' }).click();
        // A log longer than its box, shown from its end: no line cut at the top.
        await view.locator('button.step', { hasText: 'Install the dependencies' }).click();
        await view.locator('.log .text', { hasText: 'building part 80' }).waitFor({ timeout: 20000 });
        assertLayout(await measure(page), `narrow ${theme}, long log`);
        await screenshot(page, `run-panel-narrow-log-${theme}`);
        await view.locator('button.step', { hasText: 'Publish the documentation site' }).click();
        await view.locator('.log-bar h2', { hasText: 'Publish the documentation site' }).waitFor();
        // Keyboard focus on the graph (from its first job, back one): the theme's focus colour.
        await view.locator('button.node', { hasText: 'build' }).focus();
        await page.keyboard.press('Shift+Tab');
        // The graph is wider than the panel: it scrolls (the keyboard too), and Fit scales it in.
        const scroll = view.locator('.graph-scroll');
        assert.equal(await scroll.getAttribute('tabindex'), '0');
        assert.ok(await scroll.evaluate((element) => element.scrollWidth > element.clientWidth), 'the graph is wider than a narrow panel');
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(300);
        assert.ok((await scroll.evaluate((element) => element.scrollLeft)) > 0, 'the arrow keys scroll the graph');
        let facts = await measure(page);
        assert.equal(facts.focused, facts.focusBorder, 'the focused graph shows the theme focus colour');
        assertLayout(facts, `narrow ${theme}`);
        assert.notEqual(facts.selectedJob, facts.body, 'the selected job stands out from the panel');
        assert.notEqual(facts.selectedStep, facts.body, 'the selected step stands out from the panel');
        await screenshot(page, `run-panel-narrow-${theme}`);

        await view.locator('button.fit-toggle').click();
        assert.equal(await scroll.evaluate((element) => element.scrollWidth <= element.clientWidth + 1), true, 'Fit scales the graph into the panel');
        // Keyboard focus on a job: the theme's focus colour, not the browser's ring.
        await view.locator('button.node', { hasText: 'build' }).focus();
        await page.keyboard.press('Tab');
        facts = await measure(page);
        assert.equal(facts.focusedStyle, 'solid');
        assert.equal(facts.focused, facts.focusBorder, 'the focus ring is --vscode-focusBorder');
        assertLayout(facts, `narrow fitted ${theme}`);
        await screenshot(page, `run-panel-narrow-fit-${theme}`);
        await view.locator('button.fit-toggle').click();

        // Wide.
        const viewport = page.viewportSize();
        await page.setViewportSize({ width: 2200, height: viewport.height });
        await page.waitForTimeout(800);
        facts = await measure(page);
        assert.ok(facts.width > 800, `the panel is ${facts.width}px wide`);
        assertLayout(facts, `wide ${theme}`);
        assert.equal(await view.locator('button.fit-toggle').isHidden(), true, 'no Fit where the graph fits');
        await screenshot(page, `run-panel-wide-${theme}`);
        await page.setViewportSize(viewport);
      });

      it('fails a refused run and lists each problem once, each opening the workflow at its line', async function () {
        this.timeout(120000);
        await page.locator('.tabs-container .tab[data-resource-name="ci.yml"]').click(); // the workflow's group, not the panel's
        await openFile(page, 'broken.yml');
        await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Run Workflow Locally' }).first().click({ timeout: 30000 });
        const view = panel(page);
        const problems = view.locator('.problem-list li');
        await problems.first().waitFor({ timeout: 60000 });
        assert.equal(await problems.count(), 2, await view.locator('.problem-list').innerText());
        assert.match(await problems.nth(0).innerText(), /broken\.yml:5:5\s+Unknown key "runs_on"/);
        assert.match(await problems.nth(1).innerText(), /broken\.yml:9:12\s+Job "publish" needs "buld"/);
        assert.match(await view.locator('.run-header .meta').innerText(), /^failure/);
        assert.equal(await view.locator('.problem.failed').innerText(), 'The workflow cannot run: 2 problems.');
        const body = await view.locator('body').innerText();
        assert.doesNotMatch(body, /No jobs yet|Select a job/);
        assert.match((await measure(page)).announced, /The workflow cannot run: 2 problems/);
        const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
        await rows.filter({ hasText: 'Job "publish" needs "buld"' }).first().waitFor({ timeout: 20000 });
        assert.equal(await rows.filter({ hasText: 'needs "buld"' }).count(), 1, 'the Local Runs view lists the problem once');
        await screenshot(page, `run-panel-refused-${theme}`);

        // The place opens the workflow there.
        await problems.nth(1).locator('a.location').click();
        await page.locator('.statusbar-item', { hasText: 'Ln 9, Col 12' }).waitFor({ timeout: 10000 });
        assert.equal(
          await page.locator('.tabs-container .tab[data-resource-name="broken.yml"]').count(),
          1,
          'opened where the workflow is shown, not over the panel',
        );
        await view.locator('.problem-list').waitFor({ timeout: 5000 });
      });
    });
  }
});
