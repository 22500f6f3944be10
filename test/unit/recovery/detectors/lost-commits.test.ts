import { strict as assert } from 'node:assert';
import { detectLostCommits } from '../../../../src/core/recovery/detectors/lost-commits';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { newRepo } from '../../../support/repos';

describe('lost-commits detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('finds commits a hard reset left behind and offers to go back or keep them on a branch', async () => {
    const repo = newRepo(folder.path, 'reset');
    const base = sha(repo, 'HEAD');
    const first = commit(repo, 'a.txt', 'a\n', 'Add parser');
    const second = commit(repo, 'b.txt', 'b\n', 'Add parser tests');
    git(repo, 'reset', '-q', '--hard', 'HEAD~2');

    const situation = only(detectLostCommits(await facts(repo)));
    assert.equal(situation.kind, 'lost-commits');
    assert.equal(situation.title, 'A reset left 2 commits on no branch');
    assert.match(
      situation.explanation,
      /^2 hours ago a reset \("reset: moving to HEAD~2"\) moved main away from 2 commits that no branch holds any more: "Add parser" and "Add parser tests"\./,
    );
    assert.deepEqual(
      situation.evidence.map((e) => [e.kind, e.sha]),
      [
        ['reflog', base],
        ['commit', first],
        ['commit', second],
      ],
    );
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(situation.fixes.map(stepsOf), [[['reset', '--keep', second]], [['branch', `rescue/${today}`, second]]]);
    assertResolvedSteps(situation);

    apply(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'main'), second);
    assert.deepEqual(detectLostCommits(await facts(repo)), []);
  });

  it('reports resets in a row once, from the outermost commit', async () => {
    const repo = newRepo(folder.path, 'twice');
    commit(repo, 'a.txt', 'a\n', 'One');
    const two = commit(repo, 'b.txt', 'b\n', 'Two');
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    const situation = only(detectLostCommits(await facts(repo)));
    assert.equal(situation.title, 'A reset left 2 commits on no branch');
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--keep', two]]);
  });

  it('offers only the branch once HEAD has moved on, and nothing for a reset that lost nothing', async () => {
    const repo = newRepo(folder.path, 'moved-on');
    const lost = commit(repo, 'a.txt', 'a\n', 'Lost work');
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    commit(repo, 'c.txt', 'c\n', 'New work');
    const situation = only(detectLostCommits(await facts(repo)));
    assert.deepEqual(
      situation.fixes.map((fix) => stepsOf(fix)[0]?.[0]),
      ['branch'],
    );
    assert.equal(stepsOf(situation.fixes[0])[0]?.[2], lost);

    git(repo, 'branch', 'kept', lost);
    git(repo, 'reset', '-q', '--hard', 'HEAD');
    assert.deepEqual(detectLostCommits(await facts(repo)), []);
  });
});
