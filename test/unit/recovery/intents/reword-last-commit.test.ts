import { strict as assert } from 'node:assert';
import { rewordLastCommit } from '../../../../src/core/recovery/intents';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { applyCheckUndo, args, clonedRepo, failure, localRepo } from './support';

describe('intents: rewordLastCommit', () => {
  const folder = tempFolder('shipshape intents reword ');
  after(folder.remove);

  it('amends only the message: staged and unstaged changes stay where they are, out of the commit', async () => {
    const { repo } = clonedRepo(folder.path, 'reword');
    const parent = sha(repo, 'HEAD');
    const last = commit(repo, 'a.txt', 'a\n', 'Fxi typo');
    writeFile(repo, 'staged.txt', 'staged\n');
    git(repo, 'add', 'staged.txt');
    writeFile(repo, 'a.txt', 'unstaged\n');
    const message = '-Fix the typo: ünïcode\n\nWith a body.';

    const plan = await rewordLastCommit(repo, message);
    assert.deepEqual(args(plan), [['commit', '--amend', '--only', '-m', message]]);
    assert.deepEqual(plan.movesRefs, ['refs/heads/main']);
    assert.match(plan.effect, /to "-Fix the typo: ünïcode"/);
    await applyCheckUndo(repo, plan, () => {
      assert.equal(git(repo, 'log', '-1', '--format=%B'), `${message}\n\n`);
      assert.equal(sha(repo, 'HEAD^'), parent);
      assert.equal(sha(repo, 'HEAD^{tree}'), sha(repo, `${last}^{tree}`));
      assert.equal(git(repo, 'status', '--porcelain'), ' M a.txt\nA  staged.txt\n');
    });
  });

  it('adds --allow-empty for an empty commit, which git would otherwise refuse to amend', async () => {
    const repo = localRepo(folder.path, 'empty');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'empty');
    const plan = await rewordLastCommit(repo, 'Still empty');
    assert.deepEqual(args(plan), [['commit', '--amend', '--only', '--allow-empty', '-m', 'Still empty']]);
    await applyCheckUndo(repo, plan, () => assert.equal(git(repo, 'log', '-1', '--format=%s').trim(), 'Still empty'));
  });

  it('refuses a pushed commit, and an empty message', async () => {
    const { repo } = clonedRepo(folder.path, 'pushed');
    commit(repo, 'a.txt', 'a\n', 'Pushed');
    git(repo, 'push', '-q');
    const refused = await failure(rewordLastCommit(repo, 'New words'));
    assert.equal(refused.code, 'fix-refused');
    assert.match(refused.message, /"Pushed" is already on origin\/main: rewording it would rewrite a published commit\./);
    assert.equal((await failure(rewordLastCommit(repo, '  \n'))).code, 'usage');
  });
});
