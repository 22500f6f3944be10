import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { undoCommit } from '../../../../src/core/recovery/intents';
import { applyFix } from '../../../../src/core/recovery/safety';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { repoState } from '../safety-support';
import { applyCheckUndo, args, clonedRepo, failure, localRepo } from './support';

describe('intents: undoCommit', () => {
  const folder = tempFolder('shipshape intents undo ');
  after(folder.remove);

  it('reverts a pushed commit (never rewrites it), and the revert undoes exactly', async () => {
    const { repo } = clonedRepo(folder.path, 'pushed');
    commit(repo, 'app.txt', 'one\n', 'Add app');
    const bad = commit(repo, 'app.txt', 'one\nbad\n', 'Break app');
    git(repo, 'push', '-q');
    writeFile(repo, 'notes.txt', 'untracked\n');

    const plans = await undoCommit(repo, bad.slice(0, 8));
    assert.equal(plans.length, 1);
    const [revert] = plans;
    assert.deepEqual(args(revert), [['revert', '--no-edit', bad]]);
    assert.equal(revert?.rewritesHistory, false);
    assert.match(revert?.effect ?? '', /already on origin\/main/);
    await applyCheckUndo(repo, revert!, () => {
      assert.equal(sha(repo, 'HEAD^'), bad);
      assert.equal(readFileSync(join(repo, 'app.txt'), 'utf8'), 'one\n');
      assert.match(git(repo, 'log', '-1', '--format=%s'), /^Revert "Break app"/);
    });
  });

  it('reverts a pushed merge against its first parent', async () => {
    const { repo } = clonedRepo(folder.path, 'merge');
    git(repo, 'switch', '-q', '-c', 'topic');
    commit(repo, 'topic.txt', 'topic\n', 'Topic work');
    git(repo, 'switch', '-q', 'main');
    commit(repo, 'main.txt', 'main\n', 'Main work');
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'topic');
    const merge = sha(repo, 'HEAD');
    git(repo, 'push', '-q');

    const [revert] = await undoCommit(repo, 'HEAD');
    assert.deepEqual(args(revert), [['revert', '--no-edit', '-m', '1', merge]]);
    assert.ok(revert?.risks.some((risk) => /Merging that branch again/.test(risk)));
    await applyCheckUndo(repo, revert!, () => {
      assert.equal(git(repo, 'rev-parse', 'HEAD^{tree}'), git(repo, 'rev-parse', `${merge}^1^{tree}`));
    });
  });

  it('drops an unpushed HEAD with reset --keep (local edits kept), or keeps its changes staged with reset --soft', async () => {
    const { repo } = clonedRepo(folder.path, 'head');
    const base = sha(repo, 'HEAD');
    const last = commit(repo, 'feature.txt', 'feature\n', 'Add feature');
    writeFile(repo, 'README.md', '# edited locally\n');

    const [keep, soft] = await undoCommit(repo, last);
    assert.deepEqual(args(keep), [['reset', '--keep', base]]);
    assert.deepEqual(args(soft), [['reset', '--soft', base]]);
    assert.deepEqual(keep?.movesRefs, ['refs/heads/main']);
    await applyCheckUndo(repo, keep!, () => {
      assert.equal(sha(repo, 'HEAD'), base);
      assert.equal(git(repo, 'status', '--porcelain'), ' M README.md\n');
    });
    await applyCheckUndo(repo, soft!, () => {
      assert.equal(sha(repo, 'HEAD'), base);
      assert.equal(git(repo, 'status', '--porcelain'), ' M README.md\nA  feature.txt\n');
    });
  });

  it('refuses the --keep reset up front when a file it changes has local edits', async () => {
    const { repo } = clonedRepo(folder.path, 'head-clash');
    const last = commit(repo, 'feature.txt', 'feature\n', 'Add feature');
    writeFile(repo, 'feature.txt', 'edited\n');
    const [keep, soft] = await undoCommit(repo, last);
    assert.match(keep?.refusal ?? '', /uncommitted changes to feature\.txt would be overwritten/);
    assert.equal(soft?.refusal, undefined);
    const before = repoState(repo);
    assert.equal((await failure(applyFix(repo, keep!))).code, 'fix-refused');
    assert.deepEqual(repoState(repo), before);
  });

  it('offers revert first and a rebase that drops an older unpushed commit second', async () => {
    const { repo } = clonedRepo(folder.path, 'older');
    const base = sha(repo, 'HEAD');
    const older = commit(repo, 'a.txt', 'a\n', 'Add a');
    commit(repo, 'b.txt', 'b\n', 'Add b');

    const [revert, rebase] = await undoCommit(repo, older);
    assert.deepEqual(args(revert), [['revert', '--no-edit', older]]);
    assert.deepEqual(args(rebase), [['rebase', '--onto', base, older]]);
    assert.equal(rebase?.refusal, undefined);
    assert.ok(rebase?.risks.some((risk) => /the commit after it gets a new id/.test(risk)));
    assert.ok(rebase?.risks.some((risk) => /conflict/.test(risk)));
    await applyCheckUndo(repo, rebase!, () => {
      assert.deepEqual(git(repo, 'log', '--format=%s', `${base}..HEAD`).trim().split('\n'), ['Add b']);
      assert.equal(git(repo, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
    });
    await applyCheckUndo(repo, revert!, () => {
      assert.equal(git(repo, 'ls-files', 'a.txt'), '');
      assert.equal(sha(repo, 'HEAD~2'), older);
    });
  });

  it('a rebase that conflicts fails and leaves the repository exactly as it was', async () => {
    const { repo } = clonedRepo(folder.path, 'conflict');
    const older = commit(repo, 'a.txt', 'first\n', 'Add a');
    commit(repo, 'a.txt', 'second\n', 'Change a');
    const rebase = (await undoCommit(repo, older))[1];
    const before = repoState(repo);
    const error = await failure(applyFix(repo, rebase!));
    assert.equal(error.code, 'fix-failed');
    assert.deepEqual(repoState(repo), before);
  });

  it('marks what git would refuse: staged changes block a revert, any tracked change blocks the rebase', async () => {
    const { repo } = clonedRepo(folder.path, 'dirty');
    const older = commit(repo, 'a.txt', 'a\n', 'Add a');
    commit(repo, 'b.txt', 'b\n', 'Add b');
    writeFile(repo, 'README.md', 'edited\n');
    const [revert, rebase] = await undoCommit(repo, older);
    assert.equal(revert?.refusal, undefined, 'unstaged edits to other files do not stop a revert');
    assert.match(rebase?.refusal ?? '', /clean working tree.*README\.md/);
    git(repo, 'add', 'README.md');
    const [revertWithStaged] = await undoCommit(repo, older);
    assert.match(revertWithStaged?.refusal ?? '', /staged changes \(README\.md\)/);
  });

  it('refuses root commits, commits of other branches, merges in progress; rejects what is not a commit', async () => {
    const repo = localRepo(folder.path, 'refusals');
    const root = sha(repo, 'HEAD');
    assert.deepEqual(await failure(undoCommit(repo, root)), {
      code: 'fix-refused',
      message: `${root.slice(0, 7)} "Initial commit" is the first commit of the repository: there is no earlier state to go back to, and nothing to revert it against.`,
    });

    git(repo, 'switch', '-q', '-c', 'other');
    const elsewhere = commit(repo, 'x.txt', 'x\n', 'Other work');
    git(repo, 'switch', '-q', 'main');
    assert.match((await failure(undoCommit(repo, elsewhere))).message, /is not on main/);
    assert.equal((await failure(undoCommit(repo, 'no-such-commit'))).code, 'usage');
    assert.equal((await failure(undoCommit(repo, '--all'))).code, 'usage');

    commit(repo, 'x.txt', 'main side\n', 'Main side');
    assert.throws(() => git(repo, 'merge', '-q', 'other'));
    assert.match((await failure(undoCommit(repo, 'HEAD'))).message, /A merge is in progress/);

    const outside = tempFolder();
    try {
      assert.equal((await failure(undoCommit(outside.path, 'HEAD'))).code, 'not-a-repository');
    } finally {
      outside.remove();
    }
  });
});
