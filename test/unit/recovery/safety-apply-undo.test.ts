import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, listSnapshots, readJournal, undoFix, openRepository, SAFETY_ERROR_CODES } from '../../../src/core/recovery/safety';
import { isShipshapeError } from '../../../src/core/errors';
import { commit, git, writeFile } from '../../support/git';
import { emptyRepoWithIdentity } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { gitPath, headOf, missingObjects, planOf, reachableObjects, repoState } from './safety-support';

/** A repository with history and every kind of local change: staged, unstaged, untracked, deleted, mode, odd names, ignored. */
function busyRepo(dir: string): void {
  emptyRepoWithIdentity(dir);
  commit(dir, '.gitignore', '*.log\nbuild/\n');
  commit(dir, 'tool.sh', '#!/bin/sh\necho hi\n');
  commit(dir, 'doomed.txt', 'delete me\n');
  commit(dir, 'a.txt', 'a1\n');
  commit(dir, 'b.txt', 'b1\n');
  commit(dir, 'a.txt', 'a2\n');
  writeFile(dir, 'tool.sh', '#!/bin/sh\necho staged\n');
  git(dir, 'add', 'tool.sh');
  writeFile(dir, 'tool.sh', '#!/bin/sh\necho unstaged\n');
  chmodSync(join(dir, 'tool.sh'), 0o755);
  rmSync(join(dir, 'doomed.txt'));
  writeFile(dir, 'spaced dir/ünïcode <b>x</b>.txt', 'untracked & odd\n');
  writeFile(dir, 'build/out.bin', 'ignored\n');
  writeFile(dir, 'trace.log', 'ignored too\n');
}

function codeOf(error: unknown): string {
  return isShipshapeError(error) ? error.code : 'not a ShipshapeError';
}

