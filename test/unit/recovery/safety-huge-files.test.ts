import { strict as assert } from 'node:assert';
import { statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNAPSHOT_FILE_LIMIT, applyFix, undoFix } from '../../../src/core/recovery/safety';
import { commit, git } from '../../support/git';
import { newRepo } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { planOf } from './safety-support';

describe('snapshots leave huge untracked files out, and undo leaves them alone', function () {
  this.timeout(60_000);
  const folder = tempFolder('shipshape-huge-');
  after(folder.remove);

  it('skips an untracked file over the limit, says so, and keeps .git small', async () => {
    const repo = newRepo(folder.path, 'with an iso');
    commit(repo, 'a.txt', 'a1\n');
    commit(repo, 'a.txt', 'a2\n');
    const iso = join(repo, 'big disk.iso');
    writeFileSync(iso, '');
    truncateSync(iso, SNAPSHOT_FILE_LIMIT + 1); // sparse: cheap to make, expensive to copy into .git
    writeFileSync(join(repo, 'small.txt'), 'untracked and small\n');

    const applied = await applyFix(
      repo,
      planOf(
        'move',
        [
          ['branch', 'topic'],
          ['reset', '--keep', 'HEAD~1'],
        ],
        { movesRefs: ['refs/heads/main', 'refs/heads/topic'] },
      ),
    );
    assert.deepEqual(applied.leftOut, [{ path: 'big disk.iso', size: SNAPSHOT_FILE_LIMIT + 1 }]);
    const snapshotFiles = git(repo, 'ls-tree', '-r', '--name-only', `refs/shipshape/snapshots/${applied.snapshotId}/worktree`).trim().split('\n');
    assert.ok(snapshotFiles.includes('small.txt'));
    assert.ok(!snapshotFiles.includes('big disk.iso'));
    const sizes = Object.fromEntries(
      git(repo, 'count-objects', '-v')
        .trim()
        .split('\n')
        .map((line) => line.split(': ')),
    );
    assert.ok(Number(sizes.size) + Number(sizes['size-pack']) < 1024, `.git grew: ${JSON.stringify(sizes)}`);

    await undoFix(repo);
    assert.equal(statSync(iso).size, SNAPSHOT_FILE_LIMIT + 1, 'undo leaves the file where it is');
    assert.equal(git(repo, 'branch', '--list', 'topic').trim(), '');
  });
});
