import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogStream } from '../../../src/protocol/run-panel';
import { BoundedLog, clipLine, FRESH_LIVE_LOG, lineFromDisk, planFlush, takeLines } from '../../../src/vscode/runs/log-buffer';
import { readLogTail } from '../../../src/vscode/runs/run-panel-files';

const limits = { maxLines: 5, maxChars: 60, maxLineChars: 20 };
const texts = (lines: readonly { text: string }[]) => lines.map((line) => line.text);

describe('run panel host: bounded logs', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'shipshape-panel-logs-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last lines within the line budget and counts them all', () => {
    const log = new BoundedLog(limits);
    for (let i = 1; i <= 12; i++) log.append('stdout', [`line ${i}`]);
    assert.deepEqual(texts(log.shown), ['line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
    assert.equal(log.total, 12);
    assert.equal(log.size, 5);
  });

  it('keeps within the size budget too, and clips very long lines', () => {
    const log = new BoundedLog(limits);
    for (let i = 0; i < 4; i++) log.append('stderr', [String(i).repeat(19)]);
    assert.equal(log.size, 3); // 4 x 19 characters > 60
    log.append('stdout', ['x'.repeat(1000)]);
    assert.equal(log.shown.at(-1)?.text, `${'x'.repeat(20)} … [980 more characters in the full log]`);
    assert.equal(clipLine({ text: 'short', stream: 'runner' }, limits).text, 'short');
  });

  it('takes lines in chunks: the same tail, streams kept, whatever the chunk sizes', () => {
    const all = Array.from({ length: 23 }, (_, i) => `l${i + 1}`);
    const streams = ['stdout', 'stderr', 'runner'] as const;
    for (const size of [1, 2, 3, 4, 5, 7, 23]) {
      const log = new BoundedLog(limits);
      for (let at = 0; at < all.length; at += size) log.append(streams[(at / size) % 3] as LogStream, all.slice(at, at + size));
      assert.deepEqual(texts(log.shown), ['l19', 'l20', 'l21', 'l22', 'l23'], `chunks of ${size}`);
      assert.equal(log.total, 23);
      assert.equal(log.shown.at(-1)?.stream, streams[Math.floor(22 / size) % 3]);
    }
    const log = new BoundedLog(limits);
    log.append('stdout', []);
    assert.equal(log.total, 0);
    assert.deepEqual(log.shown, []);
  });

  it('gives the last lines asked for, at most what it keeps', () => {
    const log = new BoundedLog(limits);
    log.append('stdout', ['a', 'b']);
    log.append('stderr', ['c', 'd', 'e', 'f']);
    assert.deepEqual(log.tail(3), [
      { text: 'd', stream: 'stderr' },
      { text: 'e', stream: 'stderr' },
      { text: 'f', stream: 'stderr' },
    ]);
    assert.deepEqual(texts(log.tail(100)), ['b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(log.tail(0), []);
  });

  it('bounds a batch to what the view can show: the line and size budgets, at least one line', () => {
    const batch = (count: number, width = 6) => Array.from({ length: count }, (_, i) => `${i + 1}`.padStart(width, '.'));
    const kept = (lines: string[]) => {
      const log = new BoundedLog(limits);
      log.append('stdout', lines);
      return texts(log.shown);
    };
    assert.deepEqual(kept(batch(12)), ['.....8', '.....9', '....10', '....11', '....12']);
    // 60 characters hold three lines of 19, not four.
    assert.deepEqual(
      kept(batch(5, 19)).map((text) => text.replace(/\.+/, '')),
      ['3', '4', '5'],
    );
    // A last line beyond the size budget alone is still kept (clipped).
    const log = new BoundedLog({ ...limits, maxLineChars: 1000 });
    log.append('stdout', batch(2));
    log.append('stderr', ['y'.repeat(100)]);
    assert.deepEqual(texts(log.shown), ['y'.repeat(100)]);
  });

  it('stays small for a chatty step: 220,000 lines through the default budget, 20,000 of them one at a time', () => {
    const log = new BoundedLog();
    let mostSlots = 0;
    for (let i = 0; i < 200_000; i += 500)
      log.append(
        'stdout',
        Array.from({ length: 500 }, (_, j) => `output line number ${i + j} with some text`),
      );
    for (let i = 0; i < 20_000; i++) {
      log.append('stderr', [`single ${i}`]);
      mostSlots = Math.max(mostSlots, log.slots);
    }
    assert.equal(log.size, 5_000);
    assert.equal(log.total, 220_000);
    assert.equal(log.shown[0]?.text, 'single 15000');
    assert.equal(log.shown[4_999]?.text, 'single 19999');
    // Speed is measured in bench/; here, the structure that keeps it cheap: dropped chunks are compacted away.
    assert.ok(mostSlots <= 10_100, `held ${mostSlots} chunk slots for 5,000 kept lines`);
  });

  it('caps the lines a live panel is sent: a burst, then a steady rate', () => {
    const rate = { perSecond: 100, burst: 50 };
    let step = takeLines(undefined, 1_000, 80, rate);
    assert.equal(step.granted, 50, 'a fresh allowance holds one burst');
    step = takeLines(step.left, 1_100, 80, rate);
    assert.equal(step.granted, 10, '100 ms later: 10 more');
    step = takeLines(step.left, 1_150, 3, rate);
    assert.equal(step.granted, 3);
    assert.equal(takeLines(step.left, 1_150, 10, rate).granted, 2, 'what was not taken stays');
    assert.equal(takeLines(step.left, 61_000, 1_000, rate).granted, 50, 'a long pause refills only up to the burst');
    assert.equal(takeLines(step.left, 900, 10, rate).granted, 2, 'a clock going back adds nothing');
    assert.equal(takeLines(undefined, 0, 0, rate).granted, 0);
  });

  it('plans a flush: live lines within the cap, and the exact tail at the end when the view missed any', () => {
    const rate = { perSecond: 1_000, burst: 100 };
    let plan = planFlush(FRESH_LIVE_LOG, { kept: 40, written: 40 }, true, 0, rate);
    assert.deepEqual([plan.post, plan.count, plan.state.gapped], ['append', 40, false], 'within the burst: everything');
    plan = planFlush(plan.state, { kept: 500, written: 9_000 }, true, 100, rate);
    assert.deepEqual([plan.post, plan.count, plan.state.gapped], ['append', 100, true], 'a flood: the newest the cap allows');
    const end = planFlush(plan.state, { kept: 3, written: 3 }, false, 150, rate);
    assert.deepEqual([end.post, end.state], ['tail', FRESH_LIVE_LOG], 'the end of a step the view missed lines of: its last lines afresh');
    const quiet = planFlush(FRESH_LIVE_LOG, { kept: 3, written: 3 }, false, 0, rate);
    assert.deepEqual([quiet.post, quiet.count], ['append', 3], 'a step the view saw whole: the rest is appended, uncapped');
    assert.equal(planFlush(FRESH_LIVE_LOG, { kept: 5, written: 7 }, false, 0, rate).post, 'tail', "lines beyond the view's budget are a gap too");
    const empty = planFlush({ allowance: { lines: 0, at: 0 }, gapped: false }, { kept: 10, written: 10 }, true, 0, rate);
    assert.deepEqual([empty.count, empty.state.gapped], [0, true], 'no allowance left: nothing now, and the end will reset');
  });

  it('reads the runner prefix back as the runner stream', () => {
    assert.deepEqual(lineFromDisk('##[shipshape] Skipped: the if: was false'), { text: 'Skipped: the if: was false', stream: 'runner' });
    assert.deepEqual(lineFromDisk('plain'), { text: 'plain', stream: 'stdout' });
  });

  it('reads only the tail of a log file and counts every line in it', async () => {
    const file = join(dir, 'small.log');
    writeFileSync(file, 'a\n##[shipshape] note\nb\n');
    assert.deepEqual(await readLogTail(file, limits), {
      lines: [
        { text: 'a', stream: 'stdout' },
        { text: 'note', stream: 'runner' },
        { text: 'b', stream: 'stdout' },
      ],
      total: 3,
    });
    const big = join(dir, 'big.log');
    writeFileSync(big, '');
    for (let chunk = 0; chunk < 30; chunk++) appendFileSync(big, Array.from({ length: 10_000 }, (_, i) => `line ${chunk * 10_000 + i + 1}\n`).join(''));
    const tail = await readLogTail(big, { maxLines: 100, maxChars: 4096, maxLineChars: 100 });
    assert.equal(tail.total, 300_000);
    assert.equal(tail.lines.length, 100);
    assert.deepEqual(texts(tail.lines.slice(-2)), ['line 299999', 'line 300000']);
    // The last three lines are 36 bytes: a budget of 36 holds them, one of 35 only two.
    assert.deepEqual(texts((await readLogTail(big, { maxLines: 10_000, maxChars: 36, maxLineChars: 100 })).lines), [
      'line 299998',
      'line 299999',
      'line 300000',
    ]);
    const bytes = await readLogTail(big, { maxLines: 10_000, maxChars: 35, maxLineChars: 100 });
    assert.deepEqual(texts(bytes.lines), ['line 299999', 'line 300000']);
    assert.equal(bytes.total, 300_000);
  });

  it("keeps a last line without a newline and never splits a line at the tail's edge", async () => {
    const file = join(dir, 'edge.log');
    writeFileSync(file, 'first\nsecond\nthird');
    assert.deepEqual(await readLogTail(file, limits), {
      lines: [
        { text: 'first', stream: 'stdout' },
        { text: 'second', stream: 'stdout' },
        { text: 'third', stream: 'stdout' },
      ],
      total: 3,
    });
    const cut = await readLogTail(file, { ...limits, maxChars: 12 }); // "second\nthird" is 12 bytes: exactly after a newline
    assert.deepEqual(texts(cut.lines), ['second', 'third']);
    assert.equal(cut.total, 3);
    writeFileSync(file, '');
    assert.deepEqual(await readLogTail(file, limits), { lines: [], total: 0 });
  });
});
