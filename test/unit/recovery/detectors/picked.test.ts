import { strict as assert } from 'node:assert';
import { detectPicked } from '../../../../src/core/recovery/detectors/picked';
import { detectWrongBranch } from '../../../../src/core/recovery/detectors/wrong-branch';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { applyFix, undoFix } from '../../../../src/core/recovery/safety';
import { commit, git, sha, writeFile } from '../../../support/git';
import { newClone } from '../../../support/repos';
import { tempFolder } from '../../../support/temp';
import { NOW, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { repoState } from '../safety-support';

describe('cherry-pick and revert detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  /** A hotfix branch off main, cherry-picked onto main (not pushed); an untracked file beside it. */
  function pickedOntoMain(name: string): { repo: string; before: string; picked: string } {
    const { repo } = newClone(folder.path, name);
    git(repo, 'switch', '-q', '-c', 'hotfix');
    commit(repo, 'h.txt', 'h\n', 'Hotfix for prod');
    git(repo, 'switch', '-q', 'main');
    const before = sha(repo, 'HEAD');
    writeFile(repo, 'notes.txt', 'mine\n');
    git(repo, 'cherry-pick', 'hotfix');
    return { repo, before, picked: sha(repo, 'HEAD') };
  }

  it('undoes an unpushed cherry-pick, and the undo of that fix puts it back exactly', async () => {
    const { repo, before, picked } = pickedOntoMain('picked');
    const situation = only((await diagnose(repo, { now: NOW })).filter((s) => s.kind !== 'in-progress'));
    assert.equal(situation.kind, 'cherry-pick');
    assert.equal(situation.title, '1 commit was cherry-picked onto main');
    assert.match(situation.explanation, /^You cherry-picked "Hotfix for prod" onto main 2 hours ago\. It has not been pushed yet/);
    assert.equal(situation.evidence[0]?.label, 'cherry-pick: Hotfix for prod');
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--keep', before]]);
    assertResolvedSteps(situation);

    const after = repoState(repo);
    const hotfix = sha(repo, 'hotfix');
    await applyFix(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'main'), before);
    assert.equal(sha(repo, 'hotfix'), hotfix, 'the picked-from branch is untouched');
    assert.equal(git(repo, 'status', '--porcelain').trim(), '?? notes.txt');
    await undoFix(repo);
    assert.deepEqual(repoState(repo), after);
    assert.equal(sha(repo, 'HEAD'), picked);
  });

  it('treats several cherry-picks in a row as one, and reverts them once pushed', async () => {
    const { repo } = newClone(folder.path, 'several');
    git(repo, 'switch', '-q', '-c', 'other');
    commit(repo, 'b.txt', 'b\n', 'B');
    commit(repo, 'c.txt', 'c\n', 'C');
    git(repo, 'switch', '-q', 'main');
    const before = sha(repo, 'HEAD');
    git(repo, 'cherry-pick', 'other~1', 'other');
    const [b, c] = [sha(repo, 'HEAD~1'), sha(repo, 'HEAD')];
    const unpushed = only(detectPicked(await facts(repo)));
    assert.equal(unpushed.title, '2 commits were cherry-picked onto main');
    assert.deepEqual(stepsOf(unpushed.fixes[0]), [['reset', '--keep', before]]);

    git(repo, 'push', '-q', 'origin', 'main');
    const pushed = only(detectPicked(await facts(repo)));
    assert.deepEqual(stepsOf(pushed.fixes[0]), [['revert', '--no-edit', c, b]]);
    assert.match(pushed.explanation, /already been pushed/);
  });

  it('undoes an unpushed revert of a revert, and the wrong-branch detector leaves it alone', async () => {
    const { repo } = newClone(folder.path, 'revert-of-revert');
    commit(repo, 'f.txt', 'f\n', 'Feature');
    git(repo, 'revert', '--no-edit', 'HEAD');
    git(repo, 'push', '-q', 'origin', 'main');
    const before = sha(repo, 'HEAD');
    git(repo, 'revert', '--no-edit', 'HEAD');
    const situations = await diagnose(repo, { now: NOW });
    const situation = only(situations);
    assert.equal(situation.kind, 'revert');
    assert.equal(situation.title, 'A commit on main was reverted');
    assert.match(
      situation.explanation,
      /^You reverted "Revert "Feature"" on main 2 hours ago, making the commit [0-9a-f]{7} "Revert "Revert "Feature"""\. It has not been pushed yet/,
    );
    assert.deepEqual(stepsOf(situation.fixes[0]), [['reset', '--keep', before]]);
    assert.deepEqual(detectWrongBranch(await facts(repo)), []);
  });

  it('says nothing when the last move was not a cherry-pick or revert', async () => {
    const { repo } = pickedOntoMain('later');
    commit(repo, 'x.txt', 'x\n', 'Later work');
    assert.deepEqual(detectPicked(await facts(repo)), []);
  });
});
