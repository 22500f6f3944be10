import { strict as assert } from 'node:assert';
import { diagnose } from '../../../src/core/recovery/diagnose';
import { applyFix, purgeAfterSecretRemoval } from '../../../src/core/recovery/safety';
import { commit, git } from '../../support/git';
import { tempFolder } from '../../support/temp';

const KEY = 'AKIA' + 'QWERTYUIOPASDFGH'; // split so this file itself holds no key pattern

describe('purging a committed secret after the fix', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape purge ');
  after(folder.remove);

  it('takes the secret out of the last commit, then out of the repository for good', async () => {
    const repo = folder.path;
    git(repo, 'init', '-q', '-b', 'main');
    commit(repo, 'app.js', 'console.log(1)\n', 'app');
    commit(repo, 'config.env', `AWS_ACCESS_KEY_ID=${KEY}\n`, 'add config');
    const leaked = git(repo, 'rev-parse', 'HEAD:config.env').trim();

    const risky = (await diagnose(repo, { deep: true })).find((situation) => situation.kind === 'risky-commit');
    const fix = risky?.fixes.find((candidate) => !candidate.refusal && candidate.steps.length > 0);
    assert.ok(fix, 'a fix for the committed secret');
    assert.ok(!JSON.stringify(risky).includes(KEY), 'the secret is masked everywhere');
    const { snapshotId } = await applyFix(repo, fix);
    assert.throws(() => git(repo, 'cat-file', '-e', 'HEAD:config.env'), 'the file is out of the commit');
    git(repo, 'cat-file', '-e', leaked); // still there: the snapshot keeps it

    await purgeAfterSecretRemoval(repo, snapshotId);
    assert.throws(() => git(repo, 'cat-file', '-e', leaked), 'the secret blob is gone');
    assert.equal(git(repo, 'for-each-ref', 'refs/shipshape/').trim(), '');
  });
});
