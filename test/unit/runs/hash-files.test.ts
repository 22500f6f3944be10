import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hashFiles } from '../../../src/core/runs/hash-files';
import { evaluateWithFileHashes } from '../../../src/core/runs/hash-files-evaluation';
import { evaluateScalar } from '../../../src/core/pipelines/expressions/evaluator';
import { tempFolder } from '../../support/temp';
import { repoWithWorkflow } from '../../support/repos';
import { job, runIn, step } from './helpers';

/** The runner's formula, written out: SHA-256 over the files' SHA-256 digests, in the given order. */
function expected(workspace: string, files: readonly string[]): string {
  const total = createHash('sha256');
  for (const file of files)
    total.update(
      createHash('sha256')
        .update(readFileSync(join(workspace, file)))
        .digest(),
    );
  return total.digest('hex');
}

describe('hashFiles() over real files', () => {
  const temp = tempFolder('shipshape-hashfiles-');
  after(() => temp.remove());
  let count = 0;

  /** A fresh workspace holding the given files (text by path). */
  function workspace(files: Record<string, string>): string {
    const root = join(temp.path, `ws${++count}`);
    mkdirSync(root, { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  const hash = (root: string, ...patterns: string[]) => hashFiles(patterns, { workspace: root });

  it("is the SHA-256 of the matched files' digests, the same every time for the same files", async () => {
    const root = workspace({ 'package-lock.json': 'lock', 'web/package-lock.json': 'web lock', 'README.md': 'readme' });
    const first = await hash(root, '**/package-lock.json');
    assert.equal(first, expected(root, ['package-lock.json', 'web/package-lock.json']));
    assert.equal(await hash(root, '**/package-lock.json'), first);
    assert.match(first, /^[0-9a-f]{64}$/);
  });

  it('changes when a matched file changes, and not when another file does', async () => {
    const root = workspace({ 'deps.lock': 'v1', 'notes.txt': 'a' });
    const before = await hash(root, 'deps.lock');
    writeFileSync(join(root, 'notes.txt'), 'b');
    assert.equal(await hash(root, 'deps.lock'), before);
    writeFileSync(join(root, 'deps.lock'), 'v2');
    assert.notEqual(await hash(root, 'deps.lock'), before);
  });

  it('is empty when nothing matches, folders and files outside the workspace included', async () => {
    const root = workspace({ 'src/a.ts': 'a' });
    const outside = workspace({ 'other.lock': 'x' });
    assert.equal(await hash(root, '*.lock'), '');
    mkdirSync(join(root, 'empty'));
    assert.equal(await hash(root, 'empty'), '');
    assert.equal(await hash(root, 'src/nothing/**'), '');
    assert.equal(await hash(root, `${outside}/*.lock`), '');
    assert.equal(await hash(root, '# only a comment'), '');
  });

  it('applies ! negations in order: a later pattern includes again', async () => {
    const root = workspace({ 'src/a.ts': 'a', 'src/gen/b.ts': 'b', 'src/gen/keep.ts': 'k' });
    assert.equal(await hash(root, 'src/**', '!src/gen/**'), expected(root, ['src/a.ts']));
    assert.equal(await hash(root, 'src/**', '!src/gen'), expected(root, ['src/a.ts']), 'a negated folder excludes what is below it');
    assert.equal(await hash(root, 'src/**', '!src/gen/**', 'src/gen/keep.ts'), expected(root, ['src/a.ts', 'src/gen/keep.ts']));
    assert.equal(
      await hash(root, '!src/gen/**', 'src/**'),
      expected(root, ['src/a.ts', 'src/gen/b.ts', 'src/gen/keep.ts']),
      'a negation before the include excludes nothing',
    );
  });

  it('reads globs as @actions/glob does: * stays in a folder, ** crosses them, dot files count, a folder names its files', async () => {
    const root = workspace({ 'a.json': '1', 'sub/b.json': '2', 'sub/deep/c.json': '3', '.config/d.json': '4', 'x?.md': 'q' });
    assert.equal(await hash(root, '*.json'), expected(root, ['a.json']));
    assert.equal(await hash(root, '**/*.json'), expected(root, ['.config/d.json', 'a.json', 'sub/b.json', 'sub/deep/c.json']));
    assert.equal(await hash(root, 'sub'), expected(root, ['sub/b.json', 'sub/deep/c.json']));
    assert.equal(await hash(root, 'sub/'), expected(root, ['sub/b.json', 'sub/deep/c.json']));
    assert.equal(await hash(root, './sub/*.json'), expected(root, ['sub/b.json']));
    assert.equal(await hash(root, 'x[?].md'), expected(root, ['x?.md']));
    assert.equal(await hash(root, '[z-a]*'), '', 'a class no regex can hold matches nothing, as in minimatch');
    assert.equal(await hash(root, `${root}/**/c.json`), expected(root, ['sub/deep/c.json']), 'absolute patterns inside the workspace count');
    assert.equal(await hash(root, `${dirname(root)}/**/a.json`), expected(root, ['a.json']), 'a pattern starting above the workspace keeps what is inside it');
  });

  it("hashes in the runner's order: search roots as the patterns name them, then depth first in byte order", async () => {
    const root = workspace({ 'a/b/f': '1', 'a-c': '2', 'z/y': '3' });
    assert.equal(await hash(root, '**'), expected(root, ['a/b/f', 'a-c', 'z/y']), 'a/ before a-c: depth first, not by whole path');
    assert.equal(await hash(root, 'z/y', 'a/b/f'), expected(root, ['z/y', 'a/b/f']));
    assert.notEqual(await hash(root, 'z/y', 'a/b/f'), await hash(root, 'a/b/f', 'z/y'));
  });

  it('never reads .git, skips links to folders unless asked to follow them, and refuses ..', async () => {
    const root = workspace({ 'src/a.ts': 'a', '.git/HEAD': 'ref', 'sub/.git': 'gitdir: elsewhere' });
    assert.equal(await hash(root, '**'), expected(root, ['src/a.ts']));
    assert.equal(await hash(root, '.git/HEAD'), '');
    symlinkSync('src', join(root, 'linked'));
    assert.equal(await hash(root, 'linked/**'), '');
    assert.equal(await hash(root, '--follow-symbolic-links', 'linked/**'), expected(root, ['linked/a.ts']));
    await assert.rejects(hash(root, 'src/../x'), /Relative pathing/);
    await assert.rejects(hash(root, '--nope', 'x'), /Invalid glob option/);
    await assert.rejects(hash(root, 'src/**', '!'), /nothing follows the "!"/);
  });

  it('stops when cancelled or out of time instead of running on', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`d${i % 10}/f${i}.txt`] = String(i);
    const root = workspace(files);
    const cancelled = new AbortController();
    cancelled.abort('force-cancelled');
    await assert.rejects(hashFiles(['**'], { workspace: root, signal: cancelled.signal }), /force-cancelled/);
    await assert.rejects(hashFiles(['**'], { workspace: root, timeoutMs: 0 }), /couldn't finish within 0 seconds/);
  });
});

describe('evaluating expressions that call hashFiles()', () => {
  const answers: Record<string, string> = { 'a.lock': 'aaa', aaa: 'nested', 'b.json': '{"x": 1}' };
  const hashOf = (calls: string[][]) => async (patterns: readonly string[]) => {
    calls.push([...patterns]);
    return answers[patterns.join(',')] ?? '';
  };

  it('answers calls with the real hashes, each pattern list hashed once per step', async () => {
    const calls: string[][] = [];
    const known = new Map<string, string>();
    const key = await evaluateWithFileHashes(
      (hashFiles) => evaluateScalar("${{ format('deps-{0}', hashFiles('a.lock')) }}", {}, { hashFiles }),
      hashOf(calls),
      known,
    );
    assert.equal(key, 'deps-aaa');
    assert.equal(
      await evaluateWithFileHashes((hashFiles) => evaluateScalar("${{ hashFiles('a.lock') != '' }}", {}, { hashFiles }), hashOf(calls), known),
      true,
    );
    assert.deepEqual(calls, [['a.lock']]);
  });

  it('follows calls that depend on other hashes, and expressions that fail only on the stand-in', async () => {
    const calls: string[][] = [];
    assert.equal(
      await evaluateWithFileHashes((hashFiles) => evaluateScalar("${{ hashFiles(hashFiles('a.lock')) }}", {}, { hashFiles }), hashOf(calls), new Map()),
      'nested',
    );
    assert.equal(
      await evaluateWithFileHashes((hashFiles) => evaluateScalar("${{ fromJSON(hashFiles('b.json')).x }}", {}, { hashFiles }), hashOf([]), new Map()),
      1,
    );
    await assert.rejects(
      evaluateWithFileHashes((hashFiles) => evaluateScalar("${{ fromJSON(hashFiles('none')) }}", {}, { hashFiles }), hashOf([]), new Map()),
      /JSON/i,
      'a real error still surfaces',
    );
  });
});

describe('hashFiles() in a local run', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-hashfiles-run-');
  after(() => temp.remove());

  it('gives actions/cache a key that changes with the files it hashes', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'cache',
      `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: cache
        uses: actions/cache@v4
        with:
          path: deps
          key: deps-\${{ hashFiles('**/deps.lock') }}
      - run: mkdir -p deps && echo built > deps/out.txt
      - id: show
        if: hashFiles('nothing/**') == ''
        run: echo "key=deps-\${{ hashFiles('deps.lock') }}" >> "$GITHUB_OUTPUT"
`,
      { 'deps.lock': 'left-pad 1.0\n' },
    );
    const store = join(temp.path, 'store', 'runs');
    const keyFor = (text: string) => `deps-${createHash('sha256').update(createHash('sha256').update(text).digest()).digest('hex')}`;

    const first = job((await runIn(repo, store)).record, 'build');
    assert.equal(first.status, 'success', JSON.stringify(first.steps.map((s) => [s.name, s.status, s.reason])));
    assert.equal(step(first, 'cache').outputs['cache-primary-key'], keyFor('left-pad 1.0\n'));
    assert.equal(step(first, 'cache').outputs['cache-hit'], 'false');
    assert.equal(step(first, 'show').outputs.key, keyFor('left-pad 1.0\n'), 'run: and if: see the same hash');

    const again = job((await runIn(repo, store)).record, 'build');
    assert.equal(step(again, 'cache').outputs['cache-primary-key'], keyFor('left-pad 1.0\n'));
    assert.equal(step(again, 'cache').outputs['cache-hit'], 'true', 'the same files find what the first run saved');

    writeFileSync(join(repo, 'deps.lock'), 'left-pad 2.0\n');
    const changed = job((await runIn(repo, store, { includeUncommitted: true })).record, 'build');
    assert.equal(step(changed, 'cache').outputs['cache-primary-key'], keyFor('left-pad 2.0\n'));
    assert.equal(step(changed, 'cache').outputs['cache-hit'], 'false');
  });
});
