import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { isShipshapeError } from '../../../src/core/errors';
import { applyFix, readJournal, openRepository, undoFix } from '../../../src/core/recovery/safety';
import { commit, git } from '../../support/git';
import { tempFolder } from '../../support/temp';
import { newRepo } from '../../support/repos';
import { gitPath, planOf, repoState } from './safety-support';

const MOVE = planOf(
  'move commits',
  [
    ['branch', 'topic'],
    ['reset', '--keep', 'HEAD~1'],
  ],
  { movesRefs: ['refs/heads/main', 'refs/heads/topic'] },
);

function refusedFor(lock: string) {
  return (error: unknown) => {
    assert.ok(isShipshapeError(error), String(error));
    assert.equal(error.code, 'fix-refused');
    assert.ok(error.message.includes(lock), error.message);
    assert.match(error.message, /another git command is running.*Nothing was changed\./);
    return true;
  };
}

describe('fixes and undos refuse while git holds a lock (nothing half done)', () => {
  const folder = tempFolder();
  after(folder.remove);
  let count = 0;
  const fresh = (): string => {
    const repo = newRepo(folder.path, `locked ${(count += 1)}`);
    commit(repo, 'a.txt', 'a1\n');
    commit(repo, 'a.txt', 'a2\n');
    return repo;
  };

  for (const lock of ['index.lock', 'HEAD.lock', 'packed-refs.lock', 'refs/heads/main.lock']) {
    it(`refuses a fix before its first change while ${lock} exists`, async () => {
      const repo = fresh();
      const path = gitPath(repo, lock);
      writeFileSync(path, '');
      const before = repoState(repo);
      await assert.rejects(applyFix(repo, MOVE), refusedFor(path));
      assert.deepEqual(repoState(repo), before);
      assert.equal(git(repo, 'branch', '--list', 'topic').trim(), '');
      assert.deepEqual(await readJournal(await openRepository(repo)), []);
    });
  }

  it('refuses an undo while the index is locked, and undoes once the lock is gone', async () => {
    const repo = fresh();
    await applyFix(repo, MOVE);
    const afterFix = repoState(repo);
    const lock = gitPath(repo, 'index.lock');
    writeFileSync(lock, '');
    await assert.rejects(undoFix(repo), refusedFor(lock));
    assert.deepEqual(repoState(repo), afterFix);
    rmSync(lock);
    await undoFix(repo);
    assert.equal(git(repo, 'branch', '--list', 'topic').trim(), '');
  });
});

describe('fixes that make commits refuse up front when git does not know who you are', () => {
  const folder = tempFolder('shipshape-no-identity-');
  after(folder.remove);

  it('refuses a cherry-pick before any change, with the command that fixes it; a fix that makes no commit still runs', async () => {
    const repo = newRepo(folder.path, 'nobody');
    const lost = commit(repo, 'a.txt', 'a1\n');
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    // No identity anywhere git looks, and no guessing from the host name.
    git(repo, 'config', '--unset', 'user.name');
    git(repo, 'config', '--unset', 'user.email');
    git(repo, 'config', 'user.useConfigOnly', 'true');
    const saved = { global: process.env.GIT_CONFIG_GLOBAL, nosystem: process.env.GIT_CONFIG_NOSYSTEM };
    process.env.GIT_CONFIG_GLOBAL = gitPath(repo, 'no-such-config');
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    try {
      const before = repoState(repo);
      await assert.rejects(applyFix(repo, planOf('copy', [['cherry-pick', lost]])), (error: unknown) => {
        assert.ok(isShipshapeError(error));
        assert.equal(error.code, 'fix-refused');
        assert.match(error.message, /makes commits \(git cherry-pick\), and git does not know your name and email\. Nothing was changed\./);
        assert.match(error.hint ?? '', /git config --global user\.name/);
        return true;
      });
      assert.deepEqual(repoState(repo), before);
      await applyFix(repo, planOf('branch', [['branch', 'keep', lost]]));
    } finally {
      for (const [key, value] of [
        ['GIT_CONFIG_GLOBAL', saved.global],
        ['GIT_CONFIG_NOSYSTEM', saved.nosystem],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
