import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { scalarPlaces } from '../../../src/core/pipelines/github/expression-places';
import { composedFacts, isTemplatePlace } from '../../../src/core/pipelines/yaml/composed-facts';
import { reparseAfterEdit } from '../../../src/core/pipelines/yaml/reparse-after-edit';
import { composeDocument } from '../../../src/core/pipelines/yaml/fast/fast-document';
import { Unsupported } from '../../../src/core/pipelines/yaml/fast/unsupported';
import { PARSE_OPTIONS, parseSource } from '../../../src/core/pipelines/yaml/source-file';
import { CORPUS_ROOT, corpusAvailable, corpusSkipReason, filesUnder } from '../../support/corpus';
import { seeded, type Random } from '../../support/random';
import { compareWithYaml } from './fast-yaml-compare';

const lines = (...text: string[]): string => text.join('\n');

/** Each must be built by the fast composer and equal parseDocument's tree. */
const BUILT: Record<string, string> = {
  'block literal, clip/strip/keep': lines('a: |', '  one', '    two', '', '  three', '', '', 'b: |-', '  x', '', 'c: |+', '  y', '', '', 'd: end'),
  'block folded': lines('a: >', '  one', '  two', '', '  three', '    more', '  four', 'b: >-', '  x', 'c: >+', '  y', '', 'd: >', 'e: |', '', 'f: 1'),
  'block scalar with a header comment and trailing blank lines': lines('run: | # script', '  echo hi', '     ', '', 'next: 1', ''),
  'block scalar at the end without a line break': 'a: |\n  x',
  'empty block scalar at the end': 'a: |',
  'quoted escapes': lines('a: "tab\\t nl\\n quote\\" slash\\/ \\x41\\u00e9\\U0001F600 \\\\"', "b: 'it''s'", 'c: ""', "d: ''", '"k y": 1', "'s': 2"),
  'multi-line plain scalars': lines('a: one', '  two', '', '  three', '', 'b:', '  x', '   y', '- z: 1'.slice(0, 0) + 'c: last'),
  'anchors, aliases and merge keys': lines(
    'base: &base',
    '  a: 1',
    '  b: [x, y]',
    'list: &l',
    '  - 1',
    'use:',
    '  <<: *base',
    '  b: 2',
    'again: *l',
    'scalar: &s text',
    'ref: *s',
    '"<<": quoted',
  ),
  'merge key with a list of aliases, aliases in flow': lines('a: &a {x: 1}', 'b: &b {y: 2}', 'c:', '  <<: [ *a , *b ]', '  d: {x: *a }'),
  'empty values and comments': lines(
    '# head',
    'a:',
    'b: # c',
    '  # deeper',
    '',
    '# shallow',
    'c:',
    '  # d',
    'd:',
    '- 1',
    'e:',
    '  -',
    '  - # x',
    '',
    '  # y',
    '  -',
    'f: 1 # t',
    '    # deep',
    '',
    '  # less',
    '',
    'g: end',
    '# tail',
    '',
  ),
  'comments left in nested collections': lines(
    'a:',
    '  b:',
    '    c: 1',
    '    # same as c',
    '  # same as b',
    '# root',
    'd:',
    '  - x',
    '  # same as the list',
    'e: |',
    '  s',
    ' # shallow',
    'f: 2',
  ),
  'numbers, booleans and nulls (YAML 1.2)': lines(
    'a: 010',
    'b: 0o17',
    'c: 0x1F',
    'd: 1e3',
    'e: .inf',
    'f: -.Inf',
    'g: .nan',
    'h: 3.10',
    'i: yes',
    'j: on',
    'k: true',
    'l: False',
    'm: ~',
    'n: null',
    'o: -1',
    'p: +2.5',
    'q: 1_000',
    'r: 0.',
    's: .5',
    'true: key',
    '1: key',
    'null: key',
    'on: key',
  ),
  'flow collections': lines(
    'a: [a, "b", \'c\', 1, true]',
    'b: {x: 1, "y": [2, 3], z: {w: v}}',
    'c: []',
    'd: {}',
    'e: [ a , b, ]',
    'f: [http://x, a-b]',
    'g: ${{ matrix.os }}',
  ),
  'flow sequences over several lines': lines(
    'a:',
    '  [',
    '    x,',
    '    "y" ,',
    '',
    '    [p,',
    '     q], z',
    '  ]',
    'b: [c,',
    '  d,',
    ']',
    'c:',
    '  - [',
    '      e',
    '    ]',
  ),
  'compact mappings in sequences': lines(
    'steps:',
    '  - name: a',
    '    run: |',
    '      echo',
    '  -   uses: x@v1',
    '      with:',
    '        k: v',
    '  - "quoted": key',
    '  - plain',
    'after: 1',
  ),
  'sequence at the mapping key column': lines('a:', '- 1', '- 2', 'b:', '- c: 3', '  d: 4'),
  'indented root and document start marker': lines('# c', '---  # start', '  a: 1', '  b:', '    - x', ''),
  'plain scalars with indicators inside': lines('a: b:c', 'b: x#y', 'c: -x', 'd: ?y', 'e: :z', 'f: "a: b"', 'g: a, b', 'h: [x]y'.slice(0, 0) + 'h: 50%'),
  'no final line break, trailing spaces': 'a: 1\nb:   \nc: x   ',
  'CRLF line ends (a Windows checkout): block scalars, comments, flows, folded plain text, empty values': [
    'a: |',
    '  one',
    '',
    '  two  ',
    'b: >-',
    '  x',
    '  y',
    'c: [1, 2] # c',
    'd:',
    '  - e: 1',
    '  -',
    '  - "q"',
    'f:',
    'g: plain',
    '  text',
    '',
    '  more',
    '# end',
    '',
  ].join('\r\n'),
  'a byte order mark (Windows editors write one)': '\ufeffa: 1\nb:\n  - "x"\n  - [y, z]\n',
  'a byte order mark before a list of mappings (an error in yaml, which counts the mark as indentation)': '\ufeff- a: 1\n  b: 2\n',
  'a byte order mark before CRLF line ends': '\ufeff# c\r\na: |\r\n  one\r\nb: 2\r\n',
  'a byte order mark before a document start marker': '\ufeff---\na: 1\n',
  "GitLab's !reference (flow lists, a block list on the next lines, list items, comments)": lines(
    'a: !reference [.x, script]',
    'b:',
    '  - !reference  [ .y ,  before_script ] # c',
    '  - echo',
    'c: !reference',
    '  - .z',
    '  - rules',
    'd: !reference # c',
    '  - .w',
    'e: 1',
  ),
};

