import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { tempFolder } from '../support/temp';
import { repoWithWorkflow } from '../support/repos';

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { cwd, out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const HOST_MAJOR = process.versions.node.split('.')[0] ?? '';
const matrixWorkflow = `on: push
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
`;
const refusedWorkflow =
  'on: push\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo hi\n  publish:\n    needs: buld\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';

describe('shipshape run: warnings and refusals', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-cli-states-');
  after(() => temp.remove());

  it('run --json calls a leg that ran on another Node a warning, says why, and still exits 0', async () => {
    const repo = repoWithWorkflow(temp.path, 'matrix', matrixWorkflow);
    const { code, out, err } = await cli(repo, 'run', '--json', '--store', join(temp.path, 'store'));
    assert.equal(code, 0, out + err);
    const record = JSON.parse(out);
    assert.equal(record.status, 'warning');
    const [old, host] = record.jobs;
    assert.equal(old.key, 'test (4)');
    assert.equal(old.status, 'warning');
    assert.deepEqual(old.warnings, [`asked for Node 4, ran on this machine's Node ${process.versions.node}`]);
    assert.equal(old.steps[0].status, 'warning');
    assert.equal(old.steps[0].warning, old.warnings[0]);
    assert.equal(host.status, 'success');
    assert.equal(host.warnings, undefined);
  });

  it('human output marks the leg with ⚠ and its reason, live and in the summary', async () => {
    const repo = repoWithWorkflow(temp.path, 'matrix-human', matrixWorkflow);
    const { code, out } = await cli(repo, 'run', '--store', join(temp.path, 'store'));
    assert.equal(code, 0);
    assert.match(out, /\[test \(4\)\] ⚠ Run actions\/setup-node@v4: warning \(asked for Node 4, ran on this machine's Node /);
    assert.match(out, /\[test \(4\)\] ⚠ job warning: asked for Node 4/);
    assert.match(out, /^⚠ run \S+: warning/m);
    assert.match(out, /^ {2}⚠ test \(4\): warning \(asked for Node 4/m);
  });

  it('a refused run fails (exit 1): run --json lists each problem once with its place, the text output one a line', async () => {
    const repo = repoWithWorkflow(temp.path, 'refused', refusedWorkflow);
    const json = await cli(repo, 'run', '--json', '--store', join(temp.path, 'store'));
    assert.equal(json.code, 1);
    const record = JSON.parse(json.out);
    assert.equal(record.status, 'failure');
    assert.equal(record.problem, 'The workflow cannot run: 2 problems.');
    assert.deepEqual(
      record.problems.map((problem: { file: string; line: number; column: number; rule: string }) => [
        problem.file,
        problem.line,
        problem.column,
        problem.rule,
      ]),
      [
        ['.github/workflows/ci.yml', 4, 5, 'syntax-check'],
        ['.github/workflows/ci.yml', 8, 12, 'job-needs'],
      ],
    );

    const human = await cli(repo, 'run', '--store', join(temp.path, 'store'));
    assert.equal(human.code, 1);
    const lines = human.out.trimEnd().split('\n');
    assert.match(lines.at(-4) ?? '', /^✗ run \S+: failure/);
    assert.equal(lines.at(-3), '  The workflow cannot run: 2 problems.');
    assert.equal(lines.at(-2), '    .github/workflows/ci.yml:4:5: Unknown key "runs_on" in job "build". Did you mean "runs-on"? [syntax-check]');
    assert.equal(
      lines.at(-1),
      '    .github/workflows/ci.yml:8:12: Job "publish" needs "buld", but there is no job with that id. Did you mean "build"? [job-needs]',
    );
    assert.doesNotMatch(human.out, /; /, 'no findings joined with semicolons');
  });
});
