import { strict as assert } from 'node:assert';
import { diagnose } from '../../../src/core/recovery/diagnose';
import type { Situation } from '../../../src/core/recovery/model';
import { applyFix, takeSnapshot, undoFix } from '../../../src/core/recovery/safety';
import { commit, git, writeFile } from '../../support/git';
import { newRepo } from '../../support/repos';
import { tempFolder } from '../../support/temp';

/**
 * Shipshape's own refs (refs/shipshape/: snapshots and their backups) keep
 * objects from gc, but must not hide a mistake: detection judges what is lost
 * as if they were not there.
 */
describe('detection looks past Shipshape snapshot refs', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape-hidden-refs-');
  after(folder.remove);

  const kinds = (situations: readonly Situation[]) => situations.map((situation) => situation.kind).join(', ');
  const find = async (repo: string, kind: string, deep = false): Promise<Situation> => {
    const situations = await diagnose(repo, { deep });
    const found = situations.find((situation) => situation.kind === kind);
    assert.ok(found, `no ${kind} among: ${kinds(situations) || 'nothing'}`);
    return found;
  };
  /** Applies the situation's first fix and undoes it: the repository is back in the mistake, with snapshots pinning its objects. */
  const fixAndUndo = async (repo: string, situation: Situation) => {
    const fix = situation.fixes.find((candidate) => !candidate.refusal && candidate.steps.length > 0);
    assert.ok(fix, `a fix for ${situation.title}`);
    await applyFix(repo, fix);
    await undoFix(repo);
    assert.notEqual(git(repo, 'for-each-ref', 'refs/shipshape/').trim(), '', 'the snapshots are still there');
  };

  it('finds a dropped stash again after its fix is undone', async () => {
    const repo = newRepo(folder.path, 'stash');
    writeFile(repo, 'README.md', '# test\nstashed work\n');
    git(repo, 'stash', 'push', '-q', '-m', 'work');
    git(repo, 'stash', 'drop', '-q');
    await fixAndUndo(repo, await find(repo, 'dropped-stash', true));
    assert.equal(git(repo, 'stash', 'list').trim(), '');
    await find(repo, 'dropped-stash', true);
  });

  it('finds commits a reset left behind again after its fix is undone', async () => {
    const repo = newRepo(folder.path, 'reset');
    commit(repo, 'a.txt', '2\n', 'two');
    commit(repo, 'a.txt', '3\n', 'three');
    git(repo, 'reset', '-q', '--hard', 'HEAD~2');
    await fixAndUndo(repo, await find(repo, 'lost-commits'));
    await find(repo, 'lost-commits');
  });

  it('finds a deleted branch again after its fix is undone', async () => {
    const repo = newRepo(folder.path, 'branch');
    git(repo, 'switch', '-q', '-c', 'topic');
    commit(repo, 't.txt', 'topic\n', 'topic work');
    git(repo, 'switch', '-q', 'main');
    git(repo, 'branch', '-q', '-D', 'topic');
    await fixAndUndo(repo, await find(repo, 'deleted-branch'));
    await find(repo, 'deleted-branch');
  });

  it('counts every commit a reset dropped, also one an older snapshot still pins', async () => {
    const repo = newRepo(folder.path, 'pinned');
    commit(repo, 'a.txt', '2\n', 'two');
    await takeSnapshot(repo); // HEAD was "two": the snapshot keeps it
    commit(repo, 'a.txt', '3\n', 'three');
    git(repo, 'reset', '-q', '--hard', 'HEAD~2');
    const lost = await find(repo, 'lost-commits');
    const commits = lost.evidence.filter((item) => item.kind === 'commit').map((item) => item.label);
    assert.equal(commits.length, 2, commits.join('; '));
  });

  it('does not call lost what a fix still applied left behind on purpose (its undo brings it back)', async () => {
    const repo = newRepo(folder.path, 'amend');
    commit(repo, 'notes.txt', 'first\n', 'notes');
    writeFile(repo, 'notes.txt', 'overwritten\n');
    git(repo, 'commit', '-q', '-a', '--amend', '--no-edit');
    const amend = await find(repo, 'amend');
    const fix = amend.fixes.find((candidate) => !candidate.refusal && candidate.steps.length > 0);
    assert.ok(fix);
    await applyFix(repo, fix);
    assert.deepEqual(kinds(await diagnose(repo, { deep: true })), '');
    await undoFix(repo);
    await find(repo, 'amend');
  });

  it('finds a merge again after its fix is undone (the undo is not the newest thing that happened)', async () => {
    const repo = newRepo(folder.path, 'merge');
    git(repo, 'switch', '-q', '-c', 'experiment');
    commit(repo, 'e.txt', 'experiment\n', 'experiment');
    git(repo, 'switch', '-q', 'main');
    commit(repo, 'm.txt', 'main\n', 'main work');
    git(repo, 'merge', '-q', '--no-edit', 'experiment');
    await fixAndUndo(repo, await find(repo, 'merge'));
    await find(repo, 'merge');
  });
});
