import { strict as assert } from 'node:assert';
import { detectDeletedBranch } from '../../../../src/core/recovery/detectors/deleted-branch';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { newRepo } from '../../../support/repos';

describe('deleted-branch detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('finds a deleted branch whose commits are on no other ref and restores it', async () => {
    const repo = newRepo(folder.path, 'deleted');
    git(repo, 'checkout', '-q', '-b', 'experiment/cache');
    const first = commit(repo, 'cache.js', 'map\n', 'Try an in-memory cache');
    const tip = commit(repo, 'cache.test.js', 'test\n', 'Test the cache');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'branch', '-q', '-D', 'experiment/cache');

    const situation = only(detectDeletedBranch(await facts(repo)));
    assert.equal(situation.kind, 'deleted-branch');
    assert.equal(situation.title, 'Deleted branch experiment/cache had 2 commits on no other branch');
    assert.equal(
      situation.explanation,
      'The branch experiment/cache no longer exists. You last left it 2 hours ago, and its 2 commits are on no other branch: "Try an in-memory cache" and "Test the cache".',
    );
    assert.deepEqual(
      situation.evidence.map((e) => [e.kind, e.label]),
      [
        ['reflog', 'checkout: moving from experiment/cache to main'],
        ['ref', `refs/heads/experiment/cache is gone; it pointed at ${tip.slice(0, 7)} Test the cache`],
        ['commit', `${first.slice(0, 7)} Try an in-memory cache`],
        ['commit', `${tip.slice(0, 7)} Test the cache`],
      ],
    );
    assert.deepEqual(stepsOf(situation.fixes[0]), [['branch', 'experiment/cache', tip]]);
    assert.deepEqual(situation.fixes[0]?.movesRefs, ['refs/heads/experiment/cache']);
    assertResolvedSteps(situation);

    apply(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'experiment/cache'), tip);
    assert.deepEqual(detectDeletedBranch(await facts(repo)), []);
  });

  it('restores under another name when the old one is taken', async () => {
    const repo = newRepo(folder.path, 'taken');
    git(repo, 'checkout', '-q', '-b', 'spike');
    const tip = commit(repo, 'x.txt', 'x\n', 'Spike');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'branch', '-q', '-D', 'spike');
    git(repo, 'branch', 'spike/other');
    assert.deepEqual(stepsOf(only(detectDeletedBranch(await facts(repo))).fixes[0]), [['branch', 'spike-restored', tip]]);
  });

  it('leaves out deleted branches that were merged', async () => {
    const repo = newRepo(folder.path, 'merged');
    git(repo, 'checkout', '-q', '-b', 'done');
    commit(repo, 'x.txt', 'x\n', 'Finished work');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--ff-only', 'done');
    git(repo, 'branch', '-q', '-d', 'done');
    assert.deepEqual(detectDeletedBranch(await facts(repo)), []);
  });
});
