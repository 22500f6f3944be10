import { strict as assert } from 'node:assert';
import { detectLostCommits } from '../../../../src/core/recovery/detectors/lost-commits';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { newClone, newRepo } from '../../../support/repos';
import { join } from 'node:path';

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
  it('finds commits a branch lost when `git branch -f` moved it, and keeps them on a new branch', async () => {
    const repo = newRepo(folder.path, 'branch-f');
    git(repo, 'branch', 'other');
    commit(repo, 'a.txt', '2\n', 'Two');
    const three = commit(repo, 'a.txt', '3\n', 'Three');
    git(repo, 'switch', '-q', 'other');
    git(repo, 'branch', '-f', 'main', 'other');

    const situation = only(detectLostCommits(await facts(repo)));
    assert.equal(situation.title, 'Moving main left 2 commits on no branch');
    assert.match(
      situation.explanation,
      /^2 hours ago "branch: Reset to other" moved main away from 2 commits that no branch holds any more: "Two" and "Three"\./,
    );
    assert.equal(situation.evidence[0]?.label, 'main: branch: Reset to other');
    // main is not checked out: only the new branch, nothing else moves.
    assert.deepEqual(situation.fixes.map(stepsOf), [[['branch', `rescue/${new Date().toISOString().slice(0, 10)}`, three]]]);
    assertResolvedSteps(situation);
    apply(repo, situation.fixes[0]!);
    assert.deepEqual(detectLostCommits(await facts(repo)), []);
  });

  it('finds commits `git checkout -B` dropped from the branch it reset, and can move that branch back', async () => {
    const repo = newRepo(folder.path, 'checkout-B');
    git(repo, 'switch', '-q', '-c', 'feature');
    commit(repo, 'f.txt', '1\n', 'Feature 1');
    const tip = commit(repo, 'f.txt', '2\n', 'Feature 2');
    git(repo, 'switch', '-q', 'main');
    git(repo, 'checkout', '-q', '-B', 'feature', 'main');

    const situation = only(detectLostCommits(await facts(repo)));
    assert.equal(situation.title, 'Moving feature left 2 commits on no branch');
    assert.deepEqual(
      situation.fixes.map((fix) => stepsOf(fix)[0]?.slice(0, 2)),
      [
        ['reset', '--keep'],
        ['branch', `rescue/${new Date().toISOString().slice(0, 10)}`],
      ],
    );
    apply(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'feature'), tip);
    assert.deepEqual(detectLostCommits(await facts(repo)), []);
  });

  it('finds remote commits a force push overwrote, and never a rewrite of commits made here', async () => {
    const { repo, origin } = newClone(folder.path, 'force-push');
    const other = join(folder.path, 'force-push-other');
    git(folder.path, 'clone', '-q', origin, other);
    commit(other, 'b.txt', 'b\n', 'Colleague 1');
    const theirs = commit(other, 'b.txt', 'b2\n', 'Colleague 2');
    git(other, 'push', '-q');
    git(repo, 'fetch', '-q');
    commit(repo, 'c.txt', 'c\n', 'My change');
    git(repo, 'push', '-q', '--force', 'origin', 'main');

    const situation = only(detectLostCommits(await facts(repo)));
    assert.equal(situation.title, 'A push overwrote 2 commits of origin/main');
    assert.match(situation.explanation, /moved origin\/main away from 2 commits that no branch holds any more: "Colleague 1" and "Colleague 2"/);
    assert.deepEqual(situation.fixes.map(stepsOf), [[['branch', `rescue/${new Date().toISOString().slice(0, 10)}`, theirs]]]);
    apply(repo, situation.fixes[0]!);
    assert.deepEqual(detectLostCommits(await facts(repo)), []);

    // Amending a pushed commit and force-pushing it drops only a commit HEAD held here: not someone else's work.
    const { repo: mine } = newClone(folder.path, 'force-push-own');
    commit(mine, 'd.txt', 'd\n', 'Mine');
    git(mine, 'push', '-q');
    git(mine, 'commit', '-q', '--amend', '-m', 'Mine, better');
    git(mine, 'push', '-q', '--force');
    assert.deepEqual(detectLostCommits(await facts(mine)), []);
  });
});
