import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { diagnose } from '../../../src/core/recovery/diagnose';
import { applyFix, purgeAfterSecretRemoval } from '../../../src/core/recovery/safety';
import { git, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

const KEY = 'AKIA' + 'QWERTYUIOPASDFGH'; // split so this file itself holds no key pattern

describe('purging a committed secret after the fix', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape purge ');
  after(folder.remove);

  it('takes the secret out of the last commit, then out of the repository for good', async () => {
    const repo = folder.path;
    git(repo, 'init', '-q', '-b', 'main');
    writeFile(repo, 'app.js', 'console.log(1)\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'app');
    writeFile(repo, 'config.env', `AWS_ACCESS_KEY_ID=${KEY}\n`);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'add config');
    const leaked = git(repo, 'rev-parse', 'HEAD:config.env').trim();

    const risky = (await diagnose(repo, { deep: true })).find((situation) => situation.kind === 'risky-commit');
    const fix = risky?.fixes.find((candidate) => !candidate.refusal && candidate.steps.length > 0);
    assert.ok(fix, 'a fix for the committed secret');
    assert.ok(!JSON.stringify(risky).includes(KEY), 'the secret is masked everywhere');
    const { snapshotId } = await applyFix(repo, fix);
    assert.throws(() => execFileSync('git', ['cat-file', '-e', `HEAD:config.env`], { cwd: repo, stdio: 'ignore' }), 'the file is out of the commit');
    execFileSync('git', ['cat-file', '-e', leaked], { cwd: repo }); // still there: the snapshot keeps it

    await purgeAfterSecretRemoval(repo, snapshotId);
    assert.throws(() => execFileSync('git', ['cat-file', '-e', leaked], { cwd: repo, stdio: 'ignore' }), 'the secret blob is gone');
    assert.equal(git(repo, 'for-each-ref', 'refs/shipshape/').trim(), '');
  });
});