/** Each must be declined (yaml then parses it), usually because yaml reports an error or the construct is left to it. */
const DECLINED: Record<string, string> = {
  tab: 'a:\tb',
  'a carriage return without a line feed': 'a: 1\rb: 2\n',
  'a tag other than !reference': 'a: !!binary aGk=',
  'a local tag': 'a: !custom [x]',
  '!reference on text': 'a: !reference x',
  '!reference on a mapping': 'a: !reference {x: 1}',
  '!reference inside a flow list': 'a: [!reference [x, y]]',
  directive: '%YAML 1.2\n---\na: 1',
  'two documents': 'a: 1\n---\nb: 2',
  'multi-line quotes': 'a: "one\n  two"',
  'multi-line flow map': 'a: {\n  x: 1}',
  'flow line not indented enough': 'a:\n  - [\n  x]',
  'comment in a flow sequence': 'a: [x, # c\n  y]',
  'mapping in a compact mapping': 'a: b: c',
  'bad indentation': 'a: 1\n  b: 2',
  'unclosed quote': 'a: "x',
  'text after a quote': 'a: "x" y',
  'key over two lines': 'a\n: b',
  'indentation indicator': 'a: |2\n   x',
  'explicit key': '? a\n: b',
  'scalar document': 'just text',
  empty: '# only a comment\n',
};

