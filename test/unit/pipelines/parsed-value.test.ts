import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMap, isScalar, parse, type Scalar } from 'yaml';
import { forgetCrossFileCaches } from '../../../src/core/pipelines/cross-file-caches';
import { simplePlainDataOf } from '../../../src/core/pipelines/schema/plain-data';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { parsedValue, type ValueOptions } from '../../../src/core/pipelines/yaml/parsed-value';
import { forgetParsedSources, parseSourceReusing } from '../../../src/core/pipelines/yaml/source-cache';

/** How local actions (yaml's defaults) and reusable workflows are read. */
const OPTION_SETS: readonly ValueOptions[] = [{ maxAliasCount: 100 }, { maxAliasCount: 100, uniqueKeys: false, merge: true }];

/** The value as JSON, or how reading it failed: the two readers must agree on both. */
const outcome = (read: () => unknown): string => {
  try {
    return JSON.stringify(read());
  } catch {
    return 'throws';
  }
};

/** YAML the fast composer builds but where the source cache's options (merge keys, no unique keys, not strict) read otherwise. */
const TEXTS = [
  'inputs:\n  a:\n    required: true\n',
  'a: 1\na: 2\n',
  'a: {x: 1, x: 2}\n',
  'a:\n- b: 1\n  b: 2\n',
  '1: a\n"1": b\n',
  'a: 1\nA: 2\n',
  '<<: {b: 1}\na: 2\n',
  'x: { <<: {a: 1} }\n',
  'a: &x\n  b: 1\nc:\n  <<: *x\n',
  'a: &x [1]\nb: *x\nc: *x\n',
  'a: *x\n',
  `k${'x'.repeat(1100)}: 1\n`,
  `a: ${'x'.repeat(1100)}\n`,
  'a: !reference [x]\n',
  'a: "x"#c\n',
  'a: 1\n---\nb: 2\n',
  'run: cat <<EOF\n',
];

describe("parsedValue: a file's value as yaml's parse reads it, from the source cache's parse", () => {
  afterEach(() => forgetParsedSources());

  it('reads what parse reads (or fails where it fails) with either option set, where the two parsers differ', () => {
    for (const options of OPTION_SETS) {
      for (const text of TEXTS) {
        forgetParsedSources();
        const expected = outcome(() => parse(text, { ...options, logLevel: 'error' }));
        assert.equal(
          outcome(() => parsedValue(text, '/repo/action.yml', options)),
          expected,
          `${JSON.stringify(text.slice(0, 40))} ${JSON.stringify(options)}`,
        );
      }
    }
  });

  it('reads the parse the source cache holds instead of parsing the text again', () => {
    const text = 'inputs:\n  token:\n    required: true\n';
    const { doc } = parseSourceReusing(text, '/repo/action.yml');
    // A parse of its own would still say "token": only the cached document says otherwise.
    const key = (doc.getIn(['inputs']) as { items: { key: Scalar }[] }).items[0]?.key;
    assert.ok(key && isScalar(key) && isMap(doc.get('inputs')));
    key.value = 'cached';
    const value = parsedValue(text, '/repo/action.yml', { maxAliasCount: 100 });
    assert.deepEqual(JSON.parse(JSON.stringify(value)), { inputs: { cached: { required: true } } });
    // The same conversion the file's own schema check reads (a workflow's checks validate its local action too).
    assert.equal(value, simplePlainDataOf(doc)?.value);
  });
});

describe('local actions and reusable workflows are read through the source cache', () => {
  let root: string;
  beforeEach(() => {
    forgetCrossFileCaches();
    root = mkdtempSync(join(tmpdir(), 'shipshape-parsed-value-'));
  });
  afterEach(() => {
    forgetCrossFileCaches();
    rmSync(root, { recursive: true, force: true });
  });
  const write = (path: string, text: string): string => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    return join(root, path);
  };
  const validate = (text: string) =>
    validatePipeline({ path: join(root, '.github/workflows/ci.yml'), root, text, kind: 'github-workflow' }).findings.map((f) => `${f.rule}: ${f.message}`);

  it("a workflow's checks read its local action from the parse the action's own check shares (one parse per validation)", () => {
    const actionText = ['name: a', 'description: a', 'inputs:', '  token:', '    required: true', 'runs:', '  using: node20', '  main: index.js'].join('\n');
    const actionPath = write('.github/actions/a/action.yml', actionText);
    const workflow = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: ./.github/actions/a'].join('\n');
    assert.ok(validate(workflow).some((finding) => finding.includes('"token"')));

    forgetCrossFileCaches();
    // The cached parse of the action, changed: the input is optional there. Reading the action again would still require it.
    const { doc } = parseSourceReusing(actionText, actionPath);
    (doc.getIn(['inputs', 'token', 'required'], true) as Scalar).value = false;
    assert.deepEqual(
      validate(workflow).filter((finding) => finding.includes('"token"')),
      [],
    );
  });

  it('forgetCrossFileCaches forgets what the next validation would otherwise reuse: the parse and the action read from it', () => {
    const actionText = ['name: a', 'description: a', 'inputs:', '  token:', '    required: true', 'runs:', '  using: node20', '  main: index.js'].join('\n');
    const actionPath = write('.github/actions/a/action.yml', actionText);
    const workflow = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: ./.github/actions/a'].join('\n');
    // A kept parse that says otherwise than the file: while it is kept, the validation believes it.
    (parseSourceReusing(actionText, actionPath).doc.getIn(['inputs', 'token', 'required'], true) as Scalar).value = false;
    assert.deepEqual(
      validate(workflow).filter((finding) => finding.includes('"token"')),
      [],
    );
    forgetCrossFileCaches();
    assert.ok(
      validate(workflow).some((finding) => finding.includes('"token"')),
      'read from the file again',
    );
  });

  it('a local action with a repeated key is still unreadable, as yaml reads it by default', () => {
    write('.github/actions/a/action.yml', ['name: a', 'name: b', 'description: a', 'runs:', '  using: node20', '  main: index.js'].join('\n'));
    const workflow = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: ./.github/actions/a'].join('\n');
    assert.ok(validate(workflow).some((finding) => finding.startsWith('action: Local action "./.github/actions/a" has no action.yml')));
  });
});
