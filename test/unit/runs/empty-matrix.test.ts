import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { runIn } from './helpers';

/* GitHub fails a job whose matrix has no combination ("Matrix vector … does not contain any values"); plan and run say so alike. */
describe('a matrix that expands to no combination', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-empty-matrix-');
  after(() => temp.remove());

  it('is a problem of the plan, and the run fails with it', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'empty',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps: [{run: echo a}]
  b:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        x: [1]
        exclude: [{x: 1}]
    steps: [{run: echo b}]
  c:
    strategy:
      matrix:
        y: [1]
        exclude: [{y: 1}]
    uses: ./.github/workflows/called.yml
`,
      { '.github/workflows/called.yml': 'on: workflow_call\njobs:\n  inner:\n    runs-on: ubuntu-latest\n    steps: [{run: echo inner}]\n' },
    );
    let out = '';
    const code = await runCli(['plan', '--workflow', '.github/workflows/ci.yml'], { out: (text) => (out += text), err: (text) => (out += text), cwd: repo });
    assert.equal(code, 1, out);
    assert.match(out, /problem: job "b": the matrix expands to no combination/);
    assert.match(out, /○ b: the matrix expands to no combination/);
    assert.match(out, /▶ a: /);
    assert.match(out, /○ c: the matrix expands to no combination/);
    const { record } = await runIn(repo, join(temp.path, 'store'));
    assert.equal(record.status, 'failure');
    assert.match(record.plan.problems.join('\n'), /job "b": the matrix expands to no combination/);
  });
});