describe('applyFix and undoFix (real repositories)', () => {
  const folder = tempFolder();
  after(folder.remove);
  let count = 0;
  const fresh = (name: string): string => join(folder.path, `${(count += 1)} ${name}`);

  it('applies a fix, journals it, and undoes it exactly with all kinds of local changes present', async () => {
    const repo = fresh('busy');
    busyRepo(repo);
    const before = repoState(repo);
    const mainBefore = git(repo, 'rev-parse', 'main').trim();

    const { snapshotId, journalEntry } = await applyFix(
      repo,
      planOf(
        'move commits',
        [
          ['branch', 'topic'],
          ['reset', '--keep', 'HEAD~2'],
        ],
        { movesRefs: ['refs/heads/main', 'refs/heads/topic'] },
      ),
    );
    assert.equal(git(repo, 'rev-parse', 'topic').trim(), mainBefore);
    assert.equal(git(repo, 'rev-parse', 'main').trim(), git(repo, 'rev-parse', `${mainBefore}~2`).trim());
    assert.equal(journalEntry.snapshot, snapshotId);
    assert.equal(journalEntry.status, 'applied');
    assert.deepEqual(journalEntry.refs, {
      'refs/heads/main': { before: mainBefore, after: git(repo, 'rev-parse', 'main').trim() },
      'refs/heads/topic': { before: null, after: mainBefore },
    });
    assert.deepEqual(journalEntry.head.before, { symbolic: 'refs/heads/main', sha: mainBefore });
    assert.equal(readFileSync(join(repo, 'build/out.bin'), 'utf8'), 'ignored\n');
    writeFileSync(join(repo, 'new-after-fix.log'), 'ignored, made after the fix\n');

    const undone = await undoFix(repo);
    const after = repoState(repo);
    assert.deepEqual(
      after.files.filter((file) => !file.startsWith('new-after-fix.log')),
      before.files,
    );
    assert.deepEqual({ ...after, files: [] }, { ...before, files: [] });
    assert.ok(existsSync(join(repo, 'new-after-fix.log')), 'ignored files are never touched');
    assert.equal(undone.undone.status, 'undone');
    assert.equal(undone.journalEntry.kind, 'undo');
    assert.equal(undone.journalEntry.undoes, journalEntry.id);

    const journal = await readJournal(await openRepository(repo));
    assert.deepEqual(
      journal.map((entry) => [entry.kind, entry.status]),
      [
        ['fix', 'undone'],
        ['undo', 'applied'],
      ],
    );
    assert.deepEqual(readdirSync(gitPath(repo, 'shipshape')).sort(), ['journal.json'], 'no temporary files or locks left');
  });

  it('undoing the undo redoes the fix exactly', async () => {
    const repo = fresh('redo');
    busyRepo(repo);
    await applyFix(repo, planOf('amend', [['commit', '-q', '--amend', '--no-edit']]));
    const fixed = repoState(repo);
    await undoFix(repo);
    assert.notDeepEqual(repoState(repo), fixed);
    await undoFix(repo);
    assert.deepEqual(repoState(repo), fixed);
  });

  it('round-trips a fix on a detached HEAD', async () => {
    const repo = fresh('detached');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    const second = commit(repo, 'a.txt', '2\n');
    git(repo, 'checkout', '-q', '--detach');
    writeFile(repo, 'scratch.txt', 'untracked\n');
    const before = repoState(repo);
    await applyFix(
      repo,
      planOf('back to main', [
        ['checkout', '-q', 'main'],
        ['reset', '--keep', 'HEAD~1'],
      ]),
    );
    assert.equal(headOf(repo), 'refs/heads/main');
    await undoFix(repo);
    assert.deepEqual(repoState(repo), before);
    assert.equal(headOf(repo), second);
  });

  it('round-trips a first commit in a repository with no commits yet', async () => {
    const repo = fresh('empty');
    emptyRepoWithIdentity(repo);
    writeFile(repo, 'staged.txt', 'staged\n');
    git(repo, 'add', 'staged.txt');
    writeFile(repo, 'loose.txt', 'untracked\n');
    const before = repoState(repo);
    await applyFix(
      repo,
      planOf('first commit', [
        ['add', '-A'],
        ['commit', '-q', '-m', 'first'],
      ]),
    );
    assert.match(git(repo, 'rev-parse', 'main').trim(), /^[0-9a-f]{40}$/);
    await undoFix(repo);
    assert.deepEqual(repoState(repo), before);
    assert.equal(git(repo, 'for-each-ref', 'refs/heads'), '');
  });

  it('round-trips in a linked worktree, with the journal kept per worktree', async () => {
    const repo = fresh('main wt');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', 'a\n');
    const linked = fresh('linked wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', linked);
    commit(linked, 'b.txt', 'b\n');
    writeFile(linked, 'a.txt', 'edited in linked\n');
    writeFile(linked, 'u.txt', 'untracked\n');
    const mainBefore = repoState(repo);
    const before = repoState(linked);
    await applyFix(linked, planOf('drop commit', [['reset', '--keep', 'HEAD~1']]));
    assert.equal(existsSync(gitPath(linked, 'shipshape/journal.json')), true);
    assert.equal(existsSync(gitPath(repo, 'shipshape/journal.json')), false);
    await assert.rejects(undoFix(repo), (error) => /no applied fix/.test(String(error)));
    await undoFix(linked);
    assert.deepEqual(repoState(linked), before);
    assert.deepEqual(repoState(repo), mainBefore);
  });

  it('undoes `merge --abort` mid-merge: conflicts, stages and MERGE_HEAD come back', async () => {
    const repo = fresh('merging');
    emptyRepoWithIdentity(repo);
    commit(repo, 'c.txt', 'base\n');
    git(repo, 'checkout', '-q', '-b', 'topic');
    commit(repo, 'c.txt', 'topic\n');
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'c.txt', 'main\n');
    assert.throws(() => git(repo, 'merge', '-q', 'topic'));
    writeFile(repo, 'other.txt', 'untracked during the merge\n');
    const before = repoState(repo);
    assert.match(before.index, /\t?c\.txt/);
    assert.ok(before.operation.some((line) => line.startsWith('MERGE_HEAD')));
    await applyFix(repo, planOf('abort merge', [['merge', '--abort']]));
    assert.equal(existsSync(gitPath(repo, 'MERGE_HEAD')), false);
    await undoFix(repo);
    assert.deepEqual(repoState(repo), before);
    assert.match(git(repo, 'ls-files', '-s'), / 3\tc\.txt/);
  });

  it('restores everything when a step fails, and says which step', async () => {
    const repo = fresh('failing');
    busyRepo(repo);
    const before = repoState(repo);
    const plan = planOf('doomed', [
      ['branch', 'topic'],
      ['reset', '--keep', 'HEAD~1'],
      ['cherry-pick', 'no-such-commit'],
    ]);
    await assert.rejects(applyFix(repo, plan), (error) => {
      assert.equal(codeOf(error), SAFETY_ERROR_CODES.fixFailed);
      assert.match(String(error), /step 3 of 3 \(git cherry-pick no-such-commit\) failed/);
      assert.match(String(error), /Nothing was changed/);
      return true;
    });
    assert.deepEqual(repoState(repo), before);
    assert.deepEqual(await readJournal(await openRepository(repo)), []);
  });

  it('restores a conflicted cherry-pick: its state files and stages are removed', async () => {
    const repo = fresh('conflict');
    emptyRepoWithIdentity(repo);
    commit(repo, 'c.txt', 'base\n');
    git(repo, 'checkout', '-q', '-b', 'topic');
    const topic = commit(repo, 'c.txt', 'topic\n');
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'c.txt', 'main\n');
    writeFile(repo, 'x.txt', 'untracked\n');
    const before = repoState(repo);
    await assert.rejects(applyFix(repo, planOf('pick', [['cherry-pick', topic]])), /step 1 of 1/);
    assert.deepEqual(repoState(repo), before);
    assert.equal(existsSync(gitPath(repo, 'CHERRY_PICK_HEAD')), false);
  });

  it('treats a silent non-zero exit as a failure', async () => {
    const repo = fresh('silent');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    writeFile(repo, 'a.txt', '2\n');
    const before = repoState(repo);
    await assert.rejects(
      applyFix(
        repo,
        planOf('quiet', [
          ['branch', 'x'],
          ['diff', '--quiet'],
        ]),
      ),
      /step 2 of 2.*exited with code 1/,
    );
    assert.deepEqual(repoState(repo), before);
  });

  it('refuses to undo when the user moved a ref or HEAD since, and changes nothing', async () => {
    const repo = fresh('moved');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    commit(repo, 'a.txt', '2\n');
    const { journalEntry } = await applyFix(
      repo,
      planOf('move', [
        ['branch', 'topic'],
        ['reset', '--keep', 'HEAD~1'],
      ]),
    );
    const expected = journalEntry.refs['refs/heads/main']?.after ?? '';
    const moved = commit(repo, 'b.txt', 'new work\n');
    const state = repoState(repo);
    await assert.rejects(undoFix(repo), (error) => {
      assert.equal(codeOf(error), SAFETY_ERROR_CODES.undoRefused);
      assert.match(String(error), new RegExp(`refs/heads/main should be at ${expected} but is at ${moved}`));
      assert.match(String(error), /something changed since the fix; nothing was undone/);
      return true;
    });
    assert.deepEqual(repoState(repo), state);

    git(repo, 'reset', '-q', '--hard', expected);
    git(repo, 'checkout', '-q', 'topic');
    await assert.rejects(undoFix(repo), /HEAD should be refs\/heads\/main at .* but is refs\/heads\/topic/);
    git(repo, 'checkout', '-q', 'main');
    await undoFix(repo);
    assert.equal(git(repo, 'for-each-ref', 'refs/heads/topic'), '');
  });

  it('refuses a plan that says it cannot run, before taking a snapshot', async () => {
    const repo = fresh('refused');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    const before = repoState(repo);
    await assert.rejects(applyFix(repo, planOf('nope', [['reset', '--keep', 'HEAD~1']], { refusal: 'a merge is in progress' })), (error) => {
      assert.equal(codeOf(error), SAFETY_ERROR_CODES.fixRefused);
      assert.match(String(error), /cannot be applied now: a merge is in progress/);
      return true;
    });
    await assert.rejects(applyFix(repo, planOf('lost+found', [['fsck', '--lost-found']])), /lost-found/);
    await assert.rejects(applyFix(repo, planOf('option first', [['-c', 'core.pager=less', 'log']])), /does not start with a git command/);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(applyFix(repo, planOf('cancelled', [['branch', 'x']]), { signal: aborted.signal }), /cancelled/);
    assert.deepEqual(repoState(repo), before);
    assert.deepEqual(await listSnapshots(repo), []);
  });

  it('undoes a stash push so that `stash list` is exact, and keeps every object reachable before', async () => {
    const repo = fresh('stash');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    writeFile(repo, 'a.txt', 'first stash\n');
    git(repo, 'stash', 'push', '-q');
    writeFile(repo, 'a.txt', 'work\n');
    writeFile(repo, 'u.txt', 'untracked\n');
    const objects = reachableObjects(repo);
    const before = repoState(repo);
    await applyFix(repo, planOf('stash', [['stash', 'push', '-q', '-u']]));
    assert.equal(git(repo, 'stash', 'list').split('\n').filter(Boolean).length, 2);
    await undoFix(repo);
    assert.deepEqual(repoState(repo), before);
    assert.deepEqual(missingObjects(repo, objects), []);
  });

  it('keeps a deleted branch’s commits alive for the undo (its reflog dies with it)', async () => {
    const repo = fresh('deleted');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    git(repo, 'checkout', '-q', '-b', 'topic');
    const tip = commit(repo, 't.txt', 'only on topic\n');
    git(repo, 'checkout', '-q', 'main');
    const { snapshotId } = await applyFix(repo, planOf('delete', [['branch', '-D', 'topic']]));
    assert.equal(git(repo, 'rev-parse', `refs/shipshape/snapshots/${snapshotId}/before/heads/topic`).trim(), tip);
    assert.equal(git(repo, 'rev-list', '--count', tip, '--not', '--exclude=refs/shipshape/*', '--all').trim(), '1');
    await undoFix(repo);
    assert.equal(git(repo, 'rev-parse', 'topic').trim(), tip);
  });

  it('refuses to undo rather than remove an ignored file that sits where the snapshot has a file', async () => {
    const repo = fresh('ignored in the way');
    emptyRepoWithIdentity(repo);
    commit(repo, '.gitignore', '*.log\n');
    writeFile(repo, 'notes', 'untracked notes\n');
    await applyFix(repo, planOf('branch', [['branch', 'x']]));
    rmSync(join(repo, 'notes'));
    writeFile(repo, 'notes/keep.log', 'ignored, precious\n');
    const state = repoState(repo);
    // Removing notes is a change since the fix: confirmed here, so the ignored file is what refuses.
    const confirmed = { includeLaterChanges: true };
    await assert.rejects(undoFix(repo, undefined, confirmed), (error) => {
      assert.equal(codeOf(error), SAFETY_ERROR_CODES.undoRefused);
      assert.match(String(error), /Ignored files are where the snapshot has other files \(notes\/keep\.log\)/);
      return true;
    });
    assert.deepEqual(repoState(repo), state);
    rmSync(join(repo, 'notes'), { recursive: true });
    await undoFix(repo, undefined, confirmed);
    assert.equal(readFileSync(join(repo, 'notes'), 'utf8'), 'untracked notes\n');
  });
});
