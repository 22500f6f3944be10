import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { reparseAfterEdit } from '../../../src/core/pipelines/yaml/reparse-after-edit';
import { forgetParsedSources, parseSourceReusing } from '../../../src/core/pipelines/yaml/source-cache';
import { parseSource, type SourceFile } from '../../../src/core/pipelines/yaml/source-file';
import { CORPUS_ROOT, corpusAvailable, filesUnder } from '../../support/corpus';
import { seeded, type Random } from '../../support/random';

/** Everything a rule can read from a parsed file, as plain data. */
function dump(source: SourceFile): unknown {
  const node = (value: unknown): unknown => {
    if (isPair(value)) return { key: node(value.key), value: node(value.value) };
    if (isAlias(value)) return { alias: value.source, range: value.range };
    if (!isScalar(value) && !isMap(value) && !isSeq(value)) return value;
    const common = {
      range: value.range,
      anchor: value.anchor,
      tag: value.tag,
      comment: value.comment,
      commentBefore: value.commentBefore,
      spaceBefore: value.spaceBefore,
    };
    if (isScalar(value)) return { ...common, value: value.value, type: value.type, source: (value as { source?: unknown }).source };
    return { ...common, flow: value.flow, items: (value.items as unknown[]).map(node) };
  };
  const { doc } = source;
  return {
    text: source.text,
    lineStarts: source.lineStarts,
    range: doc.range,
    errors: doc.errors.length,
    warnings: doc.warnings.map((warning) => [warning.code, ...warning.pos]),
    contents: node(doc.contents),
    end: source.positionAt(source.text.length),
  };
}

const WORKFLOW = [
  'name: CI # the name',
  'on: [push, pull_request]',
  'env:',
  '  GREETING: "hello ${{ github.actor }}"',
  "  SINGLE: 'it''s'",
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo one # trailing',
  '      - name: Script',
  '        run: |',
  '          echo "${{ github.event.issue.title }}"',
  '            indented more',
  '',
  '          echo last',
  '      - run: >',
  '          folded text',
  '      - &shared',
  '        run: echo shared',
  '      - *shared',
  '      - run:',
  '          echo on its own line',
  '  test:',
  '    needs: build',
  '    runs-on: ubuntu-latest',
  '    steps: [{ run: echo flow }]',
  '',
].join('\n');

/** One edit at `at`: replace, insert or delete a character, or insert something structural. */
function edited(text: string, random: Random, at: number): string {
  const inserts = ['x', 'y', ' ', ':', ': ', ' #', '#', '"', "'", '-', '${{', '}}', '&a ', '*a', '\t', '|', '\n', '\r\n', '1', 'true'];
  switch (random.int(3)) {
    case 0:
      return text.slice(0, at) + random.pick(inserts) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + random.pick(inserts) + text.slice(at);
    default:
      return text.slice(0, at) + text.slice(at + 1);
  }
}

/** Applies `count` random edits one after another, checking each patched parse against a fresh one. */
function checkEdits(text: string, seed: number, count: number, pickOffset: (text: string, random: Random) => number): number {
  const random = seeded(seed);
  let source = parseSource(text, '/repo/ci.yml');
  let patched = 0;
  for (let index = 0; index < count; index++) {
    const next = edited(source.text, random, pickOffset(source.text, random));
    const fresh = parseSource(next, '/repo/ci.yml');
    const before = source.text;
    const reparsed = reparseAfterEdit(source, next);
    if (reparsed) {
      patched++;
      assert.deepEqual(dump(reparsed), dump(fresh), `seed ${seed}, edit ${index}: ${JSON.stringify(before)} -> ${JSON.stringify(next)}`);
    }
    // A broken file is never patched; carry on from the last sound one (left untouched when declined).
    if (reparsed || fresh.doc.errors.length === 0) source = reparsed ?? fresh;
  }
  return patched;
}

/** Offsets inside scalar values mostly (where patching applies), sometimes anywhere. */
function scalarOffset(text: string, random: Random): number {
  if (random.chance(0.2)) return random.int(text.length);
  const source = parseSource(text, '');
  const ranges: [number, number][] = [];
  const stack: unknown[] = [source.doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) stack.push(node.key, node.value);
    else if (isMap(node) || isSeq(node)) stack.push(...(node.items as unknown[]));
    else if (isScalar(node) && node.range && node.range[1] > node.range[0]) ranges.push([node.range[0], node.range[1]]);
  }
  const range = ranges.length > 0 ? random.pick(ranges) : ([0, text.length] as [number, number]);
  return range[0] + random.int(Math.max(1, range[1] - range[0] + 1));
}

