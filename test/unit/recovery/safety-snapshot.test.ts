import { strict as assert } from 'node:assert';
import { ShipshapeError } from '../../../src/core/errors';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { takeSnapshot } from '../../../src/core/recovery/safety';
import { commit, git, writeFile } from '../../support/git';
import { emptyRepoWithIdentity } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { gitPath, repoState } from './safety-support';

/** The files of a tree, as "mode path" lines. */
function treeListing(dir: string, treeish: string): string[] {
  return git(dir, 'ls-tree', '-r', '-z', '--full-tree', treeish)
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => `${line.split(' ')[0]} ${line.split('\t')[1]}`);
}

describe('takeSnapshot (real repositories)', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('records refs, HEAD, the index and every non-ignored file without touching the index or the files', async () => {
    const repo = join(folder.path, 'snap repo ✓');
    emptyRepoWithIdentity(repo);
    commit(repo, 'kept.txt', 'one\n');
    commit(repo, '.gitignore', '*.log\n');
    commit(repo, 'gone.txt', 'bye\n');
    writeFile(repo, 'kept.txt', 'staged\n');
    git(repo, 'add', 'kept.txt');
    writeFile(repo, 'kept.txt', 'unstaged\n');
    writeFile(repo, 'new dir/<b>x</b> é.txt', 'untracked\n');
    writeFile(repo, 'debug.log', 'ignored\n');
    writeFile(repo, 'run.sh', '#!/bin/sh\n');
    chmodSync(join(repo, 'run.sh'), 0o755);
    git(repo, 'rm', '-q', 'gone.txt');
    const indexPath = gitPath(repo, 'index');
    const indexBytes = readFileSync(indexPath);
    const indexTime = statSync(indexPath).mtimeMs;
    const before = repoState(repo);

    const snapshot = await takeSnapshot(repo);

    assert.deepEqual(repoState(repo), before);
    assert.ok(readFileSync(indexPath).equals(indexBytes), 'the index file is byte for byte the same');
    assert.equal(statSync(indexPath).mtimeMs, indexTime);
    assert.deepEqual(snapshot.head, { symbolic: 'refs/heads/main', sha: git(repo, 'rev-parse', 'HEAD').trim() });
    assert.equal(snapshot.hasIndexFile, true);
    assert.equal(snapshot.refs?.get('refs/heads/main'), snapshot.head.sha);
    for (const part of ['index', 'state', 'worktree']) {
      assert.match(git(repo, 'rev-parse', `refs/shipshape/snapshots/${snapshot.id}/${part}`).trim(), /^[0-9a-f]{40}$/);
    }
    // The index tree holds the staged content; the worktree tree the files as they are, untracked too.
    assert.equal(git(repo, 'cat-file', 'blob', `${snapshot.indexTree}:kept.txt`), 'staged\n');
    assert.deepEqual(treeListing(repo, snapshot.worktreeTree), ['100644 .gitignore', '100644 kept.txt', '100644 new dir/<b>x</b> é.txt', '100755 run.sh']);
    assert.equal(git(repo, 'cat-file', 'blob', `${snapshot.worktreeTree}:kept.txt`), 'unstaged\n');
    // The index commit keeps HEAD alive; the state commit has the index file's exact bytes.
    assert.equal(git(repo, 'rev-parse', `${snapshot.commits.index}^`).trim(), snapshot.head.sha);
    assert.equal(git(repo, 'rev-parse', `${snapshot.commits.state}:index`).trim(), git(repo, 'hash-object', '--no-filters', indexPath).trim());
  });

  it('works in a repository with no commits yet, and with no index file', async () => {
    const repo = join(folder.path, 'empty');
    emptyRepoWithIdentity(repo);
    const bare = await takeSnapshot(repo);
    assert.deepEqual(bare.head, { symbolic: 'refs/heads/main', sha: null });
    assert.equal(bare.hasIndexFile, false);
    assert.equal(bare.refs?.size, 0);

    writeFile(repo, 'a.txt', 'a\n');
    git(repo, 'add', 'a.txt');
    writeFile(repo, 'b.txt', 'b\n');
    const staged = await takeSnapshot(repo);
    assert.equal(staged.hasIndexFile, true);
    assert.deepEqual(treeListing(repo, staged.indexTree ?? ''), ['100644 a.txt']);
    assert.deepEqual(treeListing(repo, staged.worktreeTree), ['100644 a.txt', '100644 b.txt']);
    assert.equal(git(repo, 'rev-list', '--count', staged.commits.index).trim(), '1', 'no parent: there is no HEAD commit');
  });

  it('records a detached HEAD', async () => {
    const repo = join(folder.path, 'detached');
    emptyRepoWithIdentity(repo);
    const first = commit(repo, 'a.txt', '1\n');
    commit(repo, 'a.txt', '2\n');
    git(repo, 'checkout', '-q', '--detach', first);
    const snapshot = await takeSnapshot(repo);
    assert.deepEqual(snapshot.head, { symbolic: null, sha: first });
  });

  it('stores an index with conflicts as bytes, and the merge state, mid-merge', async () => {
    const repo = join(folder.path, 'merging');
    emptyRepoWithIdentity(repo);
    commit(repo, 'c.txt', 'base\n');
    git(repo, 'checkout', '-q', '-b', 'topic');
    commit(repo, 'c.txt', 'topic\n');
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'c.txt', 'main\n');
    assert.throws(() => git(repo, 'merge', '-q', 'topic'));
    const before = repoState(repo);
    const snapshot = await takeSnapshot(repo);
    assert.deepEqual(repoState(repo), before);
    assert.equal(snapshot.indexTree, null);
    assert.ok(snapshot.stateFiles.includes('MERGE_HEAD'));
    assert.equal(git(repo, 'cat-file', 'blob', `${snapshot.commits.state}:state/MERGE_HEAD`), readFileSync(gitPath(repo, 'MERGE_HEAD'), 'utf8'));
    assert.match(git(repo, 'cat-file', 'blob', `${snapshot.worktreeTree}:c.txt`), /<<<<<<< HEAD/);
  });

  it('works in a linked worktree, with that worktree’s HEAD and files', async () => {
    const repo = join(folder.path, 'main-wt');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', 'a\n');
    const linked = join(folder.path, 'linked wt ✓');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', linked);
    writeFileSync(join(linked, 'only-here.txt'), 'x\n');
    const snapshot = await takeSnapshot(linked);
    assert.equal(snapshot.head.symbolic, 'refs/heads/side');
    assert.equal(snapshot.worktree, git(linked, 'rev-parse', '--show-toplevel').trim());
    assert.deepEqual(treeListing(linked, snapshot.worktreeTree), ['100644 a.txt', '100644 only-here.txt']);
    // Snapshot refs are shared by all worktrees.
    assert.match(git(repo, 'rev-parse', `refs/shipshape/snapshots/${snapshot.id}/worktree`).trim(), /^[0-9a-f]{40}$/);
  });

  it('refuses a folder that is not a repository', async () => {
    await assert.rejects(
      takeSnapshot(folder.path),
      (error: Error) => error instanceof ShipshapeError && error.code === 'not-a-repository' && /not inside a Git repository/.test(error.message),
    );
  });
});
