import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { resolve } from '../../../src/core/pipelines/yaml/nodes';
import {
  isAlias as ownIsAlias,
  isMap as ownIsMap,
  isPair as ownIsPair,
  isScalar as ownIsScalar,
  isSeq as ownIsSeq,
} from '../../../src/core/pipelines/yaml/identity';
import { PARSE_OPTIONS } from '../../../src/core/pipelines/yaml/source-file';
import { CORPUS_ROOT, corpusAvailable, filesUnder } from '../../support/corpus';

function aliasesOf(doc: Document): unknown[] {
  const found: unknown[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) found.push(node);
    else if (isPair(node)) stack.push(node.key, node.value);
    else if (isMap(node) || isSeq(node)) stack.push(...(node.items as unknown[]));
  }
  return found;
}

/** Our indexed resolve must name what yaml's own (a walk per call) names, alias by alias. */
function assertSameTargets(text: string): number {
  const doc = parseDocument(text, PARSE_OPTIONS);
  const aliases = aliasesOf(doc);
  for (const alias of aliases) {
    if (!isAlias(alias)) continue;
    let expected: unknown;
    try {
      expected = alias.resolve(doc);
    } catch {
      expected = undefined;
    }
    assert.equal(resolve(doc, alias), expected, `*${alias.source} in ${JSON.stringify(text.slice(0, 80))}`);
  }
  return aliases.length;
}

describe('yaml nodes: alias resolution and type guards', () => {
  it('resolves each alias to the last anchor of that name before it, as yaml does', () => {
    const count = assertSameTargets(
      [
        'a: &x one',
        'b: *x',
        'c: &x { inner: &y two, again: *y }',
        'd: *x',
        'e: [*y, &y three, *y]',
        'f: *missing',
        'g: &self [1, *self]',
        'h:',
        '  <<: *x',
        '  k: v',
      ].join('\n'),
    );
    assert.equal(count, 8);
  });

  it('resolves the aliases of real workflows as yaml does', function () {
    if (!corpusAvailable) this.skip();
    let aliases = 0;
    for (const path of filesUnder(join(CORPUS_ROOT, 'github', 'real'))) {
      const text = readFileSync(path, 'utf8');
      if (path.endsWith('.yml') && text.includes('*')) aliases += assertSameTargets(text);
    }
    assert.ok(aliases > 0, 'the corpus has aliases');
  });

  it('tells node types apart exactly as yaml does', () => {
    const doc = parseDocument('a: &x [1, {b: c}]\nd: *x\n', PARSE_OPTIONS);
    const nodes: unknown[] = [doc.contents, null, undefined, 1, 'text', {}, doc];
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index];
      if (isMap(node) || isSeq(node)) nodes.push(...(node.items as unknown[]));
      if (isPair(node)) nodes.push(node.key, node.value);
    }
    for (const node of nodes) {
      assert.equal(ownIsAlias(node), isAlias(node));
      assert.equal(ownIsMap(node), isMap(node));
      assert.equal(ownIsPair(node), isPair(node));
      assert.equal(ownIsSeq(node), isSeq(node));
      assert.equal(ownIsScalar(node), isScalar(node));
    }
    assert.ok(nodes.some(ownIsAlias) && nodes.some(ownIsScalar) && nodes.some(ownIsPair));
  });
});
