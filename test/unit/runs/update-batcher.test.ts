import { strict as assert } from 'node:assert';
import type { RunUpdate } from '../../../src/core/runs/run-types';
import { groupLogUpdates, skippedNote, UpdateBatcher } from '../../../src/core/runs/worker/update-batcher';

const log = (line: string, index = 0, stream: 'stdout' | 'stderr' | 'runner' = 'stdout', key = 'job'): RunUpdate => ({
  type: 'log',
  key,
  index,
  stream,
  lines: [line],
});
const stepStarted = (index: number): RunUpdate => ({ type: 'step-started', key: 'job', index, name: `step ${index}` });
const lines = (batches: readonly RunUpdate[][]) => batches.flat().flatMap((update) => (update.type === 'log' ? update.lines : [update.type]));
/** Each batch as its lines (log updates) and update types. */
const shapes = (batches: readonly RunUpdate[][]) =>
  batches.map((batch) =>
    batch.map((update) => (update.type === 'log' ? `${update.key}#${update.index} ${update.stream}: ${update.lines.join(',')}` : update.type)),
  );
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UpdateBatcher', () => {
  it('sends updates in order, in batches, one batch until it is acknowledged', async () => {
    const sent: RunUpdate[][] = [];
    const batcher = new UpdateBatcher({ send: (updates) => sent.push(updates), intervalMs: 5, maxBatch: 3 });
    for (let i = 0; i < 7; i++) batcher.push(log(`l${i}`));
    assert.equal(sent.length, 1, 'a full batch goes at once, and no second before the ack');
    assert.deepEqual(lines(sent), ['l0', 'l1', 'l2']);
    batcher.ack();
    assert.equal(sent.length, 2);
    batcher.ack();
    await tick(20);
    assert.deepEqual(
      shapes(sent),
      [['job#0 stdout: l0,l1,l2'], ['job#0 stdout: l3,l4,l5'], ['job#0 stdout: l6']],
      'each batch holds one update with its lines',
    );
    batcher.ack();
    await batcher.drain();
    assert.deepEqual(lines(sent), ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6']);
  });

  it('waits for the interval to gather a small batch', async () => {
    const sent: RunUpdate[][] = [];
    const batcher = new UpdateBatcher({ send: (updates) => sent.push(updates), intervalMs: 10 });
    batcher.push(stepStarted(0));
    batcher.push(log('a'));
    assert.equal(sent.length, 0);
    await tick(30);
    assert.deepEqual(lines(sent), ['step-started', 'a']);
  });

  it('bounds a batch by its log characters', async () => {
    const sent: RunUpdate[][] = [];
    const batcher = new UpdateBatcher({ send: (updates) => sent.push(updates), intervalMs: 1, maxBatch: 2, maxBatchChars: 10 });
    batcher.push(log('x'.repeat(10)));
    batcher.push(log('y'));
    batcher.ack();
    await tick(20);
    assert.deepEqual(shapes(sent), [['job#0 stdout: xxxxxxxxxx'], ['job#0 stdout: y']]);
  });

  it('counts log lines instead of queueing them while the receiver lags, notes how many per step, and never drops other updates', async () => {
    const sent: RunUpdate[][] = [];
    const batcher = new UpdateBatcher({ send: (updates) => sent.push(updates), intervalMs: 1, maxBatch: 1000, maxPendingChars: 4 });
    batcher.push(stepStarted(0));
    for (let i = 0; i < 10; i++) batcher.push(log(`${i}`));
    batcher.push({
      type: 'step-finished',
      key: 'job',
      result: {
        index: 0,
        id: undefined,
        name: 's',
        status: 'success',
        outcome: 'success',
        exitCode: 0,
        outputs: {},
        reason: undefined,
        durationMs: 1,
        logFile: undefined,
      },
    });
    batcher.push(stepStarted(1));
    batcher.push(log('while behind', 1));
    await tick(10);
    batcher.ack(); // the receiver caught up: lines are queued again
    batcher.push(log('caught up', 1));
    const drained = batcher.drain();
    batcher.ack();
    await drained;
    assert.deepEqual(lines(sent), ['step-started', '0', '1', '2', '3', skippedNote(6), 'step-finished', 'step-started', skippedNote(1), 'caught up']);
  });

  it('drain resolves at once when nothing waits, and notes lines still counted', async () => {
    const sent: RunUpdate[][] = [];
    const batcher = new UpdateBatcher({ send: (updates) => sent.push(updates), maxPendingChars: 1 });
    await batcher.drain();
    assert.equal(sent.length, 0);
    batcher.push(log('a'));
    batcher.push(log('b'));
    const drained = batcher.drain();
    batcher.ack();
    await drained;
    assert.deepEqual(lines(sent), ['a', skippedNote(1)]);
  });

  it('counts log lines, not updates, against the batch size', async () => {
    const sent: RunUpdate[][] = [];
    const batcher = new UpdateBatcher({ send: (updates) => sent.push(updates), intervalMs: 1, maxBatch: 4 });
    batcher.push({ type: 'log', key: 'job', index: 0, stream: 'stdout', lines: ['a', 'b', 'c'] });
    assert.equal(sent.length, 0);
    batcher.push(log('d'));
    assert.deepEqual(shapes(sent), [['job#0 stdout: a,b,c,d']]);
  });
});

