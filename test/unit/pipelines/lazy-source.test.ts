import { strict as assert } from 'node:assert';
import { parseSource, sourceWithLazyDocument } from '../../../src/core/pipelines/yaml/source-file';

describe('a source file whose document is parsed only when read', () => {
  const text = 'build:\n  script:\n    - make\r\n    - make test\n';

  it('places offsets as a parsed file does, without parsing', () => {
    let parses = 0;
    const lazy = sourceWithLazyDocument('/x.yml', text, () => {
      parses++;
      return parseSource(text, '/x.yml').doc;
    });
    const parsed = parseSource(text, '/x.yml');
    for (const offset of [0, 7, 20, 30, text.length]) assert.deepEqual(lazy.positionAt(offset), parsed.positionAt(offset));
    assert.deepEqual(lazy.rangeOf(9, 15), parsed.rangeOf(9, 15));
    assert.equal(parses, 0);
  });

  it('parses once, on the first read of the document', () => {
    let parses = 0;
    const lazy = sourceWithLazyDocument('/x.yml', text, () => {
      parses++;
      return parseSource(text, '/x.yml').doc;
    });
    assert.equal(lazy.doc.errors.length, 0);
    assert.ok(lazy.doc === lazy.doc);
    assert.equal(parses, 1);
  });
});
