import { strict as assert } from 'node:assert';
import { orderJobs } from '../../src/core/runs/job-order';

describe('orderJobs', () => {
  it('orders jobs into waves by needs', () => {
    const order = orderJobs([
      { id: 'deploy', needs: ['test', 'lint'] },
      { id: 'lint', needs: [] },
      { id: 'test', needs: ['build'] },
      { id: 'build', needs: [] },
    ]);
    assert.deepEqual(order.waves, [['lint', 'build'], ['test'], ['deploy']]);
    assert.deepEqual(order.blocked, []);
  });

  it('blocks jobs that need a missing job, and what waits on them', () => {
    const order = orderJobs([
      { id: 'a', needs: ['nope'] },
      { id: 'b', needs: ['a'] },
    ]);
    assert.deepEqual(order.waves, []);
    assert.deepEqual(
      order.blocked.map((b) => b.id),
      ['a', 'b'],
    );
    assert.match(order.blocked[0]?.reason ?? '', /"nope", which is not a job/);
  });

  it('blocks a cycle', () => {
    const order = orderJobs([
      { id: 'x', needs: ['y'] },
      { id: 'y', needs: ['x'] },
      { id: 'z', needs: [] },
    ]);
    assert.deepEqual(order.waves, [['z']]);
    assert.deepEqual(
      order.blocked.map((b) => b.id),
      ['x', 'y'],
    );
  });
});
