import { strict as assert } from 'node:assert';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltIn } from '../../../src/core/runs/built-in-actions';
import { SecretMasker } from '../../../src/core/runs/secret-masker';
import { StepSession } from '../../../src/core/runs/step-session';
import { checkVersion, type VersionDialect } from '../../../src/core/runs/toolchain-versions';
import { tempFolder } from '../../support/temp';

type Expected = 'satisfied' | 'unsatisfied' | 'uncheckable';

/** Each form with host versions on both sides of it, so neither "always yes" nor "always no" passes. */
const FORMS: readonly [VersionDialect, string, Readonly<Record<string, Expected>>][] = [
  ['node', '18', { '18.19.0': 'satisfied', '20.11.0': 'unsatisfied' }],
  ['node', '18.x', { '18.0.0': 'satisfied', '19.0.0': 'unsatisfied' }],
  ['node', 'v20', { '20.1.0': 'satisfied', '21.0.0': 'unsatisfied' }],
  ['node', '20.11.1', { '20.11.1': 'satisfied', '20.11.0': 'unsatisfied' }],
  ['node', '^20', { '20.11.1': 'satisfied', '21.0.0': 'unsatisfied' }],
  ['node', '>=18', { '22.1.0': 'satisfied', '16.20.2': 'unsatisfied' }],
  ['node', '18 || 20', { '20.11.0': 'satisfied', '18.2.0': 'satisfied', '19.9.0': 'unsatisfied', '22.0.0': 'unsatisfied' }],
  ['node', 'lts/hydrogen', { '18.20.4': 'satisfied', '20.11.0': 'unsatisfied' }],
  ['node', 'lts/*', { '20.11.0': 'uncheckable', '21.7.0': 'unsatisfied' }],
  ['node', 'lts/-1', { '20.11.0': 'uncheckable', '23.1.0': 'unsatisfied' }],
  ['node', 'latest', { '22.1.0': 'uncheckable' }],
  ['node', 'node', { '22.1.0': 'uncheckable' }],
  ['node', '*', { '22.1.0': 'satisfied' }],
  ['node', 'banana', { '22.1.0': 'uncheckable' }],
  ['python', '3.12', { '3.12.4': 'satisfied', '3.11.9': 'unsatisfied', '3.1.2': 'unsatisfied' }],
  ['python', '3.x', { '3.12.0': 'satisfied', '2.7.18': 'unsatisfied' }],
  ['python', '>=3.9 <3.13', { '3.9.0': 'satisfied', '3.12.1': 'satisfied', '3.13.0': 'unsatisfied', '3.8.10': 'unsatisfied' }],
  ['python', '~3.11.0', { '3.11.9': 'satisfied', '3.12.0': 'unsatisfied' }],
  ['python', '3.13-dev', { '3.13.0': 'satisfied', '3.12.7': 'unsatisfied' }],
  ['python', 'pypy3.10', { '3.10.13': 'uncheckable' }],
  ['python', '3.13t', { '3.13.0': 'uncheckable' }],
  ['go', '1.21', { '1.21.5': 'satisfied', '1.22': 'unsatisfied' }],
  ['go', '>=1.20', { '1.22': 'satisfied', '1.19.3': 'unsatisfied' }],
  ['go', 'stable', { '1.22.1': 'uncheckable' }],
  ['java', '17', { '17.0.7': 'satisfied', '21.0.1': 'unsatisfied' }],
  ['java', '8', { '1.8.0': 'satisfied', '11.0.2': 'unsatisfied' }],
  ['java', '1.8', { '1.8.0': 'satisfied', '17.0.7': 'unsatisfied' }],
  ['java', '21-ea', { '21.0.0': 'uncheckable' }],
];

describe('setup-* version checks against the host', () => {
  for (const [dialect, requested, hosts] of FORMS) {
    it(`${dialect}: "${requested}"`, () => {
      for (const [installed, expected] of Object.entries(hosts)) {
        assert.equal(checkVersion(requested, installed, dialect).kind, expected, `"${requested}" against ${installed}`);
      }
    });
  }

  it('asks nothing when no version is given, and says why an alias cannot be checked', () => {
    assert.equal(checkVersion('  ', '20.0.0', 'node').kind, 'satisfied');
    const lts = checkVersion('lts/*', '20.11.0', 'node');
    assert.ok(lts.kind === 'uncheckable' && /newest LTS/.test(lts.reason), JSON.stringify(lts));
  });
});

describe('the setup-node stand-in', () => {
  const temp = tempFolder('shipshape-setup-');
  after(() => temp.remove());

  /** runBuiltIn for actions/setup-node with a `node` that reports the given version. */
  async function setupNode(requested: string, reported: string) {
    const node = join(temp.path, `node-${reported}`);
    writeFileSync(node, `#!/bin/sh\necho v${reported}\n`);
    chmodSync(node, 0o755);
    const notes: string[] = [];
    const session = new StepSession({
      job: 'j',
      step: 0,
      runnerTemp: temp.path,
      masker: new SecretMasker(),
      log: (_stream, line) => notes.push(line),
      annotate: () => undefined,
    });
    const result = await runBuiltIn({
      action: 'setup-node',
      uses: 'actions/setup-node@v4',
      inputs: { 'node-version': requested },
      workspace: temp.path,
      artifactsDir: temp.path,
      cacheDir: temp.path,
      session,
      findExecutable: (name) => (name === 'node' ? node : undefined),
      env: process.env,
      addPostStep: () => undefined,
    });
    return { result, notes };
  }

  it('uses the host node when it satisfies the range, and skips with a warning that says both versions when not', async () => {
    const used = (await setupNode('18 || 20', '20.11.0')).result;
    assert.equal(used.status, 'success');
    assert.equal(used.warning, undefined);
    const skipped = (await setupNode('18 || 20', '22.1.0')).result;
    assert.equal(skipped.status, 'skipped');
    assert.equal(skipped.warning, "asked for Node 18 || 20, ran on this machine's Node 22.1.0");
    assert.equal(skipped.reason, skipped.warning);
  });

  it('uses the host node for lts/* but says it was not checked', async () => {
    const { result, notes } = await setupNode('lts/*', '20.11.0');
    assert.equal(result.status, 'success');
    assert.match(result.reason ?? '', /not checked/);
    assert.ok(
      notes.some((line) => /not checked: "lts\/\*"/.test(line)),
      notes.join('\n'),
    );
  });
});
