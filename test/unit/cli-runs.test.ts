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

describe('shipshape plan / run', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-cli-runs-');
  after(() => temp.remove());
  const workflow = `on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      greeting:
        default: hello
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      word: \${{ steps.say.outputs.word }}
    steps:
      - id: say
        run: echo "word=\${{ inputs.greeting || 'push' }}" >> "$GITHUB_OUTPUT"
  broken:
    needs: build
    if: github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - run: exit 4
`;

  it('plan --json gives willRun and reasons per job and step, touching nothing', async () => {
    const repo = repoWithWorkflow(temp.path, 'plan', workflow);
    const { code, out } = await cli(repo, 'plan', '--json');
    assert.equal(code, 0);
    const plan = JSON.parse(out);
    assert.equal(plan.willRun, true);
    assert.deepEqual(
      plan.jobs.map((job: { id: string; willRun: boolean }) => [job.id, job.willRun]),
      [
        ['build', true],
        ['broken', false],
      ],
    );
    assert.match(plan.jobs[1].reason, /github.event_name == 'workflow_dispatch' is false/);
    assert.equal(plan.jobs[0].steps[0].willRun, true);
  });

  it('run --json prints the run in the documented shape and exits 1 when a job fails', async () => {
    const repo = repoWithWorkflow(temp.path, 'run', workflow);
    const store = join(temp.path, 'store');
    const ok = await cli(repo, 'run', '--json', '--store', store);
    assert.equal(ok.code, 0, ok.out + ok.err);
    const record = JSON.parse(ok.out);
    assert.deepEqual(Object.keys(record), ['runId', 'status', 'jobs']);
    assert.equal(record.status, 'success');
    assert.deepEqual(record.jobs[0].outputs, { word: 'push' });
    assert.deepEqual(Object.keys(record.jobs[0].steps[0]), ['id', 'name', 'status', 'exitCode', 'outputs', 'reason']);

    const failed = await cli(repo, 'run', '--json', '--store', store, '--event', 'workflow_dispatch', '--input', 'greeting=hi');
    assert.equal(failed.code, 1);
    const failedRecord = JSON.parse(failed.out);
    assert.equal(failedRecord.status, 'failure');
    assert.deepEqual(failedRecord.jobs[0].outputs, { word: 'hi' });
    assert.equal(failedRecord.jobs[1].steps[0].exitCode, 4);
  });

  it('streams logs prefixed by job and step in human output', async () => {
    const repo = repoWithWorkflow(temp.path, 'human', workflow);
    const { code, out } = await cli(repo, 'run', '--store', join(temp.path, 'store2'));
    assert.equal(code, 0);
    assert.match(out, /\[build\] ▶ Run echo/);
    assert.match(out, /✓ run \S+: success/);
  });

  it('exits 2 on usage errors: unknown options, bad inputs, a folder that is not a repository', async () => {
    const repo = repoWithWorkflow(temp.path, 'usage', workflow);
    assert.equal((await cli(repo, 'run', '--bogus')).code, 2);
    assert.equal((await cli(repo, 'run', '--input', 'novalue')).code, 2);
    assert.equal((await cli(temp.path, 'plan')).code, 2);
    const undeclared = await cli(repo, 'plan', '--event', 'workflow_dispatch', '--input', 'nope=1');
    assert.equal(undeclared.code, 1);
    assert.match(undeclared.out, /input "nope" is not declared/);
  });
});
