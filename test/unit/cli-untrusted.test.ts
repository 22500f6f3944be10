import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, takeUntrusted } from '../../src/cli/main';
import { writeFile } from '../support/git';
import { makeMaliciousRepo } from '../support/malicious-repo';
import { tempFolder } from '../support/temp';

async function cli(cwd: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { cwd, env, out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const WORKFLOW = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: touch "$HOME/should-not-run"\n';

describe('shipshape --untrusted (and SHIPSHAPE_UNTRUSTED=1)', function () {
  this.timeout(60_000);
  // No space in this folder: git runs some of the fixture's programs through a shell, unquoted.
  const temp = tempFolder('shipshape-cli-untrusted-');
  after(() => temp.remove());
  let count = 0;
  const armed = () => {
    const evil = makeMaliciousRepo(join(temp.path, String(count++)));
    writeFile(evil.repo, '.github/workflows/ci.yml', WORKFLOW);
    return evil;
  };

  it('takes the flag anywhere before --, and the variable unless it says no', () => {
    assert.deepEqual(takeUntrusted(['doctor', '--untrusted', '--deep'], {}), { args: ['doctor', '--deep'], untrusted: true });
    assert.deepEqual(takeUntrusted(['--untrusted', 'lint'], {}), { args: ['lint'], untrusted: true });
    assert.deepEqual(takeUntrusted(['lint', '--', '--untrusted'], {}), { args: ['lint', '--', '--untrusted'], untrusted: false });
    assert.equal(takeUntrusted(['doctor'], { SHIPSHAPE_UNTRUSTED: '1' }).untrusted, true);
    assert.equal(takeUntrusted(['doctor'], { SHIPSHAPE_UNTRUSTED: '0' }).untrusted, false);
    assert.equal(takeUntrusted(['doctor'], {}).untrusted, false);
  });

  it('without it, doctor runs what the repository configures (the fixture is armed)', async () => {
    const evil = armed();
    await cli(evil.repo, ['doctor']);
    assert.ok(evil.fired().includes('fsmonitor'), evil.fired().join(', '));
  });

  for (const [name, argv] of [
    ['doctor', ['doctor', '--untrusted']],
    ['doctor --deep', ['doctor', '--deep', '--untrusted', '--json']],
    ['snapshots', ['snapshots', '--untrusted']],
    ['lint', ['lint', '--untrusted']],
    ['plan', ['plan', '--untrusted', '--workflow', '.github/workflows/ci.yml', '--uncommitted']],
  ] as const) {
    it(`${name} works and runs nothing the repository configures`, async () => {
      const evil = armed();
      const result = await cli(evil.repo, argv);
      assert.ok(result.code === 0 || (name === 'lint' && result.code === 1), `exit ${result.code}: ${result.err}`);
      assert.deepEqual(evil.fired(), []);
    });
  }

  it('SHIPSHAPE_UNTRUSTED=1 hardens doctor the same way', async () => {
    const evil = armed();
    const result = await cli(evil.repo, ['doctor', '--deep'], { SHIPSHAPE_UNTRUSTED: '1' });
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /dropped|stash/i);
    assert.deepEqual(evil.fired(), []);
  });

  for (const argv of [
    ['run', '--workflow', '.github/workflows/ci.yml'],
    ['fix', 'anything', '--yes'],
    ['fix', '--undo', '--yes'],
    ['undo-commit', 'HEAD', '--yes'],
  ]) {
    it(`refuses "${argv[0]} ${argv[1]}" with exit 2 and says why`, async () => {
      const evil = armed();
      const result = await cli(evil.repo, [...argv, '--untrusted']);
      assert.equal(result.code, 2);
      assert.match(result.err, /refused with --untrusted/);
      assert.deepEqual(evil.fired(), []);
      assert.equal(existsSync(join(evil.repo, 'should-not-run')), false);
    });
  }
});
