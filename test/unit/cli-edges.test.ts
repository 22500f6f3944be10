import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { commit, git } from '../support/git';
import { newRepo } from '../support/repos';
import { tempFolder } from '../support/temp';

async function cli(cwd: string, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { cwd, env: {}, out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('CLI edge cases say what is wrong (issue 11, item 18)', function () {
  this.timeout(30_000);
  const folder = tempFolder('shipshape-cli-edges-');
  after(folder.remove);

  it("snapshots in a bare repository: exit 2, with git's reason", async () => {
    const bare = join(folder.path, 'bare.git');
    git(folder.path, 'init', '-q', '--bare', bare);
    const result = await cli(bare, ['snapshots']);
    assert.equal(result.code, 2);
    assert.match(result.err, /has no working tree \(a bare repository or a \.git folder\)/);
  });

  it('undo-commit on an orphan branch of a repository with commits says so, not "no commits yet"', async () => {
    const repo = newRepo(folder.path, 'orphan');
    commit(repo, 'a.txt', 'a\n');
    git(repo, 'switch', '-q', '--orphan', 'fresh');
    const result = await cli(repo, ['undo-commit', 'HEAD']);
    assert.equal(result.code, 1);
    assert.match(result.err, /The branch fresh has no commits yet \(an orphan branch\)/);
  });
});

describe('plan --event', function () {
  this.timeout(30_000);
  const folder = tempFolder('shipshape-cli-event-');
  after(folder.remove);

  it('refuses an event GitHub does not have, suggesting the one meant (exit 2)', async () => {
    const repo = newRepo(folder.path, 'events');
    commit(repo, '.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n');
    const result = await cli(repo, ['plan', '--event', 'pul_request']);
    assert.equal(result.code, 2);
    assert.match(result.err, /--event: Unknown event "pul_request"\..*pull_request/);
    assert.equal((await cli(repo, ['plan', '--event', 'nonsense'])).code, 2);
    assert.equal((await cli(repo, ['plan', '--event', 'push'])).code, 0);
  });
});

describe('run --store', function () {
  this.timeout(30_000);
  const folder = tempFolder('shipshape-cli-store-');
  after(folder.remove);

  it('says, with exit 2, when a file is where the store folder should be (no raw ENOTDIR)', async () => {
    const repo = newRepo(folder.path, 'store');
    commit(repo, '.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n');
    const file = join(folder.path, 'not-a-folder');
    writeFileSync(file, 'x');
    const result = await cli(repo, ['run', '--store', file]);
    assert.equal(result.code, 2, result.err);
    assert.match(result.err, /Runs cannot be recorded in .*not-a-folder: a file is in the way of that folder\. Choose another folder/);
    assert.doesNotMatch(result.err, /ENOTDIR/);
  });
});
