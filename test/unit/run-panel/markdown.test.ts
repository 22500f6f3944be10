import { strict as assert } from 'node:assert';
import { parseMarkdown, safeHref, splitRow, type MdBlock, type MdInline } from '../../../src/webview/run-panel/markdown';
import { parseInline } from '../../../src/webview/run-panel/markdown-inline';

/** Inline nodes as a compact string: **x** -> S(x), *x* -> E(x), `x` -> C(x), links -> L(href|text). */
const flat = (nodes: readonly MdInline[]): string =>
  nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return node.text;
        case 'code':
          return `C(${node.text})`;
        case 'break':
          return '⏎';
        case 'link':
          return `L(${node.href ?? '-'}|${flat(node.children)})`;
        default:
          return `${node.kind[0]?.toUpperCase()}(${flat(node.children)})`;
      }
    })
    .join('');

const kinds = (blocks: readonly MdBlock[]) => blocks.map((block) => block.kind);

describe('run panel: summary Markdown', () => {
  it('parses headings, paragraphs, rules and fenced code', () => {
    const blocks = parseMarkdown('# Title #\n\nSome *text*\nwrapped.\n\n---\n```ts\nconst a = 1;\n\n```\nSub\n===\n');
    assert.deepEqual(kinds(blocks), ['heading', 'paragraph', 'rule', 'code', 'heading']);
    assert.deepEqual(blocks[0], { kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Title' }] });
    assert.equal(blocks[1]?.kind === 'paragraph' && flat(blocks[1].children), 'Some E(text) wrapped.');
    assert.deepEqual(blocks[3], { kind: 'code', lang: 'ts', text: 'const a = 1;\n' });
    assert.equal(blocks[4]?.kind === 'heading' && blocks[4].level, 1);
  });

  it('parses inline code, strong, emphasis, strikethrough, escapes and breaks', () => {
    assert.equal(flat(parseInline('a **b _c_** `x ** y` ~~d~~ \\*e\\* snake_case_name 2 * 3 * 4')), 'a S(b E(c)) C(x ** y) D(d) *e* snake_case_name 2 * 3 * 4');
    assert.equal(flat(parseInline('line  \nnext<br>last\\\nend')), 'line⏎next⏎last⏎end');
    assert.equal(flat(parseInline('`` a ` b `` &lt;ok&gt; &amp;')), 'C(a ` b) <ok> &');
    assert.equal(flat(parseInline('**unclosed and `open')), '**unclosed and `open');
  });

  it('parses nested lists, ordered lists with their start, and task boxes', () => {
    const [list] = parseMarkdown('- one\n  - nested\n- [x] done\n- [ ] todo\n\n3. three\n4. four');
    assert.ok(list?.kind === 'list' && !list.ordered);
    assert.equal(list.items.length, 3);
    assert.deepEqual(kinds(list.items[0]?.children ?? []), ['paragraph', 'list']);
    assert.deepEqual(
      list.items.map((item) => item.checked),
      [undefined, true, false],
    );
    const ordered = parseMarkdown('- a\n\n3. three\n4. four')[1];
    assert.ok(ordered?.kind === 'list' && ordered.ordered && ordered.start === 3 && ordered.items.length === 2);
  });

  it('parses GitHub tables with alignment, escaped pipes and ragged rows', () => {
    const [table] = parseMarkdown('| Test | Result | Time |\n|:-----|:------:|----:|\n| `a\\|b` | ✅ pass | 1 s |\n| short |\n\nafter');
    assert.ok(table?.kind === 'table');
    assert.deepEqual(table.align, ['left', 'center', 'right']);
    assert.deepEqual(table.header.map(flat), ['Test', 'Result', 'Time']);
    assert.deepEqual(
      table.rows.map((row) => row.map(flat)),
      [
        ['C(a|b)', '✅ pass', '1 s'],
        ['short', '', ''],
      ],
    );
    assert.deepEqual(splitRow('a | b'), ['a', 'b']);
    assert.deepEqual(kinds(parseMarkdown('a | b\n--|--\n1 | 2')), ['table']);
    assert.deepEqual(kinds(parseMarkdown('a | b\n--|--|--')), ['paragraph']);
  });

  it('parses block quotes', () => {
    const [quote] = parseMarkdown('> **Note**\n> quoted\n\nafter');
    assert.ok(quote?.kind === 'quote');
    assert.equal(quote.children[0]?.kind === 'paragraph' && flat(quote.children[0].children), 'S(Note) quoted');
  });

  it('links only to http and https: javascript:, data: and relative targets stay text', () => {
    assert.equal(
      flat(
        parseInline('[ok](https://example.com/a?b=1 "title") [bad](javascript:alert(1)) [data](data:text/html,x) [rel](src/a.ts) ![img](https://e.com/i.png)'),
      ),
      'L(https://example.com/a?b=1|ok) L(-|bad) L(-|data) L(-|rel) L(https://e.com/i.png|img)',
    );
    assert.equal(
      flat(parseInline('see https://example.com/x. and <https://e.com> and <javascript:alert(1)>')),
      'see L(https://example.com/x|https://example.com/x). and L(https://e.com/|https://e.com) and <javascript:alert(1)>',
    );
    assert.equal(safeHref(' JavaScript:alert(1)'), undefined);
    assert.equal(safeHref('https://[bad'), undefined);
    assert.equal(safeHref('HTTPS://Example.com'), 'https://example.com/');
  });

  it('keeps HTML as visible text, never as elements', () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n# <b>bold</b>');
    assert.deepEqual(
      blocks.map((block) => (block.kind === 'paragraph' || block.kind === 'heading' ? flat(block.children) : block.kind)),
      ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<b>bold</b>'],
    );
  });

  it('stays fast on hostile input', () => {
    const started = Date.now();
    parseMarkdown(`${'*'.repeat(50_000)} ${'['.repeat(1_000_000)} ${'`'.repeat(30)}x`); // ~6 s if every [ looked for its ]
    parseMarkdown(`${'> '.repeat(1000)}deep\n${'  '.repeat(500)}- item\n${'- \n'.repeat(5000)}${'\n'.repeat(20_000)}`);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('reads a heading with a long run of blanks in linear time, closing #s still dropped', () => {
    const started = Date.now();
    const [long] = parseMarkdown(`# a${' '.repeat(100_000)}b`); // ~18 s when the closing #s were matched by a backtracking regex
    assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
    assert.equal(long?.kind === 'heading' && flat(long.children).length, 100_002);
    const texts = parseMarkdown('# Title ##  \n## a#\n### #\n#### x \t###\n#5').map((block) => (block.kind === 'heading' ? flat(block.children) : block.kind));
    assert.deepEqual(texts, ['Title', 'a#', '#', 'x', 'paragraph']);
  });
});
