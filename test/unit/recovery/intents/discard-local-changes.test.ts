import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { discardLocalChanges } from '../../../../src/core/recovery/intents';
import { SNAPSHOT_FILE_LIMIT } from '../../../../src/core/recovery/safety';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { applyCheckUndo, args, failure, localRepo } from './support';

const GLOBBY = 'odd dir/ä [x]*.txt';

describe('intents: discardLocalChanges', () => {
  const folder = tempFolder('shipshape intents discard ');
  after(folder.remove);

  /** Staged, unstaged, a new staged file, a deletion, untracked and ignored files, odd names. */
  function busyRepo(name: string): string {
    const repo = localRepo(folder.path, name);
    writeFile(repo, '.gitignore', '*.log\n');
    writeFile(repo, GLOBBY, 'globby\n');
    writeFile(repo, 'odd dir/ä x only.txt', 'same folder\n');
    writeFile(repo, 'gone.txt', 'gone\n');
    commit(repo, 'a.txt', 'a\n', 'Files');
    writeFile(repo, 'a.txt', 'staged\n');
    git(repo, 'add', 'a.txt');
    writeFile(repo, 'a.txt', 'unstaged on top\n');
    writeFile(repo, GLOBBY, 'globby edited\n');
    writeFile(repo, 'odd dir/ä x only.txt', 'edited too\n');
    writeFile(repo, 'new.txt', 'new\n');
    git(repo, 'add', 'new.txt');
    rmSync(join(repo, 'gone.txt'));
    writeFile(repo, 'scratch/notes.txt', 'untracked\n');
    writeFile(repo, 'trace.log', 'ignored\n');
    return repo;
  }

  it('puts every tracked change back to HEAD, keeps untracked and ignored files, and says Undo brings them back', async () => {
    const repo = busyRepo('all');
    const plan = await discardLocalChanges(repo);
    assert.deepEqual(args(plan), [['restore', `--source=${sha(repo, 'HEAD')}`, '--staged', '--worktree', '--', '.']]);
    assert.match(plan.effect, /brought back with Undo/);
    assert.ok(plan.risks.some((risk) => /1 untracked file \(scratch\/notes\.txt\) is kept/.test(risk)));
    await applyCheckUndo(repo, plan, () => {
      assert.equal(git(repo, 'status', '--porcelain', '-uall'), '?? scratch/notes.txt\n');
      assert.ok(!existsSync(join(repo, 'new.txt')), 'a newly added file goes too');
      assert.equal(readFileSync(join(repo, 'trace.log'), 'utf8'), 'ignored\n');
    });
  });

  it('deletes untracked files only when asked, never ignored ones', async () => {
    const repo = busyRepo('untracked');
    const plan = await discardLocalChanges(repo, { includeUntracked: true });
    assert.deepEqual(args(plan)[1], ['clean', '-f', '-d', '--', '.']);
    assert.ok(plan.risks.some((risk) => /Deletes 1 untracked file from disk \(scratch\/notes\.txt\); only Undo brings them back/.test(risk)));
    await applyCheckUndo(repo, plan, () => {
      assert.equal(git(repo, 'status', '--porcelain', '-uall'), '');
      assert.ok(!existsSync(join(repo, 'scratch')));
      assert.equal(readFileSync(join(repo, 'trace.log'), 'utf8'), 'ignored\n');
    });
  });

  it('never deletes an untracked file too big for the safety snapshot: Undo could not bring it back', async () => {
    const repo = busyRepo('huge');
    const iso = join(repo, 'scratch', 'big [1]*.iso');
    truncateSync(join(repo, 'scratch', 'notes.txt'), 0);
    writeFile(repo, 'scratch/big [1]*.iso', '');
    truncateSync(iso, SNAPSHOT_FILE_LIMIT + 1); // sparse: cheap to make
    const plan = await discardLocalChanges(repo, { includeUntracked: true });
    assert.deepEqual(args(plan)[1], ['clean', '-f', '-d', '-e', '/scratch/big \\[1\\]\\*.iso', '--', '.']);
    assert.ok(plan.risks.some((risk) => /scratch\/big \[1\]\*\.iso is over 50 MB, too big for the safety snapshot: it is kept/.test(risk)));
    await applyCheckUndo(repo, plan, () => {
      assert.equal(statSync(iso).size, SNAPSHOT_FILE_LIMIT + 1);
      assert.ok(!existsSync(join(repo, 'scratch', 'notes.txt')));
    });
  });

  it('discards only the given paths, matching odd names exactly', async () => {
    const repo = busyRepo('paths');
    const plan = await discardLocalChanges(repo, { paths: [GLOBBY, 'gone.txt', 'scratch'], includeUntracked: true });
    assert.deepEqual(args(plan), [
      ['restore', `--source=${sha(repo, 'HEAD')}`, '--staged', '--worktree', '--', `:(literal)${GLOBBY}`, 'gone.txt'],
      ['clean', '-f', '-d', '--', 'scratch'],
    ]);
    await applyCheckUndo(repo, plan, () => {
      assert.equal(readFileSync(join(repo, GLOBBY), 'utf8'), 'globby\n');
      assert.equal(readFileSync(join(repo, 'odd dir/ä x only.txt'), 'utf8'), 'edited too\n');
      assert.equal(readFileSync(join(repo, 'gone.txt'), 'utf8'), 'gone\n');
      assert.ok(!existsSync(join(repo, 'scratch')));
      assert.equal(git(repo, 'status', '--porcelain', '-uall'), 'MM a.txt\nA  new.txt\n M "odd dir/\\303\\244 x only.txt"\n');
    });
  });

  it('refuses when there is nothing to discard; rejects paths outside the repository', async () => {
    const repo = localRepo(folder.path, 'clean');
    assert.equal((await failure(discardLocalChanges(repo))).message, 'There are no local changes to discard in this repository.');
    writeFile(repo, 'scratch.txt', 'untracked\n');
    assert.match(
      (await failure(discardLocalChanges(repo))).message,
      /^Only untracked files changed in this repository \(scratch\.txt\): include untracked files/,
    );
    assert.match((await failure(discardLocalChanges(repo, { paths: ['README.md'] }))).message, /no local changes to discard in README\.md/);
    assert.equal((await failure(discardLocalChanges(repo, { paths: ['../x'] }))).code, 'usage');
  });
});
