import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { runIn } from './helpers';

describe('local runs: a workflow of many jobs', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-many-jobs-');
  after(() => temp.remove());

  it('runs 14 jobs listening to one cancel signal without a listener-leak warning', async () => {
    const jobs = Array.from(
      { length: 14 },
      (_, index) => `  j${index}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${index}\n      - run: echo again\n`,
    ).join('');
    const repo = repoWithWorkflow(temp.path, 'many', `on: push\njobs:\n${jobs}`);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const { record } = await runIn(repo, join(temp.path, 'store'), { signal: new AbortController().signal, forceSignal: new AbortController().signal });
      assert.equal(record.status, 'success');
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(
      warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning')),
      [],
    );
  });
});
