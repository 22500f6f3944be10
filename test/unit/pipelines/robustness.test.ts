import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { CORPUS_ROOT, corpusAvailable, corpusSkipReason, filesUnder } from '../../support/corpus';
import { lint } from './helpers';

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NOISE = ['${{', '}}', ':', '- ', '\n', '  ', '"', "'", '&a', '*a', '<<: *a', '[', '{', '#', '|', '\t', '\u0000', 'on:', 'jobs:'];

function mutate(text: string, next: () => number): string {
  let result = text;
  for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits--) {
    const at = Math.floor(next() * (result.length + 1));
    if (next() < 0.5) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 20));
    else result = result.slice(0, at) + NOISE[Math.floor(next() * NOISE.length)] + result.slice(at);
  }
  return result;
}

describe('robustness', () => {
  it('finishes a pathological expression quickly', () => {
    const started = Date.now();
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - run: echo \${{ ${'('.repeat(10000)}1${')'.repeat(10000)} }}`,
      `      - run: echo \${{ '${'x'.repeat(200000)}' }}`,
    ]);
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    assert.ok(findings.some((finding) => finding.rule === 'expression'));
  });

  it(`never throws nor fails internally on mutated real files (seeded fuzz)${corpusSkipReason}`, function () {
    if (!corpusAvailable) this.skip();
    this.timeout(60000);
    const corpus = join(CORPUS_ROOT, 'github', 'real');
    const files = filesUnder(corpus)
      .filter((path) => /\.ya?ml$/.test(path))
      .sort()
      .filter((_, index) => index % 12 === 0);
    const next = random(20261127);
    let runs = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      for (let round = 0; round < 12; round++) {
        const mutated = mutate(text, next);
        const root = join(corpus, relative(corpus, path).split('/')[0] as string);
        const result = validatePipeline({
          path,
          root,
          text: mutated,
          kind: path.endsWith('action.yml') || path.endsWith('action.yaml') ? 'github-action' : 'github-workflow',
        });
        const internal = result.findings.filter((finding) => finding.rule === 'internal');
        assert.deepEqual(
          internal.map((finding) => finding.message),
          [],
          `${relative(corpus, path)} round ${round}`,
        );
        runs++;
      }
    }
    assert.ok(runs > 300);
  });
});
