import { strict as assert } from 'node:assert';
import { detectAmend } from '../../../../src/core/recovery/detectors/amend';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { NOW, apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { newClone } from '../../../support/repos';

describe('amend detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('finds an amend and undoes it with a soft reset to the resolved earlier commit', async () => {
    const { repo } = newClone(folder.path, 'amend');
    const original = commit(repo, 'a.txt', 'a\n', 'Fix typo');
    writeFile(repo, 'secret.txt', 'oops\n');
    git(repo, 'add', 'secret.txt');
    git(repo, 'commit', '-q', '--amend', '-m', 'Fix typo and more');
    const amended = sha(repo, 'HEAD');

    const situation = only(detectAmend(await facts(repo)));
    assert.equal(situation.kind, 'amend');
    assert.equal(situation.title, 'The last commit on main was amended');
    assert.equal(
      situation.explanation,
      `You amended the last commit on main 2 hours ago. The earlier version, "Fix typo" (${original.slice(0, 7)}), is no longer on any branch; the amended one is called "Fix typo and more".`,
    );
    assert.deepEqual(
      situation.evidence.map((e) => [e.kind, e.sha]),
      [
        ['reflog', amended],
        ['commit', original],
        ['commit', amended],
      ],
    );
    const [undo] = situation.fixes;
    assert.deepEqual(stepsOf(undo), [['reset', '--soft', original]]);
    assert.deepEqual(undo?.movesRefs, ['refs/heads/main']);
    assertResolvedSteps(situation);

    apply(repo, undo!);
    assert.equal(sha(repo, 'HEAD'), original);
    assert.equal(git(repo, 'status', '--porcelain').trim(), 'A  secret.txt');
    assert.deepEqual(detectAmend(await facts(repo)), []);
  });

  it('keeps a pushed amended commit and offers a branch for the earlier version instead', async () => {
    const { repo } = newClone(folder.path, 'pushed');
    const original = commit(repo, 'a.txt', 'a\n', 'Fix typo');
    git(repo, 'commit', '-q', '--amend', '-m', 'Fix typo, amended');
    git(repo, 'push', '-q', 'origin', 'main');
    const situation = only(detectAmend(await facts(repo)));
    assert.match(situation.explanation, /already been pushed/);
    assert.deepEqual(stepsOf(situation.fixes[0]), [['branch', `before-amend-${original.slice(0, 7)}`, original]]);
    assert.ok(situation.fixes.every((fix) => !fix.steps.some((step) => step.args[0] === 'reset')));
  });

  it('says an amended pushed commit is still on the remote and the branch diverged, and finds no wrong-branch work', async () => {
    const { repo } = newClone(folder.path, 'amend-of-pushed');
    const original = commit(repo, 'b.txt', 'b\n', 'Add b');
    git(repo, 'push', '-q', 'origin', 'main');
    writeFile(repo, 'b.txt', 'b\nx\n');
    git(repo, 'commit', '-q', '-a', '--amend', '--no-edit');
    const situations = await diagnose(repo, { now: NOW });
    const situation = only(situations);
    assert.equal(situation.kind, 'amend');
    assert.match(situation.explanation, new RegExp(`The earlier version, "Add b" \\(${original.slice(0, 7)}\\), is on origin/main: you had pushed it\\.`));
    assert.match(situation.explanation, /main and origin\/main have diverged/);
    assert.doesNotMatch(situation.explanation, /no longer on any branch/);
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--soft', original]]);
  });

  it('says nothing when the last entry is a plain commit', async () => {
    const { repo } = newClone(folder.path, 'plain');
    commit(repo, 'a.txt', 'a\n', 'One');
    git(repo, 'commit', '-q', '--amend', '-m', 'One, amended');
    commit(repo, 'b.txt', 'b\n', 'Two');
    assert.deepEqual(detectAmend(await facts(repo)), []);
  });
});
