import { strict as assert } from 'node:assert';
import type { RunUpdate } from '../../../src/core/runs/run-types';
import { skippedNote, UpdateBatcher } from '../../../src/core/runs/worker/update-batcher';

const log = (line: string, index = 0): RunUpdate => ({ type: 'log', key: 'job', index, stream: 'stdout', line });
const stepStarted = (index: number): RunUpdate => ({ type: 'step-started', key: 'job', index, name: `step ${index}` });
const lines = (batches: readonly RunUpdate[][]) => batches.flat().map((update) => (update.type === 'log' ? update.line : update.type));
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
    assert.deepEqual(sent.map((batch) => batch.length), [3, 3, 1]);
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
    assert.deepEqual(sent.map((batch) => batch.length), [1, 1]);
  });

  it('counts log lines instead of queueing them while the receiver lags, notes how many per step, and never drops other updates', async () => {
    const sent: RunUpdate[][] = [];
    const batcher = new UpdateBatcher({ send: (updates) => sent.push(updates), intervalMs: 1, maxBatch: 1000, maxPendingChars: 4 });
    batcher.push(stepStarted(0));
    for (let i = 0; i < 10; i++) batcher.push(log(`${i}`));
    batcher.push({ type: 'step-finished', key: 'job', result: { index: 0, id: undefined, name: 's', status: 'success', outcome: 'success', exitCode: 0, outputs: {}, reason: undefined, durationMs: 1, logFile: undefined } });
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
});
