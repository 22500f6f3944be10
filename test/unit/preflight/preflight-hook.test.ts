import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, git, gitEnv, sha } from '../../support/git';
import { newClone } from '../../support/repos';
import { tempFolder } from '../../support/temp';

const MAIN = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
const AWS_KEY = ['AKIA', 'QX7ZJ3K5M2N8P4R6'].join('');

/** The CLI as its own process (through tsx), so the hook it installs records a command that really runs. */
function shipshape(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), MAIN, ...args], { cwd, encoding: 'utf8', env: gitEnv(cwd) });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A real `git push`, hooks and all; its exit code is the answer. */
function push(repo: string, ...args: string[]) {
  const result = spawnSync('git', ['push', ...args], { cwd: repo, encoding: 'utf8', env: gitEnv(repo) });
  return { code: result.status, err: result.stderr };
}

describe('shipshape hook install|uninstall (a real git push)', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape hook ');
  after(folder.remove);
  let count = 0;
  const featureClone = () => {
    const { repo, origin } = newClone(folder.path, `repo${++count}`);
    git(repo, 'switch', '-q', '-c', 'feature');
    return { repo, origin };
  };

  it('refuses a push holding a secret; --no-verify pushes; a clean push goes through quietly', async () => {
    const { repo, origin } = featureClone();
    const clean = commit(repo, 'src/app.ts', 'export {};\n');
    assert.equal(shipshape(repo, 'hook', 'install').code, 0);
    const ok = push(repo, '-u', 'origin', 'feature');
    assert.equal(ok.code, 0, ok.err);
    assert.doesNotMatch(ok.err, /Preflight/);
    assert.equal(sha(origin, 'feature'), clean);

    const bad = commit(repo, 'key.txt', `${AWS_KEY}\n`);
    const refused = push(repo);
    assert.notEqual(refused.code, 0);
    assert.match(refused.err, /block secret: key\.txt:1 adds an AWS access key \(AKIA\*+\)/);
    assert.match(refused.err, /--no-verify/);
    assert.ok(!refused.err.includes(AWS_KEY));
    assert.equal(sha(origin, 'feature'), clean);

    assert.equal(push(repo, '--no-verify').code, 0);
    assert.equal(sha(origin, 'feature'), bad);
  });

  it('chains an existing pre-push hook, which still runs, and puts it back on uninstall', async () => {
    const { repo } = featureClone();
    const hooks = join(repo, '.git', 'hooks');
    const original = '#!/bin/sh\nwhile read local_ref local_sha remote_ref remote_sha; do echo "theirs saw $remote_ref" >&2; done\n';
    writeFileSync(join(hooks, 'pre-push'), original);
    chmodSync(join(hooks, 'pre-push'), 0o755);
    const installed = shipshape(repo, 'hook', 'install');
    assert.match(installed.out, /moved to .*pre-push\.shipshape-chained/);
    commit(repo, 'key.txt', `${AWS_KEY}\n`);
    const refused = push(repo, '-u', 'origin', 'feature');
    assert.notEqual(refused.code, 0);
    assert.match(refused.err, /theirs saw refs\/heads\/feature/);
    assert.match(refused.err, /block secret/);
    // Installing again refreshes ours and keeps theirs chained.
    shipshape(repo, 'hook', 'install');
    assert.equal(readFileSync(join(hooks, 'pre-push.shipshape-chained'), 'utf8'), original);

    assert.equal(shipshape(repo, 'hook', 'uninstall').code, 0);
    assert.equal(readFileSync(join(hooks, 'pre-push'), 'utf8'), original);
    assert.equal(existsSync(join(hooks, 'pre-push.shipshape-chained')), false);
    const after = push(repo, '-u', 'origin', 'feature');
    assert.equal(after.code, 0, after.err);
    assert.match(after.err, /theirs saw/);
  });

  it("honours core.hooksPath, and writes a block into Husky's .husky/pre-push", async () => {
    const { repo } = featureClone();
    git(repo, 'config', 'core.hooksPath', 'my-hooks');
    shipshape(repo, 'hook', 'install');
    assert.ok(existsSync(join(repo, 'my-hooks', 'pre-push')));
    commit(repo, 'key.txt', `${AWS_KEY}\n`);
    assert.notEqual(push(repo, '-u', 'origin', 'feature').code, 0);
    shipshape(repo, 'hook', 'uninstall');
    assert.equal(existsSync(join(repo, 'my-hooks', 'pre-push')), false);

    const husky = featureClone().repo;
    git(husky, 'config', 'core.hooksPath', '.husky/_');
    const theirs = 'npm test\n';
    commit(husky, '.husky/pre-push', theirs);
    shipshape(husky, 'hook', 'install');
    const text = readFileSync(join(husky, '.husky', 'pre-push'), 'utf8');
    assert.ok(text.startsWith(theirs) && text.includes('preflight --hook'));
    shipshape(husky, 'hook', 'uninstall');
    assert.equal(readFileSync(join(husky, '.husky', 'pre-push'), 'utf8'), theirs);
  });

  it('says when there is no hook of ours to remove, and refuses a bad action', () => {
    const { repo } = featureClone();
    assert.match(shipshape(repo, 'hook', 'uninstall').out, /nothing to remove/);
    assert.equal(shipshape(repo, 'hook', 'reinstall').code, 2);
  });
});
