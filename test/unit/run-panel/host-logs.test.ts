import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoundedLog, clipLine, lineFromDisk, viewTail } from '../../../src/vscode/runs/log-buffer';
import { readLogTail } from '../../../src/vscode/runs/run-panel-files';

const limits = { maxLines: 5, maxChars: 60, maxLineChars: 20 };
const texts = (lines: readonly { text: string }[]) => lines.map((line) => line.text);

describe('run panel host: bounded logs', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'shipshape-panel-logs-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last lines within the line budget and counts them all', () => {
    const log = new BoundedLog(limits);
    for (let i = 1; i <= 12; i++) log.push({ text: `line ${i}`, stream: 'stdout' });
    assert.deepEqual(texts(log.shown), ['line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
    assert.equal(log.total, 12);
    assert.equal(log.size, 5);
  });

  it('keeps within the size budget too, and clips very long lines', () => {
    const log = new BoundedLog(limits);
    for (let i = 0; i < 4; i++) log.push({ text: String(i).repeat(19), stream: 'stderr' });
    assert.equal(log.size, 3); // 4 x 19 characters > 60
    const kept = log.push({ text: 'x'.repeat(1000), stream: 'stdout' });
    assert.equal(kept.text, `${'x'.repeat(20)} … [980 more characters in the full log]`);
    assert.equal(clipLine({ text: 'short', stream: 'runner' }, limits).text, 'short');
  });

  it('stays cheap for a chatty step: 200,000 lines through the default budget', () => {
    const log = new BoundedLog();
    const started = Date.now();
    for (let i = 0; i < 200_000; i++) log.push({ text: `output line number ${i} with some text`, stream: 'stdout' });
    assert.equal(log.size, 5_000);
    assert.equal(log.shown[4_999]?.text, 'output line number 199999 with some text');
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  });

  it('posts only the tail of a batch the view can show: the line and size budgets, at least one line', () => {
    const batch = (count: number, width = 6) => Array.from({ length: count }, (_, i) => ({ text: `${i + 1}`.padStart(width, '.'), stream: 'stdout' as const }));
    const fits = batch(5);
    assert.equal(viewTail(fits, limits), fits); // the same array: nothing copied
    assert.deepEqual(texts(viewTail(batch(12), limits)), ['.....8', '.....9', '....10', '....11', '....12']);
    // 60 characters hold three lines of 19, not four.
    assert.deepEqual(texts(viewTail(batch(5, 19), limits)).map((text) => text.replace(/\.+/, '')), ['3', '4', '5']);
    // A last line beyond the size budget alone is still shown.
    assert.deepEqual(texts(viewTail([...batch(2), { text: 'y'.repeat(100), stream: 'stderr' }], limits)), ['y'.repeat(100)]);
    assert.deepEqual(viewTail([], limits), []);
  });

  it('reads the runner prefix back as the runner stream', () => {
    assert.deepEqual(lineFromDisk('##[shipshape] Skipped: the if: was false'), { text: 'Skipped: the if: was false', stream: 'runner' });
    assert.deepEqual(lineFromDisk('plain'), { text: 'plain', stream: 'stdout' });
  });

  it('reads only the tail of a log file and counts every line in it', async () => {
    const file = join(dir, 'small.log');
    writeFileSync(file, 'a\n##[shipshape] note\nb\n');
    assert.deepEqual(await readLogTail(file, limits), { lines: [{ text: 'a', stream: 'stdout' }, { text: 'note', stream: 'runner' }, { text: 'b', stream: 'stdout' }], total: 3 });
    const big = join(dir, 'big.log');
    writeFileSync(big, '');
    for (let chunk = 0; chunk < 30; chunk++) appendFileSync(big, Array.from({ length: 10_000 }, (_, i) => `line ${chunk * 10_000 + i + 1}\n`).join(''));
    const tail = await readLogTail(big, { maxLines: 100, maxChars: 4096, maxLineChars: 100 });
    assert.equal(tail.total, 300_000);
    assert.equal(tail.lines.length, 100);
    assert.deepEqual(texts(tail.lines.slice(-2)), ['line 299999', 'line 300000']);
    // The last three lines are 36 bytes: a budget of 36 holds them, one of 35 only two.
    assert.deepEqual(texts((await readLogTail(big, { maxLines: 10_000, maxChars: 36, maxLineChars: 100 })).lines), ['line 299998', 'line 299999', 'line 300000']);
    const bytes = await readLogTail(big, { maxLines: 10_000, maxChars: 35, maxLineChars: 100 });
    assert.deepEqual(texts(bytes.lines), ['line 299999', 'line 300000']);
    assert.equal(bytes.total, 300_000);
  });

  it('keeps a last line without a newline and never splits a line at the tail\'s edge', async () => {
    const file = join(dir, 'edge.log');
    writeFileSync(file, 'first\nsecond\nthird');
    assert.deepEqual(await readLogTail(file, limits), { lines: [{ text: 'first', stream: 'stdout' }, { text: 'second', stream: 'stdout' }, { text: 'third', stream: 'stdout' }], total: 3 });
    const cut = await readLogTail(file, { ...limits, maxChars: 12 }); // "second\nthird" is 12 bytes: exactly after a newline
    assert.deepEqual(texts(cut.lines), ['second', 'third']);
    assert.equal(cut.total, 3);
    writeFileSync(file, '');
    assert.deepEqual(await readLogTail(file, limits), { lines: [], total: 0 });
  });
});