describe('fast YAML composer', () => {
  for (const [name, text] of Object.entries(BUILT)) {
    it(`builds yaml's tree: ${name}`, () => {
      assert.deepEqual(compareWithYaml(text), { outcome: 'same' });
    });
  }

  it('declines what it leaves to yaml', () => {
    for (const [name, text] of Object.entries(DECLINED)) assert.equal(compareWithYaml(text).outcome, 'declined', name);
  });

  it('resolves plain scalars like the core schema, on 4,000 short strings', () => {
    const random = seeded(7);
    const alphabet = ['0', '1', '7', '9', 'x', 'o', 'e', 'E', '.', '+', '-', '_', 'i', 'n', 'f', 'N', 'a', 'T', 't', 'r', 'u', 'F', 'l', 's', '~', '<', 'y'];
    for (let index = 0; index < 4000; index++) {
      const value = Array.from({ length: 1 + random.int(5) }, () => random.pick(alphabet)).join('');
      const text = `${value}: ${value}\n`;
      const comparison = compareWithYaml(text);
      assert.notEqual(comparison.outcome, 'different', `${JSON.stringify(text)}: ${JSON.stringify(comparison)}`);
    }
  });

  it('pins the schema tests its string shortcut relies on', () => {
    // plainScalar skips the tag tests for values that cannot match any of these.
    const tests = parseDocument('a: 1', PARSE_OPTIONS).schema.tags.flatMap((tag) => ('test' in tag && tag.test ? [tag.test.source] : []));
    assert.deepEqual(tests, [
      '^(?:~|[Nn]ull|NULL)?$',
      '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$',
      '^0o[0-7]+$',
      '^[-+]?[0-9]+$',
      '^0x[0-9a-fA-F]+$',
      '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
      '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
      '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
      '^<<$',
    ]);
  });

  it('never builds a tree that differs from yaml, on 3,000 random documents', () => {
    const random = seeded(11);
    let built = 0;
    for (let index = 0; index < 3000; index++) {
      const text = randomDocument(random);
      const comparison = compareWithYaml(text);
      assert.notEqual(comparison.outcome, 'different', `${JSON.stringify(text)}: ${JSON.stringify(comparison)}`);
      if (comparison.outcome === 'same') built++;
    }
    assert.ok(built > 1500, `most random documents are built (${built})`);
  });

  it('never builds a tree that differs from yaml, on 1,000 random documents with CRLF line ends (half of them after a byte order mark)', () => {
    const random = seeded(13);
    let built = 0;
    for (let index = 0; index < 1000; index++) {
      const text = (index % 2 ? '\ufeff' : '') + randomDocument(random).replace(/\n/g, '\r\n');
      const comparison = compareWithYaml(text);
      assert.notEqual(comparison.outcome, 'different', `${JSON.stringify(text)}: ${JSON.stringify(comparison)}`);
      if (comparison.outcome === 'same') built++;
    }
    assert.ok(built > 500, `most are built (${built})`);
  });

  it('gives parseSource the same document either way, without comments', () => {
    const text = lines('# c', 'a: 1 # c', 'b:', '  # c', '  - x');
    const fast = parseSource(text, '').doc;
    const yaml = parseSource(`${text}\n\t# a tab sends it to yaml`, '').doc;
    assert.ok(!(composeDocument(text, PARSE_OPTIONS) instanceof Unsupported) && composeDocument(`${text}\n\t`, PARSE_OPTIONS) instanceof Unsupported);
    assert.equal(JSON.stringify(fast.contents), JSON.stringify(yaml.contents));
    const stack: unknown[] = [yaml.contents];
    while (stack.length > 0) {
      const node = stack.pop() as Record<string, unknown> | null;
      if (!node || typeof node !== 'object') continue;
      for (const field of ['comment', 'commentBefore', 'spaceBefore']) assert.ok(!(field in node), `${field} removed`);
      stack.push(...((node.items as unknown[] | undefined) ?? []), node.key, node.value);
    }
  });

  it('reads a byte order mark as no content when yaml parses too: errors and nodes at their place in the file', () => {
    const text = '\ufeff- a: 1\n  b: "x\n';
    const source = parseSource(text, '');
    assert.ok(composeDocument(text, PARSE_OPTIONS) instanceof Unsupported, 'the unclosed quote goes to yaml');
    assert.deepEqual(
      source.doc.errors.map((error) => source.rangeOf(error.pos[0], error.pos[1]).start),
      [{ line: 3, column: 1 }],
      'one error, the unclosed quote at the end of the text (none for the mark)',
    );
    const first = (source.doc.contents as { items: { items: { key: { range: number[] } }[] }[] }).items[0]?.items[0];
    assert.equal(text.slice(first?.key.range[0], first?.key.range[1]), 'a');
  });
});

