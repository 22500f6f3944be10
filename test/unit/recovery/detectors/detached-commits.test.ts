import { strict as assert } from 'node:assert';
import { detectDetachedCommits } from '../../../../src/core/recovery/detectors/detached-commits';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { newRepo } from '../../../support/repos';

describe('detached-commits detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('finds commits left behind on a detached HEAD and keeps them on a branch', async () => {
    const repo = newRepo(folder.path, 'left');
    git(repo, 'checkout', '-q', '--detach');
    const first = commit(repo, 'a.txt', 'a\n', 'Quick experiment');
    const tip = commit(repo, 'b.txt', 'b\n', 'Experiment, part two');
    git(repo, 'checkout', '-q', 'main');

    const situation = only(detectDetachedCommits(await facts(repo)));
    assert.equal(situation.kind, 'detached-commits');
    assert.equal(situation.title, '2 commits left behind on a detached HEAD');
    assert.match(situation.explanation, /checked out something else 2 hours ago\. No branch holds them: "Quick experiment" and "Experiment, part two"\./);
    assert.deepEqual(
      situation.evidence.map((e) => [e.kind, e.sha]),
      [
        ['reflog', sha(repo, 'main')],
        ['commit', first],
        ['commit', tip],
      ],
    );
    assert.equal(situation.evidence[0]?.label, `checkout: moving from ${tip} to main`);
    assert.deepEqual(stepsOf(situation.fixes[0]), [['branch', 'experiment-part-two', tip]]);
    assertResolvedSteps(situation);

    apply(repo, situation.fixes[0]!);
    assert.deepEqual(detectDetachedCommits(await facts(repo)), []);
  });

  it('warns about commits a detached HEAD still holds, and not about a plain detached checkout', async () => {
    const repo = newRepo(folder.path, 'holding');
    commit(repo, 'x.txt', 'x\n', 'Second');
    git(repo, 'checkout', '-q', 'HEAD~1');
    assert.deepEqual(detectDetachedCommits(await facts(repo)), []);

    const tip = commit(repo, 'y.txt', 'y\n', 'Made while detached');
    const situation = only(detectDetachedCommits(await facts(repo)));
    assert.equal(situation.title, '1 commit on a detached HEAD is on no branch');
    assert.match(situation.explanation, /Checking out anything else would leave it behind/);
    assert.deepEqual(stepsOf(situation.fixes[0]), [['branch', 'made-while-detached', tip]]);
  });
});
