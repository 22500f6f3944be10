import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, deleteSnapshot, journalPath, listSnapshots, openRepository, readJournal, takeSnapshot, undoFix } from '../../../src/core/recovery/safety';
import { commit, git } from '../../support/git';
import { emptyRepoWithIdentity } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { gitPath, planOf } from './safety-support';

describe('the undo journal and snapshot housekeeping (real repositories)', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('keeps the journal as JSON under $(git rev-parse --git-path shipshape), written whole', async () => {
    const repo = join(folder.path, 'journal');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    commit(repo, 'a.txt', '2\n');
    const context = await openRepository(repo);
    assert.equal(journalPath(context), join(gitPath(repo, 'shipshape'), 'journal.json'));
    const first = await applyFix(repo, planOf('one', [['branch', 'one']]));
    const second = await applyFix(repo, planOf('two', [['branch', 'two']]));
    const onDisk = JSON.parse(readFileSync(journalPath(context), 'utf8')) as { version: number; entries: Array<{ id: string; time: string }> };
    assert.equal(onDisk.version, 1);
    assert.deepEqual(
      onDisk.entries.map((entry) => entry.id),
      [first.journalEntry.id, second.journalEntry.id],
    );
    assert.ok(!Number.isNaN(Date.parse(onDisk.entries[0]?.time ?? '')));
    assert.deepEqual(readdirSync(gitPath(repo, 'shipshape')), ['journal.json']);

    // The last applied entry is undone first; an older one can be named by its snapshot.
    await undoFix(repo, first.snapshotId);
    assert.equal(git(repo, 'for-each-ref', 'refs/heads/one'), '');
    assert.notEqual(git(repo, 'for-each-ref', 'refs/heads/two'), '');
    await assert.rejects(undoFix(repo, first.snapshotId), /already undone/);
    const journal = await readJournal(context);
    assert.deepEqual(
      journal.map((entry) => `${entry.title}:${entry.status}`),
      ['one:undone', 'two:applied', 'Undo: one:applied'],
    );
  });

  it('says so when the journal is damaged, and never overwrites it', async () => {
    const repo = join(folder.path, 'damaged');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    const context = await openRepository(repo);
    await applyFix(repo, planOf('one', [['branch', 'one']]));
    writeFileSync(journalPath(context), '{ not json');
    await assert.rejects(applyFix(repo, planOf('two', [['branch', 'two']])), /journal .* is damaged/);
    assert.equal(readFileSync(journalPath(context), 'utf8'), '{ not json');
  });

  it('lists snapshots with their journal entries, and deletes one with its refs and entry', async () => {
    const repo = join(folder.path, 'listing');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    const bare = await takeSnapshot(repo);
    const applied = await applyFix(
      repo,
      planOf('branch', [
        ['branch', 'b'],
        ['branch', '-D', 'b'],
        ['branch', 'c'],
      ]),
    );
    const listed = await listSnapshots(repo);
    assert.deepEqual(
      listed.map((info) => info.id),
      [bare.id, applied.snapshotId],
    );
    assert.equal(listed[0]?.journalEntry, undefined);
    assert.equal(listed[1]?.journalEntry?.id, applied.journalEntry.id);
    assert.equal(listed[1]?.head.symbolic, 'refs/heads/main');

    await deleteSnapshot(repo, applied.snapshotId);
    assert.equal(git(repo, 'for-each-ref', `refs/shipshape/snapshots/${applied.snapshotId}/`), '');
    assert.deepEqual(
      (await listSnapshots(repo)).map((info) => info.id),
      [bare.id],
    );
    assert.deepEqual(await readJournal(await openRepository(repo)), []);
    await assert.rejects(undoFix(repo), /no applied fix to undo/);
    await assert.rejects(deleteSnapshot(repo, applied.snapshotId), /no snapshot/);
    await assert.rejects(deleteSnapshot(repo, '../heads/main'), /not a snapshot id/);
  });

  it('refuses to undo when the snapshot behind the entry is gone', async () => {
    const repo = join(folder.path, 'gone');
    emptyRepoWithIdentity(repo);
    commit(repo, 'a.txt', '1\n');
    const applied = await applyFix(repo, planOf('branch', [['branch', 'b']]));
    git(repo, 'update-ref', '-d', `refs/shipshape/snapshots/${applied.snapshotId}/worktree`);
    await assert.rejects(undoFix(repo), /Snapshot .* is missing/);
    assert.notEqual(git(repo, 'for-each-ref', 'refs/heads/b'), '');
  });
});
