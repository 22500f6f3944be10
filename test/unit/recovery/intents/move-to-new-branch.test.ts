import { strict as assert } from 'node:assert';
import { moveLastCommitsToNewBranch } from '../../../../src/core/recovery/intents';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { applyCheckUndo, args, clonedRepo, failure, localRepo } from './support';

describe('intents: moveLastCommitsToNewBranch', () => {
  const folder = tempFolder('shipshape intents move ');
  after(folder.remove);

  it('by default moves the commits ahead of the upstream, with resolved shas, keeping local edits', async () => {
    const { repo } = clonedRepo(folder.path, 'ahead');
    const upstream = sha(repo, 'origin/main');
    commit(repo, 'a.txt', 'a\n', 'Start feature');
    const head = commit(repo, 'b.txt', 'b\n', 'Finish feature');
    writeFile(repo, 'README.md', 'local edit\n');
    writeFile(repo, 'notes.txt', 'untracked\n');

    const plan = await moveLastCommitsToNewBranch(repo, 'feature/ünï');
    assert.deepEqual(args(plan), [
      ['branch', 'feature/ünï', head],
      ['reset', '--keep', upstream],
    ]);
    assert.equal(plan.title, 'Move 2 commits to a new branch feature/ünï');
    assert.match(plan.effect, /"Start feature" and "Finish feature"/);
    await applyCheckUndo(repo, plan, () => {
      assert.equal(sha(repo, 'refs/heads/feature/ünï'), head);
      assert.equal(sha(repo, 'main'), upstream);
      assert.equal(git(repo, 'status', '--porcelain'), ' M README.md\n?? notes.txt\n');
    });
  });

  it('keeps staged changes staged: a staged new file, and a staged edit with more unstaged on top', async () => {
    const { repo } = clonedRepo(folder.path, 'staged');
    const upstream = sha(repo, 'origin/main');
    commit(repo, 'a.txt', 'a\n', 'Start feature');
    commit(repo, 'b.txt', 'b\n', 'Finish feature');
    writeFile(repo, 'staged-new.txt', 'new and staged\n');
    writeFile(repo, 'README.md', 'staged edit\n');
    git(repo, 'add', 'staged-new.txt', 'README.md');
    writeFile(repo, 'README.md', 'staged edit\nand more, not staged\n');
    writeFile(repo, 'notes.txt', 'untracked\n');
    const staged = git(repo, 'diff', '--cached');
    const unstaged = git(repo, 'diff');

    const plan = await moveLastCommitsToNewBranch(repo, 'feature');
    assert.match(plan.effect, /staged ones staged/);
    await applyCheckUndo(repo, plan, () => {
      assert.equal(sha(repo, 'main'), upstream);
      assert.equal(git(repo, 'status', '--porcelain'), 'MM README.md\nA  staged-new.txt\n?? notes.txt\n');
      assert.equal(git(repo, 'diff', '--cached'), staged);
      assert.equal(git(repo, 'diff'), unstaged);
    });
  });

  it('moves a given number of commits in a repository without upstream', async () => {
    const repo = localRepo(folder.path, 'count');
    const base = commit(repo, 'a.txt', 'a\n', 'One');
    commit(repo, 'b.txt', 'b\n', 'Two');
    const head = commit(repo, 'c.txt', 'c\n', 'Three');
    const plan = await moveLastCommitsToNewBranch(repo, 'later', 2);
    assert.deepEqual(args(plan), [
      ['branch', 'later', head],
      ['reset', '--keep', base],
    ]);
    await applyCheckUndo(repo, plan, () => assert.equal(git(repo, 'log', '--format=%s', 'main').trim(), 'One\nInitial commit'));
  });

  it('marks the plan when the reset would overwrite a local edit', async () => {
    const { repo } = clonedRepo(folder.path, 'clash');
    commit(repo, 'a.txt', 'a\n', 'Feature');
    writeFile(repo, 'a.txt', 'edited\n');
    const plan = await moveLastCommitsToNewBranch(repo, 'feature');
    assert.match(plan.refusal ?? '', /uncommitted changes to a\.txt would be overwritten/);
  });

  it('refuses pushed commits, taken or nested names, too many commits, a detached HEAD; rejects bad input', async () => {
    const { repo } = clonedRepo(folder.path, 'refusals');
    commit(repo, 'a.txt', 'a\n', 'Pushed');
    git(repo, 'push', '-q');
    commit(repo, 'b.txt', 'b\n', 'Local');
    git(repo, 'branch', 'taken');
    git(repo, 'branch', 'group/one');

    assert.match((await failure(moveLastCommitsToNewBranch(repo, 'topic', 2))).message, /already pushed/);
    assert.equal((await failure(moveLastCommitsToNewBranch(repo, 'topic', 3))).message, 'main has only 3 commits: moving 3 would leave it without any.');
    assert.equal((await failure(moveLastCommitsToNewBranch(repo, 'taken'))).message, 'A branch named taken already exists.');
    assert.match((await failure(moveLastCommitsToNewBranch(repo, 'group'))).message, /next to the branch group\/one/);
    for (const bad of ['a..b', '@{-1}', '-x', 'with space', '']) {
      assert.equal((await failure(moveLastCommitsToNewBranch(repo, bad))).code, 'usage', bad);
    }
    assert.equal((await failure(moveLastCommitsToNewBranch(repo, 'topic', 0))).code, 'usage');
    assert.equal((await failure(moveLastCommitsToNewBranch(repo, 'topic', 1.5))).code, 'usage');

    git(repo, 'push', '-q');
    assert.match((await failure(moveLastCommitsToNewBranch(repo, 'topic'))).message, /has no commits that origin\/main does not have/);
    git(repo, 'switch', '-q', '--detach');
    assert.match((await failure(moveLastCommitsToNewBranch(repo, 'topic', 1))).message, /HEAD is not on a branch/);

    const plain = localRepo(folder.path, 'no upstream');
    assert.match((await failure(moveLastCommitsToNewBranch(plain, 'topic'))).message, /say how many commits to move/);
  });
});
