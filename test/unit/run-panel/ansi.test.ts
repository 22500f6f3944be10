import { strict as assert } from 'node:assert';
import { applySgr, colour256, parseAnsi, stripAnsi } from '../../../src/webview/run-panel/ansi';

const ESC = '\x1b';
const simple = (line: string) => parseAnsi(line).map((segment) => [segment.text, segment.classes.join(' '), segment.color ?? '', segment.background ?? '']);

describe('run panel: ANSI colours', () => {
  it('turns the 16 colours and their bright forms into theme classes', () => {
    assert.deepEqual(simple(`a${ESC}[31mred${ESC}[0m b${ESC}[92mgreen${ESC}[44mblue bg${ESC}[m`), [
      ['a', '', '', ''],
      ['red', 'ansi-fg-1', '', ''],
      [' b', '', '', ''],
      ['green', 'ansi-fg-10', '', ''],
      ['blue bg', 'ansi-fg-10 ansi-bg-4', '', ''],
    ]);
    assert.deepEqual(simple(`${ESC}[103mx`), [['x', 'ansi-bg-11', '', '']]);
  });

  it('reads bold, dim, italic, underline, strikethrough and their resets', () => {
    assert.deepEqual(simple(`${ESC}[1;3;4mA${ESC}[22mB${ESC}[23;24mC${ESC}[2;9mD${ESC}[29mE`), [
      ['A', 'ansi-bold ansi-italic ansi-underline', '', ''],
      ['B', 'ansi-italic ansi-underline', '', ''],
      ['C', '', '', ''],
      ['D', 'ansi-dim ansi-strike', '', ''],
      ['E', 'ansi-dim', '', ''],
    ]);
  });

  it('computes 256-colour and truecolour values, in both parameter forms', () => {
    assert.deepEqual(simple(`${ESC}[38;5;9mA${ESC}[38;5;196mB${ESC}[48;5;244mC`), [
      ['A', 'ansi-fg-9', '', ''],
      ['B', '', '#ff0000', ''],
      ['C', '', '#ff0000', '#808080'],
    ]);
    assert.deepEqual(simple(`${ESC}[38;2;1;2;255mA${ESC}[38:2::16:32:48mB${ESC}[48:5:1mC`), [
      ['A', '', '#0102ff', ''],
      ['B', '', '#102030', ''],
      ['C', 'ansi-bg-1', '#102030', ''],
    ]);
    assert.equal(colour256(256), undefined);
    assert.deepEqual(colour256(16), { hex: '#000000' });
    assert.deepEqual(colour256(231), { hex: '#ffffff' });
  });

  it('ignores malformed colours instead of inventing one', () => {
    assert.deepEqual(simple(`${ESC}[38;2;300;0;0mA${ESC}[38;5mB${ESC}[31;38;7mC`), [
      ['AB', '', '', ''],
      ['C', 'ansi-fg-1', '', ''],
    ]);
    assert.deepEqual(applySgr({ bold: true }, ''), {});
  });

  it('swaps colours on inverse, using the theme colours when none is set', () => {
    assert.deepEqual(simple(`${ESC}[7mA${ESC}[31mB${ESC}[27mC`), [
      ['A', 'ansi-fg-inverse ansi-bg-inverse', '', ''],
      ['B', 'ansi-fg-inverse ansi-bg-1', '', ''],
      ['C', 'ansi-fg-1', '', ''],
    ]);
  });

  it('strips other escape sequences and control characters, keeping the text', () => {
    const line = `${ESC}[2K${ESC}[1Gstart ${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}(B${ESC}]0;title\x07end\x07\x00`;
    assert.equal(stripAnsi(line), 'start link end');
  });

  it('shows only what follows a carriage return, as a terminal would, and drops a trailing one', () => {
    assert.equal(stripAnsi('progress 10%\rprogress 100%'), 'progress 100%');
    assert.equal(stripAnsi('windows line\r'), 'windows line');
    assert.deepEqual(simple(`${ESC}[32m10%\r100%`), [['100%', 'ansi-fg-2', '', '']]);
  });

  it('keeps markup-like text as text: segments carry no HTML', () => {
    const segments = parseAnsi(`<script>alert(1)</script>${ESC}[31m<img src=x onerror=alert(1)>`);
    assert.deepEqual(
      segments.map((segment) => segment.text),
      ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'],
    );
    for (const segment of segments) for (const name of segment.classes) assert.match(name, /^ansi-[a-z0-9-]+$/);
  });

  it('merges neighbours with the same look', () => {
    assert.equal(parseAnsi(`a${ESC}[0mb${ESC}[31m${ESC}[31mc${ESC}[39mc`).length, 3);
  });
});
