import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { timerDelay } from '../../../src/core/runs/process-runner';
import { tempFolder } from '../../support/temp';
import { job, runIn } from './helpers';
import { repoWithWorkflow } from '../../support/repos';

describe('local runs: timeouts longer than a timer can hold', () => {
  it('clamps a delay to what setTimeout keeps (2^31 - 1 ms) instead of firing at once', () => {
    assert.equal(timerDelay(40_000 * 60_000), 2_147_483_647);
    assert.equal(timerDelay(1500), 1500);
    assert.equal(timerDelay(-5), 0);
  });

  it('runs a job and a step whose timeout-minutes exceed 24.8 days', async () => {
    const temp = tempFolder();
    try {
      const repo = repoWithWorkflow(
        temp.path,
        'repo',
        `on: push
jobs:
  patient:
    runs-on: ubuntu-latest
    timeout-minutes: 40000
    steps:
      - run: sleep 0.3 && echo done
        timeout-minutes: 50000
`,
      );
      const { record } = await runIn(repo, join(temp.path, 'store'));
      assert.equal(job(record, 'patient').status, 'success', job(record, 'patient').reason);
    } finally {
      temp.remove();
    }
  });
});