describe(`fast YAML composer on the real-world corpus${corpusSkipReason}`, function () {
  this.timeout(120000);
  before(function () {
    if (!corpusAvailable) this.skip();
  });

  const yamlFiles = (dir: string): string[] => filesUnder(dir).filter((path) => /\.ya?ml$/i.test(path));

  it('builds the same tree as parseDocument for every file it builds (github, azure, gitlab)', () => {
    const declined: Record<string, number> = {};
    let built = 0;
    for (const kind of ['github', 'azure', 'gitlab']) {
      for (const path of yamlFiles(join(CORPUS_ROOT, kind))) {
        const comparison = compareWithYaml(readFileSync(path, 'utf8'));
        if (comparison.outcome === 'different') assert.fail(`${path}: ${comparison.detail}`);
        if (comparison.outcome === 'declined') declined[comparison.reason] = (declined[comparison.reason] ?? 0) + 1;
        else built++;
      }
    }
    assert.ok(built > 1000, `most files are built by the fast composer (${built}; declined: ${JSON.stringify(declined)})`);
  });

  it('builds at least 98 % of github/real (the benchmark corpus)', () => {
    const files = yamlFiles(join(CORPUS_ROOT, 'github', 'real'));
    const built = files.filter((path) => !(composeDocument(readFileSync(path, 'utf8'), PARSE_OPTIONS) instanceof Unsupported)).length;
    assert.ok(built >= files.length * 0.98, `${built} of ${files.length}`);
  });

  it('never builds a tree that differs from yaml on 3,000 edited pieces of real files', () => {
    const texts = yamlFiles(join(CORPUS_ROOT, 'github', 'real')).map((path) => readFileSync(path, 'utf8'));
    const random = seeded(5);
    for (let index = 0; index < 3000; index++) {
      const text = editedWindow(random.pick(texts), random);
      const comparison = compareWithYaml(text);
      assert.notEqual(comparison.outcome, 'different', `${JSON.stringify(text)}: ${JSON.stringify(comparison)}`);
    }
  });
});

const EDITS = [
  'x',
  ' ',
  ':',
  ': ',
  ' #',
  '#',
  '\n',
  '\n\n',
  '\n  # c\n',
  '\n# c\n',
  '"',
  "'",
  '- ',
  '&a ',
  '*a',
  '|',
  '>-',
  '1',
  '0x1F',
  'true',
  '~',
  '[',
  ']',
  '{',
  '}',
  ',',
  '[a, b]',
  '{a: 1}',
  '<<: *a\n',
  '\\',
  '?',
  '!',
  '%',
  '---\n',
  '  - ',
  'k:',
  '\n  k: v',
];

