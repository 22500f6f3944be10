import { strict as assert } from 'node:assert';
import { detectRebase } from '../../../../src/core/recovery/detectors/rebase';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { newClone } from '../../../support/repos';

describe('rebase detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  /** topic (2 commits) rebased onto a main that moved on. */
  function rebasedTopic(name: string): { repo: string; before: string } {
    const { repo } = newClone(folder.path, name);
    git(repo, 'checkout', '-q', '-b', 'topic');
    commit(repo, 't1.txt', '1\n', 'Topic one');
    const before = commit(repo, 't2.txt', '2\n', 'Topic two');
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'm.txt', 'm\n', 'Main moves on');
    git(repo, 'checkout', '-q', 'topic');
    git(repo, 'rebase', '-q', 'main');
    return { repo, before };
  }

  it('finds a finished rebase and puts the branch back where it was', async () => {
    const { repo, before } = rebasedTopic('undo');
    const after = sha(repo, 'HEAD');
    const situation = only(detectRebase(await facts(repo)));
    assert.equal(situation.kind, 'rebase');
    assert.equal(situation.title, 'topic was rebased');
    assert.equal(
      situation.explanation,
      `You rebased topic 2 hours ago, replaying 2 commits. Before the rebase it pointed at ${before.slice(0, 7)} "Topic two"; that version is kept only by the reflog now.`,
    );
    assert.deepEqual(
      situation.evidence.map((e) => e.label),
      ['rebase (finish): returning to refs/heads/topic', 'rebase (start): checkout main', `before the rebase: ${before.slice(0, 7)} Topic two`],
    );
    assert.deepEqual(situation.fixes.map(stepsOf), [[['reset', '--keep', before]], [['branch', 'topic-before-rebase', before]]]);
    assert.deepEqual(situation.fixes[0]?.movesRefs, ['refs/heads/topic']);
    assertResolvedSteps(situation);
    assert.notEqual(after, before);

    apply(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'topic'), before);
  });

  it('does not reset a rebased branch that was pushed, or one that is not checked out', async () => {
    const { repo, before } = rebasedTopic('pushed');
    git(repo, 'push', '-q', 'origin', 'topic');
    const pushed = only(detectRebase(await facts(repo)));
    assert.match(pushed.explanation, /already been pushed/);
    assert.deepEqual(pushed.fixes.map(stepsOf), [[['branch', 'topic-before-rebase', before]]]);

    const other = rebasedTopic('elsewhere');
    git(other.repo, 'checkout', '-q', 'main');
    assert.deepEqual(
      only(detectRebase(await facts(other.repo))).fixes.map((fix) => stepsOf(fix)[0]?.[0]),
      ['branch'],
    );
  });
});
