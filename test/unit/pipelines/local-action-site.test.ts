import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';

/** A real repository folder: local actions are read from the disk, as the runner reads them. */
function makeRepository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-local-action-'));
  mkdirSync(join(root, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const WORKFLOW = '.github/workflows/ci.yml';
const workflowUsing = (...uses: string[]) =>
  ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...uses.map((path) => `      - uses: ${path}`)].join('\n');

describe('local-action: the action.yml behind uses: ./path, checked at the uses: site', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  function check(files: Record<string, string>, rules: readonly string[] = ['local-action']) {
    const root = makeRepository(files);
    roots.push(root);
    const path = join(root, WORKFLOW);
    return validatePipeline({ path, root, text: readFileSync(path, 'utf8'), kind: 'github-workflow' }).findings.filter((finding) =>
      rules.includes(finding.rule),
    );
  }

  it("reports each error of the action's metadata at the uses: line, with the action file's line as related information", () => {
    const findings = check({
      [WORKFLOW]: workflowUsing('./.github/actions/broken'),
      '.github/actions/broken/action.yml': ['name: broken', 'runs:', '  using: node99', '  main: index.js', 'branding:', '  color: pink'].join('\n'),
      '.github/actions/broken/index.js': '',
    });
    const lines = findings.map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.message}`);
    assert.equal(findings.length, 3, lines.join('\n'));
    for (const finding of findings) {
      assert.equal(finding.range.start.line, 6);
      // GitHub's docs require a description, but the runner runs the action without one: a warning.
      assert.equal(finding.severity, /"description"/.test(finding.message) ? 'warning' : 'error');
      assert.match(finding.message, /^Local action "\.\/\.github\/actions\/broken": its action\.yml line \d+: /);
      assert.equal(finding.related?.[0]?.path.endsWith(join('.github', 'actions', 'broken', 'action.yml')), true);
    }
    assert.match(lines.join('\n'), /required key "description"/);
    assert.match(lines.join('\n'), /node99/);
    assert.match(lines.join('\n'), /pink/);
    assert.deepEqual(findings.map((finding) => finding.related?.[0]?.range.start.line).sort(), [1, 3, 6]);
  });

  it('reports a missing main script and env under runs of a JavaScript action', () => {
    const findings = check({
      [WORKFLOW]: workflowUsing('./tools/js'),
      'tools/js/action.yml': ['name: js', 'description: d', 'runs:', '  using: node20', '  main: missing.js', '  env:', '    A: b'].join('\n'),
    });
    const text = findings.map((finding) => finding.message).join('\n');
    assert.match(text, /missing\.js/);
    assert.match(text, /"env"/);
  });

  it('says nothing about a valid local action, and reports a broken one at each uses: line', () => {
    assert.deepEqual(
      check({
        [WORKFLOW]: workflowUsing('./ok'),
        'ok/action.yml': ['name: ok', 'description: d', 'runs:', '  using: composite', '  steps:', '    - run: echo hi', '      shell: bash'].join('\n'),
      }),
      [],
    );
    const twice = check({
      [WORKFLOW]: workflowUsing('./bad', './bad'),
      'bad/action.yml': ['name: bad', 'runs:', '  using: composite', '  steps: []'].join('\n'),
    });
    assert.deepEqual(
      twice.map((finding) => finding.range.start.line),
      [6, 7],
    );
  });

  it('stops at one level: composite actions that use each other do not recurse', () => {
    const composite = (next: string) =>
      ['name: c', 'description: d', 'runs:', '  using: composite', '  steps:', `    - uses: ${next}`, '  bogus: 1'].join('\n');
    const findings = check({ [WORKFLOW]: workflowUsing('./a'), 'a/action.yml': composite('./b'), 'b/action.yml': composite('./a') }, [
      'local-action',
      'internal',
    ]);
    assert.ok(findings.length >= 1);
    assert.ok(!findings.some((finding) => finding.rule === 'internal'), findings.map((finding) => finding.message).join('\n'));
    assert.ok(findings.every((finding) => finding.range.start.line === 6));
  });

  it("reports only what the action's own check reports: a schema error that a more specific finding replaces there stays away", () => {
    // In the action file the expression rule's "never closed" replaces the schema's finding at the same spot (validate.ts, finish).
    const action = ['name: a', 'description: d', 'branding:', '  color: ${{ x', 'runs:', '  using: composite', '  steps: []'].join('\n');
    const root = makeRepository({ 'a/action.yml': action });
    roots.push(root);
    const own = validatePipeline({ path: join(root, 'a/action.yml'), root, text: action, kind: 'github-action' }).findings;
    assert.deepEqual(
      own.map((finding) => finding.rule),
      ['expression'],
    );
    assert.deepEqual(check({ [WORKFLOW]: workflowUsing('./a'), 'a/action.yml': action }), []);
    // Its load errors still show, with the replaced one among them left out.
    const broken = action.replace('  steps: []', '  steps: 3');
    assert.deepEqual(
      check({ [WORKFLOW]: workflowUsing('./a'), 'a/action.yml': broken }).map((finding) => finding.message),
      ['Local action "./a": its action.yml line 7: "steps" in "runs" must be a list, not 3.'],
    );
  });
});
