import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, undoFix } from '../../../src/core/recovery/safety';
import { commit, git } from '../../support/git';
import { emptyRepoWithIdentity } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { planOf, repoState } from './safety-support';

// Regressions found by the intents work: edits git cannot tell apart by size and time.
describe('safety net: edits made in the same second as the index', function () {
  this.timeout(30000);
  const folder = tempFolder('shipshape racy ');
  after(folder.remove);

  it('keeps a same-size edit made right after a commit (the snapshot must not miss it)', async () => {
    const repo = join(folder.path, 'same-size');
    emptyRepoWithIdentity(repo);
    commit(repo, 'README.md', 'original\n');
    writeFileSync(join(repo, 'README.md'), 'edited!!\n'); // same size, same second as the index
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = repoState(repo);
    await applyFix(repo, planOf('discard', [['checkout', '--', 'README.md']]));
    assert.equal(git(repo, 'show', ':README.md'), 'original\n');
    await undoFix(repo);
    assert.deepEqual(repoState(repo), before);
  });

  it('can apply a reset --keep again right after an undo', async () => {
    const repo = join(folder.path, 'again');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', 'a\n');
    commit(repo, 'b.txt', 'b\n');
    const plan = planOf('back one', [['reset', '--keep', git(repo, 'rev-parse', 'HEAD~1').trim()]]);
    await applyFix(repo, plan);
    await undoFix(repo);
    await applyFix(repo, plan); // failed with "Entry 'b.txt' not uptodate" before the index refresh
    assert.equal(git(repo, 'rev-list', '--count', 'HEAD').trim(), '1');
  });
});
