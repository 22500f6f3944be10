import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { tempFolder } from '../../support/temp';
import { job, runIn } from './helpers';
import { repoWithWorkflow } from '../../support/repos';

describe('local runs: a failing listener', () => {
  it('cannot stop or corrupt the run it watches', async () => {
    const temp = tempFolder();
    try {
      const repo = repoWithWorkflow(
        temp.path,
        'repo',
        'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo one\n      - run: echo two\n',
      );
      let calls = 0;
      const { record } = await runIn(repo, join(temp.path, 'store'), {
        onUpdate: () => {
          calls++;
          throw new Error('a view with a bug');
        },
      });
      assert.equal(record.status, 'success', record.problem);
      assert.deepEqual(
        job(record, 'build').steps.map((step) => step.status),
        ['success', 'success'],
      );
      assert.ok(calls > 5, `the listener kept hearing updates (${calls})`);
    } finally {
      temp.remove();
    }
  });
});
