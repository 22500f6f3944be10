import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { LaterChangesError, applyFix, undoFix } from '../../../src/core/recovery/safety';
import { commit, git, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';
import { newRepo } from '../../support/repos';
import { planOf, repoState } from './safety-support';

const MOVE = planOf(
  'move commits',
  [
    ['branch', 'topic'],
    ['reset', '--keep', 'HEAD~1'],
  ],
  { movesRefs: ['refs/heads/main', 'refs/heads/topic'] },
);

/** The reproduction: after the fix, edit a tracked file, stage a new one, create an untracked file in a new folder. */
function workAfterTheFix(repo: string): void {
  writeFile(repo, 'a.txt', 'edited after the fix\n');
  writeFile(repo, 'staged.txt', 'staged after the fix\n');
  git(repo, 'add', 'staged.txt');
  writeFile(repo, 'new folder/notes.txt', 'untracked, after the fix\n');
}

describe('undo never wipes work done after the fix', () => {
  const folder = tempFolder();
  after(folder.remove);
  let count = 0;
  const fresh = (): string => {
    const repo = newRepo(folder.path, `later ${(count += 1)}`);
    commit(repo, 'a.txt', 'a1\n');
    commit(repo, 'a.txt', 'a2\n');
    return repo;
  };

  it('refuses, naming the files, and changes nothing', async () => {
    const repo = fresh();
    await applyFix(repo, MOVE);
    workAfterTheFix(repo);
    const before = repoState(repo);
    await assert.rejects(undoFix(repo), (error: unknown) => {
      assert.ok(error instanceof LaterChangesError, String(error));
      assert.deepEqual(error.paths, ['a.txt', 'new folder/notes.txt', 'staged.txt']);
      assert.match(error.message, /3 files changed: a\.txt, new folder\/notes\.txt, staged\.txt\. Undoing would replace them; nothing was undone\./);
      return true;
    });
    assert.deepEqual(repoState(repo), before);
  });

  it('undoes a fix when nothing changed since, as before', async () => {
    const repo = fresh();
    await applyFix(repo, MOVE);
    await undoFix(repo);
    assert.equal(git(repo, 'branch', '--list', 'topic').trim(), '');
  });

  it('once confirmed, undoes, and undoing the undo brings the later work back exactly', async () => {
    const repo = fresh();
    await applyFix(repo, MOVE);
    workAfterTheFix(repo);
    const withLaterWork = repoState(repo);
    await undoFix(repo, undefined, { includeLaterChanges: true });
    assert.equal(git(repo, 'branch', '--list', 'topic').trim(), '');
    await undoFix(repo); // the undo itself: nothing changed since it
    assert.deepEqual(repoState(repo), withLaterWork);
    assert.equal(readFileSync(join(repo, 'new folder/notes.txt'), 'utf8'), 'untracked, after the fix\n');
  });

  it('the CLI refuses with exit 1 and the files, and --include-later-changes undoes', async () => {
    const repo = fresh();
    await applyFix(repo, MOVE);
    workAfterTheFix(repo);
    let err = '';
    const io = { cwd: repo, env: {}, out: () => undefined, err: (text: string) => (err += text) };
    assert.equal(await runCli(['fix', '--undo', '--yes'], io), 1);
    assert.match(err, /a\.txt, new folder\/notes\.txt, staged\.txt/);
    assert.ok(existsSync(join(repo, 'new folder/notes.txt')));
    assert.equal(await runCli(['fix', '--undo', '--yes', '--include-later-changes'], io), 0);
    assert.equal(git(repo, 'branch', '--list', 'topic').trim(), '');
  });
});
