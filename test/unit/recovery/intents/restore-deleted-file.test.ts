import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDeletedFiles, restoreDeletedFile } from '../../../../src/core/recovery/intents';
import { parseDeletions } from '../../../../src/core/recovery/intents/deleted-files';
import { applyFix } from '../../../../src/core/recovery/safety';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { repoState } from '../safety-support';
import { applyCheckUndo, args, failure, localRepo } from './support';

const ODD = 'spaced dir/ünï cöde [1] *.txt';
const DECOY = 'spaced dir/ünï cöde 1 x.txt'; // matches ODD read as a glob

describe('intents: restoreDeletedFile and listDeletedFiles', () => {
  const folder = tempFolder('shipshape intents restore ');
  after(folder.remove);

  /** main: add ODD, DECOY, keep.txt, old.txt; delete ODD; delete old.txt, rename keep.txt; then an unrelated commit. */
  function repoWithDeletions(name: string): { repo: string; deleting: string; added: string } {
    const repo = localRepo(folder.path, name);
    writeFile(repo, ODD, 'odd content\n');
    writeFile(repo, DECOY, 'decoy\n');
    writeFile(repo, 'keep.txt', 'kept\n');
    const added = commit(repo, 'old.txt', 'old\n', 'Add files');
    git(repo, 'rm', '-q', '--', `:(literal)${ODD}`);
    git(repo, 'commit', '-q', '-m', 'Remove the odd file');
    const deleting = sha(repo, 'HEAD');
    git(repo, 'rm', '-q', 'old.txt');
    git(repo, 'mv', 'keep.txt', 'renamed.txt');
    git(repo, 'commit', '-q', '-m', 'Tidy up');
    commit(repo, 'later.txt', 'later\n', 'Later work');
    return { repo, deleting, added };
  }

  it('restores an odd-named file with the identical blob, staged, touching nothing that only matches it as a pattern', async () => {
    const { repo, deleting, added } = repoWithDeletions('odd');
    writeFile(repo, DECOY, 'decoy edited\n');
    writeFile(repo, 'untracked.txt', 'mine\n');
    const plan = await restoreDeletedFile(repo, ODD);
    assert.deepEqual(args(plan), [['restore', `--source=${added}`, '--staged', '--worktree', '--', `:(literal)${ODD}`]]);
    assert.match(plan.effect, new RegExp(`just before ${deleting.slice(0, 7)} "Remove the odd file" deleted it`));
    await applyCheckUndo(repo, plan, () => {
      assert.equal(
        git(repo, 'ls-files', '-s', '--', `:(literal)${ODD}`),
        git(repo, 'ls-tree', added, '--', `:(literal)${ODD}`).replace(' blob ', ' ').replace('\t', ' 0\t'),
      );
      assert.equal(readFileSync(join(repo, ODD), 'utf8'), 'odd content\n');
      assert.equal(readFileSync(join(repo, DECOY), 'utf8'), 'decoy edited\n');
      assert.equal(git(repo, 'diff', '--cached', '--name-only', '-z'), `${ODD}\0`);
    });
  });

  it('plain names stay plain in the command; a deleted folder comes back whole', async () => {
    const repo = localRepo(folder.path, 'folder');
    writeFile(repo, 'docs/a.md', 'a\n');
    const added = commit(repo, 'docs/b.md', 'b\n', 'Docs');
    git(repo, 'rm', '-q', '-r', 'docs');
    git(repo, 'commit', '-q', '-m', 'Drop docs');
    const plan = await restoreDeletedFile(repo, './docs/');
    assert.deepEqual(args(plan), [['restore', `--source=${added}`, '--staged', '--worktree', '--', 'docs']]);
    await applyCheckUndo(repo, plan, () => {
      assert.equal(git(repo, 'status', '--porcelain'), 'A  docs/a.md\nA  docs/b.md\n');
    });
  });

  it('refuses paths never deleted, or added back since; marks a plan whose path is taken; rejects paths outside', async () => {
    const { repo } = repoWithDeletions('refusals');
    assert.match((await failure(restoreDeletedFile(repo, 'never.txt'))).message, /^No commit on main deleted never\.txt\.$/);
    assert.match((await failure(restoreDeletedFile(repo, 'later.txt'))).message, /^No commit on main deleted/);
    writeFile(repo, 'old.txt', 'back again\n');
    const taken = await restoreDeletedFile(repo, 'old.txt');
    assert.match(taken.refusal ?? '', /Something is already at old\.txt/);
    const before = repoState(repo);
    assert.equal((await failure(applyFix(repo, taken))).code, 'fix-refused');
    assert.deepEqual(repoState(repo), before);
    commit(repo, 'old.txt', 'back again\n', 'Bring old back by hand');
    assert.match((await failure(restoreDeletedFile(repo, 'old.txt'))).message, /old\.txt is in the current commit/);
    assert.equal((await failure(restoreDeletedFile(repo, '../elsewhere.txt'))).code, 'usage');
    assert.equal((await failure(restoreDeletedFile(repo, '/etc/passwd'))).code, 'usage');
    assert.equal((await failure(restoreDeletedFile(repo, '.'))).code, 'usage');
  });

  it('lists deleted files newest first with the deleting commit, leaving out renames and files added back', async () => {
    const { repo, deleting } = repoWithDeletions('list');
    const tidy = sha(repo, 'HEAD~1');
    const listed = await listDeletedFiles(join(repo, 'spaced dir'));
    assert.deepEqual(
      listed.map((file) => [file.path, file.commit, file.subject]),
      [
        ['old.txt', tidy, 'Tidy up'],
        [ODD, deleting, 'Remove the odd file'],
      ],
    );
    assert.ok(listed.every((file) => file.time > 1_000_000_000));
    assert.deepEqual(
      (await listDeletedFiles(repo, { limit: 1 })).map((file) => file.path),
      ['old.txt'],
    );

    commit(repo, 'old.txt', 'back\n', 'Re-add old');
    assert.deepEqual(
      (await listDeletedFiles(repo)).map((file) => file.path),
      [ODD],
    );
    assert.deepEqual(await listDeletedFiles(localRepo(folder.path, 'nothing deleted')), []);
  });

  it('parses log -z output with odd names, several files per commit and no files at all', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const text = `\x01${a}\x00100\x00Remove two\x00\nx y.txt\x00\nstarts with a newline\x00\x01${b}\x00200\x00Remove one\x00\nz\x00`;
    assert.deepEqual(parseDeletions(text), [
      { path: 'x y.txt', commit: a, subject: 'Remove two', time: 100 },
      { path: '\nstarts with a newline', commit: a, subject: 'Remove two', time: 100 },
      { path: 'z', commit: b, subject: 'Remove one', time: 200 },
    ]);
    assert.deepEqual(parseDeletions(''), []);
  });
});