describe('reparseAfterEdit: a patched parse equals a fresh one', () => {
  it('patches a one-letter edit in a | script and in a plain run: value', () => {
    const source = parseSource(WORKFLOW, '/repo/ci.yml');
    const inScript = WORKFLOW.replace('echo last', 'echo lost');
    const patched = reparseAfterEdit(source, inScript);
    assert.ok(patched, 'the | script edit is patched');
    assert.deepEqual(dump(patched), dump(parseSource(inScript, '/repo/ci.yml')));
    const inPlain = inScript.replace('echo one', 'echo ones');
    const again = reparseAfterEdit(patched, inPlain);
    assert.ok(again, 'the plain value edit is patched');
    assert.deepEqual(dump(again), dump(parseSource(inPlain, '/repo/ci.yml')));
  });

  it('declines edits that change structure, type or indentation', () => {
    const declined = (from: string, to: string) => reparseAfterEdit(parseSource(WORKFLOW, ''), WORKFLOW.replace(from, to));
    assert.equal(declined('echo one #', 'echo: one #'), undefined, 'a new mapping');
    assert.equal(declined('echo one #', 'echo #one #'), undefined, 'a new comment');
    assert.equal(declined('runs-on: ubuntu', 'runs-om: ubuntu'), undefined, 'a key');
    assert.equal(declined('          echo last', '         echo last'), undefined, 'indentation');
    assert.equal(declined('          echo "${{', '            echo "${{'), undefined, 'the first line sets the indentation');
    assert.equal(declined('needs: build', 'needs: 1uild'.replace('1uild', '12')), undefined, 'now a number');
    assert.equal(declined('folded text', 'folded test'), undefined, 'folded style is not patched');
    assert.equal(declined('echo flow', 'echo flaw'), undefined, 'inside a flow collection');
    assert.equal(declined('echo one', 'echo\none'), undefined, 'a line break');
  });

  it('matches a fresh parse over 3,000 random edits of a workflow', () => {
    let patched = 0;
    for (let seed = 1; seed <= 30; seed++) patched += checkEdits(WORKFLOW, seed, 100, scalarOffset);
    assert.ok(patched > 500, `enough edits were patched to mean something (${patched})`);
  });

  it('matches a fresh parse on random edits of real workflows', function () {
    if (!corpusAvailable) this.skip();
    const files = filesUnder(join(CORPUS_ROOT, 'github', 'real')).filter((path) => path.endsWith('.yml'));
    const random = seeded(7);
    let patched = 0;
    for (let index = 0; index < 25; index++) patched += checkEdits(readFileSync(random.pick(files), 'utf8'), index + 100, 40, scalarOffset);
    assert.ok(patched > 200, `enough edits were patched to mean something (${patched})`);
  });

  it('matches a fresh parse on random edits of GitLab files, whose `!reference` tags yaml warns about', function () {
    if (!corpusAvailable) this.skip();
    const files = filesUnder(join(CORPUS_ROOT, 'gitlab', 'real'))
      .filter((path) => path.endsWith('.yml'))
      .map((path) => readFileSync(path, 'utf8'))
      .filter((text) => text.includes('!reference [') && parseSource(text, '').doc.errors.length === 0);
    const random = seeded(11);
    let patched = 0;
    for (let index = 0; index < 20; index++) patched += checkEdits(random.pick(files), index + 200, 40, scalarOffset);
    assert.ok(patched > 100, `enough edits were patched to mean something (${patched})`);
  });
});

describe('parseSourceReusing and validatePipeline across edits', () => {
  afterEach(forgetParsedSources);

  it('serves the same text from the kept parse and forgets on request', () => {
    forgetParsedSources();
    const first = parseSourceReusing(WORKFLOW, '/repo/a.yml');
    assert.equal(parseSourceReusing(WORKFLOW, '/repo/a.yml'), first);
    assert.notEqual(parseSourceReusing(WORKFLOW, '/repo/b.yml'), first, 'another path parses on its own');
    forgetParsedSources();
    assert.notEqual(parseSourceReusing(WORKFLOW, '/repo/a.yml'), first);
  });

  it('reports after each edit exactly what a fresh validation reports', () => {
    const random = seeded(11);
    const path = '/repo/.github/workflows/ci.yml';
    let text = WORKFLOW;
    let withFindings = 0;
    for (let index = 0; index < 300; index++) {
      const next = edited(text, random, scalarOffset(text, random));
      const reused = validatePipeline({ path, text: next, root: '/repo' });
      // A path never validated before: parsed from scratch.
      const fresh = validatePipeline({ path: path.replace('ci.yml', `ci-${index}.yml`), text: next, root: '/repo' });
      assert.deepEqual(reused, fresh, `edit ${index}: ${JSON.stringify(next)}`);
      if (reused.findings.length > 0) withFindings++;
      if (!fresh.findings.some((finding) => finding.rule === 'yaml-syntax')) text = next;
    }
    assert.ok(withFindings > 100, 'the edits leave findings to compare');
  });
});