/** Some 5-45 lines of a real file, with one to three random edits. */
function editedWindow(text: string, random: Random): string {
  const all = text.split('\n');
  const from = random.int(all.length);
  let piece = `${all.slice(from, from + 5 + random.int(40)).join('\n')}\n`;
  for (let edit = 1 + random.int(3); edit > 0; edit--) {
    const at = random.int(piece.length + 1);
    const choice = random.int(3);
    if (choice === 0) piece = piece.slice(0, at) + random.pick(EDITS) + piece.slice(at);
    else if (choice === 1) piece = piece.slice(0, at) + piece.slice(at + 1 + random.int(3));
    else piece = piece.replace(/\n +/, `\n${' '.repeat(random.int(6))}`);
  }
  return piece;
}

const SCALARS = [
  'a',
  'two words',
  '1',
  '010',
  '0x1F',
  '1e3',
  '3.10',
  '.inf',
  'true',
  'yes',
  '~',
  '"q"',
  '"a\\tb"',
  "'it''s'",
  '[a, b]',
  '{x: 1}',
  '[]',
  '*x',
  '${{ x }}',
  'a:b',
  'x # y',
  '<<',
];

/** A random block document: nested mappings and sequences, all scalar styles, comments and blank lines anywhere. */
function randomDocument(random: Random): string {
  const pad = (count: number): string => ' '.repeat(count);
  const trivia = (indent: number): string => {
    let text = '';
    while (random.chance(0.3)) text += random.pick(['\n', `${pad(random.int(indent + 4))}# c\n`, `${pad(random.int(3))}\n`]);
    return text;
  };
  const value = (indent: number, depth: number, inSeq: boolean): string => {
    const tail = random.chance(0.2) ? ' # t' : '';
    const anchor = random.chance(0.05) ? ' &x' : '';
    const deeper = indent + 1 + random.int(3);
    switch (random.int(depth > 3 ? 4 : 7)) {
      case 0:
        if (random.chance(0.15))
          return ` [\n${pad(random.int(indent + 4))}a,${random.pick(['\n', ' ', '\n\n'])}${pad(random.int(indent + 4))}${random.pick(['"b"', '[c,\n d]', '{e: f}', 'g'])}${random.pick([',', ''])}\n${pad(random.int(indent + 3))}]${tail}\n`;
        return `${anchor} ${random.pick(SCALARS)}${tail}\n`;
      case 1:
        return `${tail}\n`;
      case 2: {
        let block = ` ${random.pick(['|', '>'])}${random.pick(['', '-', '+'])}${tail}\n`;
        for (let line = random.int(4); line > 0; line--)
          block += random.chance(0.2)
            ? `${pad(random.int(deeper + 3))}\n`
            : `${pad(deeper + (random.chance(0.2) ? 2 : 0))}${random.pick(['text', 'x: y', '# no comment'])}\n`;
        return block;
      }
      case 3:
        return ` one\n${pad(deeper)}two\n${random.chance(0.3) ? `\n${pad(deeper)}three\n` : ''}`;
      case 4:
      case 5:
        return `${anchor}${tail}\n${trivia(deeper)}${mapping(inSeq && random.chance(0.5) ? indent : deeper, depth + 1, false)}`;
      default:
        return `${anchor}${tail}\n${trivia(deeper)}${sequence(!inSeq && random.chance(0.4) ? indent : deeper, depth + 1)}`;
    }
  };
  const mapping = (indent: number, depth: number, compact: boolean): string => {
    let text = '';
    for (let index = 0, count = 1 + random.int(4); index < count; index++) {
      const key = random.pick(['k', 'on', 'true', '1', '"q k"', "'s'", '<<', 'a b']);
      text += (index === 0 && compact ? '' : pad(indent)) + key + ':' + (key === '<<' ? ' *x\n' : value(indent, depth, false)) + trivia(indent);
    }
    return text;
  };
  const sequence = (indent: number, depth: number): string => {
    let text = '';
    for (let index = 0, count = 1 + random.int(4); index < count; index++) {
      text += pad(indent) + (random.chance(0.3) && depth < 4 ? `- ${mapping(indent + 2, depth + 1, true)}` : `-${value(indent, depth, true)}`) + trivia(indent);
    }
    return text;
  };
  const text =
    (random.chance(0.2) ? '# head\n' : '') +
    (random.chance(0.1) ? '---\n' : '') +
    trivia(0) +
    (random.chance(0.8) ? mapping(random.chance(0.1) ? 2 : 0, 0, false) : sequence(0, 0));
  return random.chance(0.2) ? text.replace(/\n$/, '') : text;
}

