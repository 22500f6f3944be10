import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../../src/core/pipelines/load-config';
import { tempFolder } from '../../support/temp';
import { lint, ofRule, workflow } from './helpers';

// Errors Shipshape reported on real workflows where GitHub runs them fine.

const severities = (findings: ReturnType<typeof lint>, rule: string) =>
  findings.filter((finding) => finding.rule === rule).map((finding) => `${finding.range.start.line} ${finding.severity} ${finding.message}`);

describe('precision: a property missing from a matrix object', () => {
  // GitHub evaluates a missing property to null (an empty string in a template): no error.
  const jobs = workflow(
    'one-row:',
    '    runs-on: ubuntu-latest',
    '    strategy:',
    '      matrix:',
    '        platform:',
    '          - target: x86_64',
    '    steps:',
    '      - run: echo ${{ matrix.platform.docker_options }}',
    '      - run: echo ${{ matrix.platform.toolchain || null }}',
    'two-rows:',
    '    runs-on: ubuntu-latest',
    '    strategy:',
    '      matrix:',
    '        platform:',
    '          - target: x86_64',
    '            docker_options: -e X',
    '          - target: aarch64',
    '    steps:',
    '      - run: echo ${{ matrix.platform.docker_options }} ${{ matrix.platform.toolchain }}',
    '      - run: echo ${{ matrix.platform.target }}',
  );

  it('warns (never errs) where no row of the job has the key, the same in a job of one row as of two', () => {
    assert.deepEqual(severities(lint(jobs), 'expression'), [
      '10 warning Object "matrix.platform" has no property "docker_options" in any row of this job\'s matrix: GitHub evaluates it to an empty string.',
      '11 warning Object "matrix.platform" has no property "toolchain" in any row of this job\'s matrix: GitHub evaluates it to an empty string.',
      '21 warning Object "matrix.platform" has no property "toolchain" in any row of this job\'s matrix: GitHub evaluates it to an empty string.',
    ]);
  });

  it('still reports a name that is not a matrix dimension at all', () => {
    const findings = lint(
      workflow('a:', '    runs-on: ubuntu-latest', '    strategy: {matrix: {os: [a]}}', '    steps:', '      - run: echo ${{ matrix.oss }}'),
    );
    assert.deepEqual(severities(findings, 'expression'), ['7 error Context "matrix" has no property "oss". Did you mean "os"?']);
  });
});

describe('precision: a Windows-only shell on a step that only runs on Windows', () => {
  it('does not report powershell on a Linux job when the step runs only where runner.os is Windows; it warns that the step never runs there', () => {
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        "      - if: runner.os == 'Windows'",
        '        shell: powershell',
        '        run: echo a',
        "      - if: ${{ success() && runner.os == 'Windows' }}",
        '        shell: cmd',
        '        run: echo b',
        "      - if: runner.os == 'Windows' || github.event_name == 'push'",
        '        shell: powershell',
        '        run: echo c',
      ),
    );
    assert.deepEqual(severities(findings, 'shell-name'), [
      '6 warning This step runs only where runner.os is Windows, which this Linux job never is: the step never runs here.',
      '9 warning This step runs only where runner.os is Windows, which this Linux job never is: the step never runs here.',
      '13 error The "powershell" shell runs only on Windows runners; this job runs on Linux. Use bash, or pwsh for PowerShell.',
    ]);
  });
});

describe('precision: $/ same-repository references', () => {
  let root: ReturnType<typeof tempFolder>;
  beforeEach(() => (root = tempFolder('shipshape-self-ref-')));
  afterEach(() => root.remove());
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root.path, path)), { recursive: true });
      writeFileSync(join(root.path, path), text);
    }
  };
  const readFiles = (paths: string[]) => Object.fromEntries(paths.map((path) => [path, readFileSync(join(root.path, path), 'utf8')]));

  it('checks the inputs of an action named with $/ as it does for ./, and reports a $/ folder that does not exist', () => {
    const action = ['name: a', 'description: b', 'inputs:', '  token: {required: true}', 'runs: {using: node20, main: i.js}'].join('\n');
    write({ '.github/actions/hello/action.yml': action, '.github/actions/hello/i.js': '' });
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: $/.github/actions/hello',
        '        with: {tokn: x}',
        '      - uses: $/.github/actions/gone',
      ),
      { root: root.path, files: readFiles(['.github/actions/hello/action.yml']) },
    );
    assert.deepEqual(ofRule(findings, 'action'), [
      '6:17 action step 1 of job "a" uses $/.github/actions/hello without its required input "token".',
      '7:18 action Action $/.github/actions/hello has no input "tokn"; GitHub will ignore it. Did you mean "token"?',
      '8:17 action Action "$/.github/actions/gone" names a folder that is not in this repository; $/ resolves to the running commit, so the step fails.',
    ]);
  });

  it('checks a reusable workflow called with $/ as it does for ./', () => {
    const callee = [
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      env: {type: string, required: true}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo}]',
    ];
    const findings = lint(
      ['on: push', 'jobs:', '  call:', '    uses: $/.github/workflows/deploy.yml', '  gone:', '    uses: $/.github/workflows/missing.yml'],
      { files: { '.github/workflows/deploy.yml': callee.join('\n') } },
    );
    assert.deepEqual(ofRule(findings, 'workflow-call'), [
      '4:11 workflow-call Job "call" does not pass the required input "env" of "$/.github/workflows/deploy.yml".',
      '6:11 workflow-call Job "gone" calls "$/.github/workflows/missing.yml", which does not exist.',
    ]);
  });
});

describe('precision: .github/actionlint.yaml when .github/shipshape.yaml is absent', () => {
  let root: ReturnType<typeof tempFolder>;
  beforeEach(() => (root = tempFolder('shipshape-actionlint-config-')));
  afterEach(() => root.remove());

  it("reads actionlint's self-hosted-runner.labels and config-variables", async () => {
    mkdirSync(join(root.path, '.github'));
    writeFileSync(join(root.path, '.github/actionlint.yaml'), 'self-hosted-runner:\n  labels: [gpu-box]\nconfig-variables: [DEPLOY_HOST]\n');
    const { config, problems } = await loadConfig(root.path);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.runnerLabels, ['gpu-box']);
    assert.deepEqual(config.configVariables, ['DEPLOY_HOST']);
  });

  it('adds an unknown runner label to the actionlint config in use, not to a new file that would hide it', () => {
    const files = { '.github/actionlint.yaml': 'self-hosted-runner:\n  labels: [a]\n' };
    const finding = lint(workflow('a:', '    runs-on: [self-hosted, gpu-box]', '    steps: [{run: echo}]'), { files }).find((f) => f.rule === 'runner-label');
    assert.equal(finding?.fixes?.[0]?.file, '/repo/.github/actionlint.yaml');
    assert.deepEqual(
      finding?.fixes?.[0]?.edits.map((edit) => edit.newText),
      [', gpu-box'],
    );
  });

  it('prefers .github/shipshape.yaml when both are there', async () => {
    mkdirSync(join(root.path, '.github'));
    writeFileSync(join(root.path, '.github/actionlint.yaml'), 'self-hosted-runner:\n  labels: [gpu-box]\n');
    writeFileSync(join(root.path, '.github/shipshape.yaml'), 'self-hosted-runner:\n  labels: [other]\n');
    assert.deepEqual((await loadConfig(root.path)).config.runnerLabels, ['other']);
  });
});
