import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRepoSummary, detectInProgress } from '../../src/core/recovery/repo-summary';
import { ShipshapeError } from '../../src/core/errors';
import { git, initRepo, writeFile } from '../support/git';
import { tempFolder } from '../support/temp';

describe('readRepoSummary (real repositories)', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('reads branch, upstream distance, changes and stashes', async () => {
    const origin = join(folder.path, 'origin.git');
    const repo = join(folder.path, 'work repo ✓');
    git(folder.path, 'init', '-q', '--bare', '-b', 'main', origin);
    git(folder.path, 'clone', '-q', origin, repo);
    initRepo(repo);
    git(repo, 'push', '-q', '-u', 'origin', 'main');
    writeFile(repo, 'a.txt', 'one\n');
    git(repo, 'add', 'a.txt');
    git(repo, 'commit', '-q', '-m', 'Add <b>a</b> & more');
    writeFile(repo, 'a.txt', 'two\n');
    git(repo, 'stash', '-q');
    writeFile(repo, 'b.txt', 'untracked\n');

    const summary = await readRepoSummary(repo);
    assert.equal(summary.branch, 'main');
    assert.equal(summary.upstream, 'origin/main');
    assert.equal(summary.ahead, 1);
    assert.equal(summary.behind, 0);
    assert.equal(summary.head?.subject, 'Add <b>a</b> & more');
    assert.equal(summary.changedFiles, 1);
    assert.equal(summary.stashCount, 1);
    assert.equal(summary.inProgress, undefined);
  });

  it('handles a repository with no commits and a detached HEAD', async () => {
    const empty = join(folder.path, 'empty');
    git(folder.path, 'init', '-q', '-b', 'main', empty);
    const summary = await readRepoSummary(empty);
    assert.equal(summary.head, undefined);

    const detached = join(folder.path, 'detached');
    git(folder.path, 'init', '-q', '-b', 'main', detached);
    initRepo(detached);
    git(detached, 'checkout', '-q', '--detach');
    assert.equal((await readRepoSummary(detached)).branch, undefined);
  });

  it('sees a merge in progress', async () => {
    const repo = join(folder.path, 'merging');
    git(folder.path, 'init', '-q', '-b', 'main', repo);
    initRepo(repo);
    git(repo, 'checkout', '-q', '-b', 'topic');
    writeFile(repo, 'README.md', 'topic\n');
    git(repo, 'commit', '-q', '-am', 'topic');
    git(repo, 'checkout', '-q', 'main');
    writeFile(repo, 'README.md', 'main\n');
    git(repo, 'commit', '-q', '-am', 'main');
    assert.throws(() => git(repo, 'merge', 'topic'));
    assert.equal((await readRepoSummary(repo)).inProgress, 'merge');
  });

  it('says clearly when the folder is not a repository', async () => {
    const plain = tempFolder();
    try {
      await assert.rejects(
        readRepoSummary(plain.path),
        (error: unknown) => error instanceof ShipshapeError && error.code === 'not-a-repository' && /not inside a Git repository/.test(error.message),
      );
    } finally {
      plain.remove();
    }
  });

  it('says clearly when the folder does not exist', async () => {
    await assert.rejects(
      readRepoSummary(`${folder.path}/missing folder`),
      (error: unknown) => error instanceof ShipshapeError && error.code === 'not-a-repository',
    );
  });

  it('says clearly when git cannot be started', async () => {
    await assert.rejects(
      readRepoSummary(folder.path, { binary: '/nonexistent/git' }),
      (error: unknown) => error instanceof ShipshapeError && error.code === 'git-missing',
    );
  });
});

describe('detectInProgress', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('reads the marker files git leaves', () => {
    assert.equal(detectInProgress(folder.path), undefined);
    writeFileSync(join(folder.path, 'CHERRY_PICK_HEAD'), 'x');
    assert.equal(detectInProgress(folder.path), 'cherry-pick');
    assert.equal(detectInProgress('relative/path'), undefined);
  });
});