describe('groupLogUpdates', () => {
  const finished = (index: number): RunUpdate => ({
    type: 'step-finished',
    key: 'job',
    result: {
      index,
      id: undefined,
      name: 's',
      status: 'success',
      outcome: 'success',
      exitCode: 0,
      outputs: {},
      reason: undefined,
      durationMs: 1,
      logFile: undefined,
    },
  });
  /** Each step's lines in order, with their stream: what grouping must keep. */
  const perStep = (updates: readonly RunUpdate[]) => {
    const steps = new Map<string, string[]>();
    for (const update of updates)
      if (update.type === 'log')
        steps.set(`${update.key}#${update.index}`, [
          ...(steps.get(`${update.key}#${update.index}`) ?? []),
          ...update.lines.map((line) => `${update.stream}:${line}`),
        ]);
    return Object.fromEntries(steps);
  };

  it("gathers a step's lines of one stream into one update, also across other steps' lines", () => {
    const input = [log('a1'), log('b1', 0, 'stdout', 'other'), log('a2'), log('b2', 0, 'stdout', 'other'), log('a3')];
    const grouped = groupLogUpdates(input);
    assert.deepEqual(shapes([grouped]), [['job#0 stdout: a1,a2,a3', 'other#0 stdout: b1,b2']]);
    assert.deepEqual(perStep(grouped), perStep(input));
  });

  it('starts a new group when the stream changes, so stdout and stderr stay interleaved as printed', () => {
    const input = [log('o1'), log('o2'), log('e1', 0, 'stderr'), log('o3'), log('note', 0, 'runner')];
    assert.deepEqual(shapes([groupLogUpdates(input)]), [['job#0 stdout: o1,o2', 'job#0 stderr: e1', 'job#0 stdout: o3', 'job#0 runner: note']]);
  });

  it('never moves a line across another update', () => {
    const input = [stepStarted(0), log('a'), log('b', 1), finished(0), log('c', 1), stepStarted(2), log('d', 1)];
    const grouped = groupLogUpdates(input);
    assert.deepEqual(shapes([grouped]), [
      ['step-started', 'job#0 stdout: a', 'job#1 stdout: b', 'step-finished', 'job#1 stdout: c', 'step-started', 'job#1 stdout: d'],
    ]);
    assert.deepEqual(perStep(grouped), perStep(input));
  });

  it('leaves its input alone and copes with nothing', () => {
    const first = log('a');
    const input = [first, log('b')];
    groupLogUpdates(input);
    assert.deepEqual(first, log('a'));
    assert.deepEqual(groupLogUpdates([]), []);
  });
});
