import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../support/temp';

// scripts/popular-actions.mjs: action.yml texts in, popular-actions.json entries out.
const script = () => import('../../scripts/popular-actions.mjs');

const SAMPLE = [
  'name: Sample',
  'description: An action',
  'inputs:',
  '  token:',
  '    description: A token',
  '    required: true',
  '    default: ${{ github.token }}',
  '  path:',
  '    required: "true"',
  '  old-name:',
  '    description: Renamed',
  '    deprecationMessage: Use new-name instead.',
  '  new-name:',
  '    default: ""',
  '  bare:',
  'outputs:',
  '  cache-hit:',
  '    description: Whether the key matched',
  '  digest:',
  '    value: ${{ steps.x.outputs.digest }}',
  'runs:',
  '  using: Node24',
  '  main: dist/index.js',
].join('\n');

const FILE = { action: 'owner/sample', major: 'v3', repository: 'owner/sample', path: 'action.yml', commit: 'a'.repeat(40), tag: 'v3.2.1' };

describe('scripts/popular-actions.mjs', () => {
  it('turns an action.yml into a complete entry: inputs, deprecations, outputs, runtime and provenance', async () => {
    const { entryFromActionYml } = await script();
    assert.deepEqual(entryFromActionYml(SAMPLE, FILE), {
      using: 'node24',
      inputs: {
        token: { required: true, hasDefault: true },
        path: { required: true, hasDefault: false },
        'old-name': { required: false, hasDefault: false, deprecationMessage: 'Use new-name instead.' },
        'new-name': { required: false, hasDefault: true },
        bare: { required: false, hasDefault: false },
      },
      outputs: ['cache-hit', 'digest'],
      inputsComplete: true,
      outputsComplete: true,
      source: `owner/sample@${'a'.repeat(40)} action.yml (tag v3.2.1)`,
    });
  });

  it('keeps outputs open for an action that sets outputs its file does not declare', async () => {
    const { entryFromActionYml } = await script();
    const entry = entryFromActionYml(SAMPLE, { ...FILE, undeclaredOutputs: 'one per filter' });
    assert.equal(entry.inputsComplete, true);
    assert.equal(entry.outputsComplete, false);
  });

  it('refuses a file that is not an action (no runs.using)', async () => {
    const { entryFromActionYml } = await script();
    assert.throws(() => entryFromActionYml('name: x\ninputs:\n  a: {}\n', FILE), /no runs\.using/);
  });

  it('writes refreshed majors over the table from the cache folder, keeps what it cannot refresh, and moves latest up only', async () => {
    const { refreshFromCache, cacheFileName, formatTable } = await script();
    const folder = tempFolder('popular-actions-cache-');
    const cache = join(folder.path, 'cache');
    mkdirSync(cache);
    writeFileSync(join(cache, cacheFileName('owner/sample', 'v3')), SAMPLE);
    assert.equal(cacheFileName('github/codeql-action/init', 'v4'), 'github__codeql-action__init@v4.yml');
    const kept = {
      using: 'node20',
      inputs: { a: { required: false, hasDefault: false } },
      outputs: [],
      inputsComplete: false,
      outputsComplete: false,
      source: 'recalled',
    };
    const table = {
      description: 'd',
      actions: {
        'Owner/Sample': { latest: 'v2', majors: { v2: kept } },
        'other/action': { latest: 'v5', majors: { v5: kept } },
      },
    };
    const manifest = { files: [FILE, { ...FILE, action: 'other/action', major: 'v4' }] };
    let result;
    try {
      result = refreshFromCache(table, manifest, cache);
    } finally {
      folder.remove();
    }
    const { table: merged, refreshed, missing } = result;
    assert.deepEqual(
      refreshed.map((r) => `${r.action}@${r.major}`),
      ['owner/sample@v3'],
    );
    assert.deepEqual(
      missing.map((f) => f.action),
      ['other/action'],
    );
    // The existing spelling of the name is kept; the new major is added beside the old one.
    assert.deepEqual(Object.keys(merged.actions), ['other/action', 'Owner/Sample']);
    const sample = merged.actions['Owner/Sample'];
    assert.equal(sample?.latest, 'v3');
    assert.deepEqual(sample?.majors.v2, kept);
    assert.equal(sample?.majors.v3?.inputsComplete, true);
    assert.deepEqual(merged.actions['other/action'], table.actions['other/action']);
    // The text round-trips: what is written parses back to the same table.
    assert.deepEqual(JSON.parse(formatTable(merged)), merged);
  });

  it('reads a generated typed binding (github-actions-workflow-ts) as complete, checking the version it states', async () => {
    const { entryFromBinding } = await script();
    const text = [
      "export const OwnerSampleV3SourceVersion = 'v3.4.1'",
      'export interface OwnerSampleV3Inputs {',
      '  /** A path */',
      '  path: string | boolean | number',
      '  /** A token',
      '   * @default ${{ github.token }} */',
      "  'github-token'?: string | boolean | number",
      '  /** Renamed',
      '   * @default x',
      '   * @deprecated Use new-name instead, see https:\\/\\/example.com */',
      '  old_name?: string | boolean | number',
      '  bare?: string | boolean | number',
      '}',
      '',
      'export type OwnerSampleV3Outputs =',
      "  | 'cache-hit'",
      "  | 'digest'",
      '',
      'export interface OwnerSampleV3Props {',
      '  id?: string',
      '}',
    ].join('\n');
    const file = {
      action: FILE.action,
      major: FILE.major,
      commit: FILE.commit,
      repository: 'someone/bindings',
      path: 'gen/owner/sample/v3.ts',
      format: 'github-actions-workflow-ts' as const,
      version: 'v3.4.1',
      using: 'node20',
    };
    assert.deepEqual(entryFromBinding(text, file), {
      using: 'node20',
      inputs: {
        path: { required: true, hasDefault: false },
        'github-token': { required: false, hasDefault: true },
        old_name: { required: false, hasDefault: true, deprecationMessage: 'Use new-name instead, see https://example.com' },
        bare: { required: false, hasDefault: false },
      },
      outputs: ['cache-hit', 'digest'],
      inputsComplete: true,
      outputsComplete: true,
      source: `someone/bindings@${'a'.repeat(40)} gen/owner/sample/v3.ts (github-actions-workflow-ts binding of owner/sample v3.4.1)`,
    });
    const none =
      "export const OwnerSampleV3SourceVersion = 'v3.4.1'\nexport type OwnerSampleV3Inputs = Record<string, never>\n\nexport type OwnerSampleV3Outputs = never\n";
    assert.deepEqual(entryFromBinding(none, file).inputs, {});
    assert.deepEqual(entryFromBinding(none, file).outputs, []);
    // A binding of another version, or one that states none, must not pass for this major.
    assert.throws(() => entryFromBinding(text, { ...file, version: 'v3.5.0' }), /states v3\.4\.1/);
    assert.throws(() => entryFromBinding(text.replace(/^export const .*\n/, ''), file), /states no version/);
    assert.throws(() => entryFromBinding(text, { ...file, using: '' }), /runtime/);
    // The older layout states the version as resolvedVersion { major, minor, patch }.
    const older = text.replace(/^export const .*\n/, '') + '\n  protected readonly resolvedVersion = {\n    major: 3,\n    minor: 4,\n    patch: 1,\n  }\n';
    assert.equal(entryFromBinding(older, file).inputsComplete, true);
  });

  it("regenerates the committed popular-actions.json byte for byte from itself (the layout is the script's)", async () => {
    const { DATA_PATH, formatTable } = await script();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(DATA_PATH, 'utf8');
    assert.equal(formatTable(JSON.parse(text)), text);
  });
});
