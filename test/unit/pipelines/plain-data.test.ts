import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { plainDataOf } from '../../../src/core/pipelines/schema/plain-data';
import { MAX_ALIAS_COUNT, PARSE_OPTIONS } from '../../../src/core/pipelines/yaml/source-file';
import { CORPUS_ROOT, corpusAvailable, filesUnder } from '../../support/corpus';

/** Same data and the same key order as yaml's own conversion (mappings may come without a prototype: compared as clones). */
function assertAsYaml(text: string): void {
  const doc = parseDocument(text, PARSE_OPTIONS);
  const expected = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  const actual = plainDataOf(doc);
  assert.deepEqual(structuredClone(actual), expected, text.slice(0, 200));
  assert.equal(JSON.stringify(actual), JSON.stringify(expected));
}

describe('plainDataOf: the document as data for the schema', () => {
  it('converts like doc.toJS, odd keys, merge keys and aliases included', () => {
    for (const text of [
      'on: push\njobs:\n  a:\n    steps: [{ run: x }, 1, 2.5, true, null, ~]\n',
      '1: one\ntrue: yes\nnull: nothing\n~: tilde\n"": empty\n',
      'constructor: a\n__proto__: b\ntoString: c\nk: 1\nk: 2\n',
      'a: &x { b: 1 }\nc:\n  <<: *x\n  d: 2\n',
      '"<<": quoted\n',
      '? [complex, key]\n: value\n',
      '',
      '# only a comment\n',
      'plain scalar',
      '- a\n- - b\n  - c\n',
      'empty:\nlist: []\nmap: {}\n',
    ]) {
      assertAsYaml(text);
    }
  });

  it('throws as yaml does on aliases that expand too much', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level++)
      lines.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    assert.throws(() => plainDataOf(parseDocument(lines.join('\n'), PARSE_OPTIONS)), /alias/i);
  });

  it('converts every real workflow like doc.toJS', function () {
    if (!corpusAvailable) this.skip();
    const files = [...filesUnder(join(CORPUS_ROOT, 'github', 'real')), ...filesUnder(join(CORPUS_ROOT, 'github', 'actionlint-ok'))];
    for (const path of files) if (/\.ya?ml$/.test(path)) assertAsYaml(readFileSync(path, 'utf8'));
  });
});
