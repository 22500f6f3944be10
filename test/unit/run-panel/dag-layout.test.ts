import { strict as assert } from 'node:assert';
import { layoutDag, type DagInput } from '../../../src/webview/run-panel/dag-layout';

const where = (jobs: DagInput[]) => Object.fromEntries(layoutDag(jobs).nodes.map((node) => [node.key, `${node.column},${node.row}`]));

describe('run panel: job graph layout', () => {
  it('puts each job in the column of its longest path from a root', () => {
    const jobs = [
      { key: 'lint', needs: [] },
      { key: 'build', needs: [] },
      { key: 'test', needs: ['build'] },
      { key: 'deploy', needs: ['test', 'lint'] },
    ];
    assert.deepEqual(where(jobs), { lint: '0,0', build: '0,1', test: '1,0', deploy: '2,0' });
    const layout = layoutDag(jobs);
    assert.deepEqual(layout.edges, [
      { from: 'build', to: 'test' },
      { from: 'test', to: 'deploy' },
      { from: 'lint', to: 'deploy' },
    ]);
    assert.equal(layout.columns, 3);
    assert.equal(layout.rows, 2);
  });

  it('joins matrix legs: a leg that needs a job waits for every leg of it', () => {
    const layout = layoutDag([
      { key: 'build (18)', needs: [] },
      { key: 'build (20)', needs: [] },
      { key: 'test', needs: ['build (18)', 'build (20)'] },
    ]);
    assert.equal(layout.edges.length, 2);
    assert.deepEqual(Object.fromEntries(layout.nodes.map((node) => [node.key, `${node.column},${node.row}`])), {
      'build (18)': '0,0',
      'build (20)': '0,1',
      test: '1,0',
    });
  });

  it('orders a column by the rows of the jobs it needs, then by workflow order', () => {
    assert.deepEqual(
      where([
        { key: 'a', needs: [] },
        { key: 'b', needs: [] },
        { key: 'after-b', needs: ['b'] },
        { key: 'after-a', needs: ['a'] },
        { key: 'free', needs: [] },
      ]),
      { a: '0,0', b: '0,1', 'after-b': '1,1', 'after-a': '1,0', free: '0,2' },
    );
  });

  it('tolerates unknown needs, self needs, repeated keys and cycles, deterministically', () => {
    const jobs = [
      { key: 'a', needs: ['c', 'ghost', 'a'] },
      { key: 'b', needs: ['a'] },
      { key: 'c', needs: ['b'] },
      { key: 'a', needs: [] },
    ];
    const first = layoutDag(jobs);
    assert.deepEqual(layoutDag(jobs), first);
    assert.equal(first.nodes.length, 3);
    for (const edge of first.edges) {
      const column = (key: string) => first.nodes.find((node) => node.key === key)?.column ?? -1;
      assert.ok(column(edge.from) < column(edge.to), `${edge.from} -> ${edge.to} points forward`);
    }
    assert.deepEqual(where(jobs), { a: '2,0', b: '0,0', c: '1,0' });
  });

  it('lays out an empty run and a long chain without recursion limits', () => {
    assert.deepEqual(layoutDag([]), { nodes: [], edges: [], columns: 0, rows: 0 });
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ key: `j${i}`, needs: i ? [`j${i - 1}`] : [] }));
    assert.equal(layoutDag(chain).columns, 20_000);
  });
});
