import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath } from '../../../src/core/runs/shells';
import { planProblems, problemText } from '../../../src/core/runs/plan';
import { shownStatus, runWarnings } from '../../../src/core/runs/run-types';
import { outcomeLines } from '../../../src/core/runs/run-log-lines';
import { tempFolder } from '../../support/temp';
import { repoWithWorkflow } from '../../support/repos';
import { job, logOf, runIn, step } from './helpers';

/** This machine's Node major, which setup-node accepts; 4 is one no machine running these tests has. */
const HOST_MAJOR = process.versions.node.split('.')[0] ?? '';

describe('local runs: honest states', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-honest-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  it('a matrix leg that ran on another Node than it asked for is a warning that says which, the others are not', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'toolchain',
      `on: push
jobs:
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
`,
    );
    const { record } = await runIn(repo, store);
    const old = job(record, 'test (4)');
    const host = job(record, `test (${HOST_MAJOR})`);
    assert.equal(old.status, 'success', 'the leg ran: GitHub would call it a success, so needs and if: see that');
    assert.deepEqual(old.warnings, [`asked for Node 4, ran on this machine's Node ${process.versions.node}`]);
    assert.equal(step(old, 'Run actions/setup-node@v4').warning, old.warnings?.[0]);
    assert.equal(shownStatus(old.status, old.warnings), 'warning');
    assert.equal(shownStatus(step(old, 'Run actions/setup-node@v4').status, [step(old, 'Run actions/setup-node@v4').warning ?? '']), 'warning');
    assert.deepEqual(host.warnings, []);
    assert.equal(shownStatus(host.status, host.warnings), 'success');
    assert.equal(record.status, 'success');
    assert.equal(shownStatus(record.status, runWarnings(record)), 'warning');
    const lines = outcomeLines(record).join('\n');
    assert.match(lines, /^⚠ run \S+: warning/);
    assert.match(lines, /⚠ test \(4\): warning \(asked for Node 4, ran on this machine's Node /);
    assert.match(lines, new RegExp(`✓ test \\(${HOST_MAJOR}\\): success`));
  });

  it('a Node that is not installed at all is a warning too', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'no-node',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - run: echo done\n',
    );
    // A PATH with a shell and nothing else.
    const bin = join(temp.path, 'shell-only-bin');
    mkdirSync(bin);
    for (const program of ['bash', 'sh']) symlinkSync(findOnPath(program, process.env.PATH) ?? `/bin/${program}`, join(bin, program));
    const { record } = await runIn(repo, store, { hostEnv: { ...process.env, PATH: bin } });
    const a = job(record, 'a');
    assert.equal(a.status, 'success');
    assert.deepEqual(a.warnings, ['asked for Node 20, but Node is not installed on this machine']);
  });

  it('a workflow refused by validation is a failure listing each finding once, with its file and line', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'refused',
      'on: push\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo hi\n  publish:\n    needs: buld\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    );
    const { record, updates } = await runIn(repo, store);
    assert.equal(record.status, 'failure');
    assert.equal(record.jobs.length, 0);
    const problems = planProblems(record.plan);
    assert.deepEqual(
      problems.map((problem) => [problem.file, problem.line, problem.rule]),
      [
        ['.github/workflows/ci.yml', 4, 'syntax-check'],
        ['.github/workflows/ci.yml', 8, 'job-needs'],
      ],
      problems.map(problemText).join('\n'),
    );
    assert.equal(record.problem, 'The workflow cannot run: 2 problems.');
    assert.equal(updates.at(-1)?.type, 'run-finished');
    const lines = outcomeLines(record);
    assert.match(lines[0] ?? '', /^✗ run \S+: failure/);
    assert.deepEqual(lines.slice(1), [
      '  The workflow cannot run: 2 problems.',
      `    .github/workflows/ci.yml:4:5: ${problems[0]?.message ?? ''} [syntax-check]`,
      `    .github/workflows/ci.yml:8:12: ${problems[1]?.message ?? ''} [job-needs]`,
    ]);
  });

  it('a workflow that does not trigger for the event is skipped, not failed', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'not-triggered',
      'on:\n  push:\n    branches: [release]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    );
    const { record } = await runIn(repo, store);
    assert.equal(record.status, 'skipped');
    assert.match(record.problem ?? '', /does not run for this event/);
  });

  it('says which shell a script runs in once: "default shell: bash -e {0}", not "shell: default shell: …"', async () => {
    const repo = repoWithWorkflow(temp.path, 'shell-words', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
    const { updates } = await runIn(repo, store);
    const runnerLines = updates.flatMap((update) => (update.type === 'log' && update.stream === 'runner' ? update.lines : []));
    assert.ok(
      runnerLines.some((line) => line.startsWith('default shell: bash -e {0}')),
      runnerLines.join('\n'),
    );
    assert.ok(!runnerLines.some((line) => /^shell: (default shell|custom shell|shell ")/.test(line)), runnerLines.join('\n'));
    assert.ok(logOf(updates, 'a', 0).includes('hi'));
  });
});
