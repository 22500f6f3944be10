import { strict as assert } from 'node:assert';
import { detectMerge } from '../../../../src/core/recovery/detectors/merge';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { NOW, apply, assertResolvedSteps, failingGit, facts, only, stepsOf } from '../helpers';
import { detectWrongBranch } from '../../../../src/core/recovery/detectors/wrong-branch';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { join } from 'node:path';
import { newClone } from '../../../support/repos';

describe('merge detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  function mergedTopic(name: string): { repo: string; before: string } {
    const { repo } = newClone(folder.path, name);
    git(repo, 'checkout', '-q', '-b', 'topic');
    commit(repo, 't.txt', 't\n', 'Topic work');
    git(repo, 'checkout', '-q', 'main');
    const before = commit(repo, 'm.txt', 'm\n', 'Main work');
    git(repo, 'merge', '-q', '--no-edit', 'topic');
    return { repo, before };
  }

  it('undoes an unpushed merge by moving back to its first parent', async () => {
    const { repo, before } = mergedTopic('unpushed');
    const merge = sha(repo, 'HEAD');
    const situation = only(detectMerge(await facts(repo)));
    assert.equal(situation.kind, 'merge');
    assert.equal(situation.title, 'topic was merged into main');
    assert.match(
      situation.explanation,
      new RegExp(`^You merged topic into main 2 hours ago, making the merge commit ${merge.slice(0, 7)} "Merge branch 'topic'"\\. It has not been pushed yet`),
    );
    assert.deepEqual(situation.evidence[0]?.label, "merge topic: Merge made by the 'ort' strategy.");
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--keep', before]]);
    assert.equal(situation.fixes[0]?.rewritesHistory, false);
    assertResolvedSteps(situation);

    apply(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'main'), before);
    assert.deepEqual(detectMerge(await facts(repo)), []);
  });

  it('reverts a pushed merge instead of rewriting it', async () => {
    const { repo, before } = mergedTopic('pushed');
    git(repo, 'push', '-q', 'origin', 'main');
    const merge = sha(repo, 'HEAD');
    const situation = only(detectMerge(await facts(repo)));
    const [revert] = situation.fixes;
    assert.equal(situation.fixes.length, 1);
    assert.deepEqual(stepsOf(revert), [['revert', '--no-edit', '-m', '1', merge]]);
    assert.equal(revert?.rewritesHistory, false);
    assert.match(revert?.risks[0] ?? '', /Merging topic again later brings nothing back/);

    apply(repo, revert!);
    assert.equal(sha(repo, 'HEAD~1'), merge);
    assert.equal(git(repo, 'diff', '--stat', before, 'HEAD').trim(), '');
  });

  it('says nothing once something else happened, nor for a fast-forward to commits already pushed', async () => {
    const { repo } = mergedTopic('later');
    commit(repo, 'n.txt', 'n\n', 'After the merge');
    assert.deepEqual(detectMerge(await facts(repo)), []);

    git(repo, 'push', '-q', 'origin', 'main');
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    git(repo, 'merge', '-q', '--ff-only', 'origin/main');
    assert.match(git(repo, 'reflog', '-1', '--format=%gs'), /^merge origin\/main: Fast-forward/);
    assert.deepEqual(detectMerge(await facts(repo)), []);
  });

  it('undoes an unpushed fast-forward merge by going back to where the branch was', async () => {
    const { repo } = newClone(folder.path, 'fast-forward');
    const before = sha(repo, 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'wip');
    commit(repo, 'w.txt', '1\n', 'Wip 1');
    commit(repo, 'w.txt', '2\n', 'Wip 2');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--ff-only', 'wip');
    const situation = only(detectMerge(await facts(repo)));
    assert.equal(situation.title, 'wip was merged into main (fast-forward)');
    assert.match(
      situation.explanation,
      /^You merged wip into main 2 hours ago as a fast-forward: main moved ahead to wip's commits without a merge commit\. It has not been pushed yet/,
    );
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--keep', before]]);
    apply(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'main'), before);
    assert.deepEqual(detectMerge(await facts(repo)), []);
  });

  it('sees a merge finished by a commit after resolving conflicts', async () => {
    const { repo } = newClone(folder.path, 'resolved');
    git(repo, 'checkout', '-q', '-b', 'other');
    commit(repo, 'README.md', 'other\n', 'Other edit');
    git(repo, 'checkout', '-q', 'main');
    const before = commit(repo, 'README.md', 'main\n', 'Main edit');
    failingGit(repo, 'merge', 'other');
    git(repo, 'checkout', '--theirs', 'README.md');
    git(repo, 'add', 'README.md');
    git(repo, 'commit', '-q', '--no-edit');
    assert.match(git(repo, 'reflog', '-1', '--format=%gs'), /^commit \(merge\): /);
    const situation = only(detectMerge(await facts(repo)));
    assert.equal(situation.title, 'other was merged into main');
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--keep', before]]);
  });

  it('offers to undo a pull that made a merge commit, and wrong-branch never calls it feature work', async () => {
    const { repo, origin } = newClone(folder.path, 'pull');
    const other = join(folder.path, 'pull-other');
    git(folder.path, 'clone', '-q', origin, other);
    commit(other, 'b.txt', 'b\n', 'Colleague');
    git(other, 'push', '-q');
    const before = commit(repo, 'c.txt', 'c\n', 'My local change');
    git(repo, '-c', 'pull.rebase=false', 'pull', '-q', '--no-edit');
    assert.match(git(repo, 'reflog', '-1', '--format=%gs'), /^pull\b.*: Merge made by/);

    const situation = only(detectMerge(await facts(repo)));
    assert.equal(situation.title, 'The pull merged origin/main into main');
    assert.equal(situation.fixes[0]?.title, 'Undo the pull (go back to before it)');
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--keep', before]]);
    assert.deepEqual(detectWrongBranch(await facts(repo)), []);
    assert.ok((await diagnose(repo, { now: NOW })).every((found) => !/feature work/.test(found.explanation)));
  });
});
