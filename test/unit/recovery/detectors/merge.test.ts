import { strict as assert } from 'node:assert';
import { detectMerge } from '../../../../src/core/recovery/detectors/merge';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
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

  it('says nothing for a fast-forward or once something else happened', async () => {
    const { repo } = mergedTopic('later');
    commit(repo, 'n.txt', 'n\n', 'After the merge');
    assert.deepEqual(detectMerge(await facts(repo)), []);

    git(repo, 'checkout', '-q', '-b', 'ahead');
    commit(repo, 'o.txt', 'o\n', 'Ahead');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--ff-only', 'ahead');
    assert.match(git(repo, 'reflog', '-1', '--format=%gs'), /^merge ahead: Fast-forward/);
    assert.deepEqual(detectMerge(await facts(repo)), []);
  });
});