describe(`fast YAML composer: the facts it notes for the rules${corpusSkipReason}`, function () {
  this.timeout(120000);
  before(function () {
    if (!corpusAvailable) this.skip();
  });

  /** The facts as the rules' own walks find them. */
  function walkedFacts(doc: Document): { anchors: boolean; aliases: boolean; tags: boolean; repeatedKeyMaps: unknown[]; templatePlaces: string[] } {
    const facts = {
      anchors: false,
      aliases: false,
      tags: false,
      repeatedKeyMaps: [] as unknown[],
      templatePlaces: scalarPlaces(doc, (node, last) => isTemplatePlace(node.value, last)).map(describePlace),
    };
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isAlias(node)) facts.aliases = true;
      if (!isMap(node) && !isSeq(node) && !isScalar(node)) continue;
      if (node.anchor) facts.anchors = true;
      if (node.tag) facts.tags = true;
      if (isSeq(node)) stack.push(...node.items);
      if (!isMap(node)) continue;
      const keys = node.items.map((pair) => String((pair.key as { value?: unknown }).value).toLowerCase());
      if (new Set(keys).size < keys.length) facts.repeatedKeyMaps.push(node);
      for (const pair of node.items) stack.push(pair.key, pair.value);
    }
    return facts;
  }
  const describePlace = (place: { node: { range?: unknown }; path: readonly unknown[] }): string =>
    `${JSON.stringify(place.path)}@${JSON.stringify(place.node.range)}`;

  it('lists what the walks find: anchors, aliases, tags, mappings with repeated keys, template values with their paths (github, azure, gitlab)', () => {
    let withTemplates = 0;
    let withRepeats = 0;
    let withAliases = 0;
    let withTags = 0;
    for (const kind of ['github', 'azure', 'gitlab']) {
      for (const path of filesUnder(join(CORPUS_ROOT, kind)).filter((file) => /\.ya?ml$/i.test(file))) {
        const doc = parseSource(readFileSync(path, 'utf8'), path).doc;
        const facts = composedFacts(doc);
        if (!facts) continue;
        const walked = walkedFacts(doc);
        assert.equal(facts.anchors, walked.anchors, `${path}: anchors`);
        assert.equal(facts.aliases, walked.aliases, `${path}: aliases`);
        assert.equal(facts.tags, walked.tags, `${path}: tags`);
        if (facts.aliases) withAliases++;
        if (facts.tags) withTags++;
        assert.deepEqual(new Set(facts.repeatedKeyMaps), new Set(walked.repeatedKeyMaps), `${path}: mappings with repeated keys`);
        assert.deepEqual(facts.templatePlaces.map(describePlace), walked.templatePlaces, `${path}: template places`);
        if (facts.templatePlaces.length > 0) withTemplates++;
        if (facts.repeatedKeyMaps.length > 0) withRepeats++;
      }
    }
    assert.ok(
      withTemplates > 300 && withRepeats > 0 && withAliases > 0 && withTags > 0,
      `the corpus exercises them (${withTemplates} files with templates, ${withRepeats} with repeated keys, ${withAliases} with aliases, ${withTags} with tags)`,
    );
  });

  it('forgets them when a parse is patched after an edit', () => {
    const text = lines('jobs:', '  a:', '    steps:', '      - run: echo one', '');
    const source = parseSource(text, '');
    assert.deepEqual(composedFacts(source.doc)?.templatePlaces, []);
    const patched = reparseAfterEdit(source, text.replace('echo one', 'echo ${{ x }}'));
    assert.ok(patched, 'the edit is patched');
    assert.equal(composedFacts(patched.doc), undefined);
  });
});
