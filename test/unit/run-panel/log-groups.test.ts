import { strict as assert } from 'node:assert';
import type { LogLine } from '../../../src/protocol/run-panel';
import { commandOf, groupLines, LogGrouper, type LogNode } from '../../../src/webview/run-panel/log-groups';

const out = (...texts: string[]): LogLine[] => texts.map((text) => ({ text, stream: 'stdout' }));

/** A compact picture of the tree: lines as "n:text", groups as [title, ...children]. */
const picture = (nodes: readonly LogNode[]): unknown[] =>
  nodes.map((node) =>
    node.kind === 'line'
      ? `${node.number}:${node.lineKind ? `${node.lineKind}:` : ''}${node.text}`
      : [`${node.number}:${node.title}${node.closed ? '' : ' (open)'}`, ...picture(node.children)],
  );

describe('run panel: log groups', () => {
  it('folds ::group:: ... ::endgroup:: into a group titled by the marker, numbering every line', () => {
    assert.deepEqual(picture(groupLines(out('before', '::group::Install deps', 'npm ci', 'added 3', '::endgroup::', 'after'))), [
      '1:before',
      ['2:Install deps', '3:npm ci', '4:added 3'],
      '6:after',
    ]);
  });

  it('reads the older ##[group] form and mixed case, and numbers from the first shown line', () => {
    assert.deepEqual(picture(groupLines(out('##[group]Old style', 'x', '##[endgroup]', '  ::GROUP::Upper', 'y', '::EndGroup::'), 101)), [
      ['101:Old style', '102:x'],
      ['104:Upper', '105:y'],
    ]);
  });

  it('nests groups, keeps an unclosed group open (a live step) and drops a stray endgroup', () => {
    assert.deepEqual(picture(groupLines(out('::endgroup::', '::group::outer', '::group::inner', 'a', '::endgroup::', 'b'))), [
      ['2:outer (open)', ['3:inner', '4:a'], '6:b'],
    ]);
  });

  it('stops nesting at the depth limit: a deeper group replaces the innermost one', () => {
    const tree = groupLines(out('::group::1', '::group::2', '::group::3', 'x'), 1, 2);
    assert.deepEqual(picture(tree), [['1:1 (open)', ['2:2'], ['3:3 (open)', '4:x']]]);
  });

  it('treats markers as plain output between ::stop-commands:: and its token, as the runner does', () => {
    assert.deepEqual(picture(groupLines(out('::stop-commands::pause', '::group::not a group', '::pause::', '::group::real', 'z'))), [
      '1:command:::stop-commands::pause',
      '2:::group::not a group',
      '3:::pause::',
      ['4:real (open)', '5:z'],
    ]);
  });

  it("never reads the runner's own lines as commands", () => {
    assert.deepEqual(picture(groupLines([{ text: '::group::from the runner', stream: 'runner' }])), ['1:::group::from the runner']);
  });

  it('labels annotation and debug lines and dims other commands', () => {
    assert.deepEqual(
      picture(
        groupLines(
          out('::error file=a.ts,line=3::bad thing', '::warning::careful', '::notice title=T::fyi', '::debug::detail', '::add-mask::***', '::unknown::text'),
        ),
      ),
      [
        '1:error:Error: bad thing',
        '2:warning:Warning: careful',
        '3:notice:Notice: fyi',
        '4:debug:Debug: detail',
        '5:command:::add-mask::***',
        '6:::unknown::text',
      ],
    );
  });

  it('keeps markup in titles and lines as text', () => {
    assert.deepEqual(picture(groupLines(out('::group::<script>alert(1)</script>', '<img src=x onerror=alert(1)>'))), [
      ['1:<script>alert(1)</script> (open)', '2:<img src=x onerror=alert(1)>'],
    ]);
  });

  it('reports commands like the runner parses them', () => {
    assert.deepEqual(commandOf('::group::Title\r'), { name: 'group', message: 'Title' });
    assert.equal(commandOf('text ::group::Title'), undefined);
    assert.deepEqual(commandOf('text ##[group]Title'), { name: 'group', message: 'Title' });
    const grouper = new LogGrouper();
    assert.deepEqual(grouper.push({ text: '::endgroup::', stream: 'stdout' }, 1), []);
    assert.equal(grouper.openGroups, 0);
    grouper.push({ text: '::group::a', stream: 'stdout' }, 2);
    assert.equal(grouper.openGroups, 1);
  });
});
