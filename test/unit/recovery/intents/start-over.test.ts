import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOver } from '../../../../src/core/recovery/intents';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { applyCheckUndo, args, clonedRepo, failure, localRepo } from './support';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('intents: startOver', () => {
  const folder = tempFolder('shipshape intents start over ');
  after(folder.remove);

  it('keeps local commits on a backup branch, resets --hard to the upstream, and Undo brings every change back', async () => {
    const { repo } = clonedRepo(folder.path, 'diverged');
    const upstream = sha(repo, 'origin/main');
    const local = commit(repo, 'mine.txt', 'mine\n', 'Local work');
    writeFile(repo, 'README.md', 'uncommitted edit\n');
    writeFile(repo, 'new.txt', 'staged new\n');
    git(repo, 'add', 'new.txt');
    writeFile(repo, 'scratch.txt', 'untracked\n');
    git(repo, 'branch', 'backup/main-2026-11-27');

    const plan = await startOver(repo, { now: NOW });
    assert.deepEqual(args(plan), [
      ['branch', 'backup/main-2026-11-27-2', local],
      ['reset', '--hard', upstream],
    ]);
    assert.deepEqual(plan.movesRefs, ['refs/heads/backup/main-2026-11-27-2', 'refs/heads/main']);
    assert.match(plan.effect, /Your local commit stays on the new branch backup\/main-2026-11-27-2/);
    assert.match(plan.effect, /the safety snapshot keeps them: Undo brings everything back/);
    assert.ok(plan.risks.some((risk) => /reset --hard.*safe here only because Shipshape takes a safety snapshot/.test(risk)));
    await applyCheckUndo(repo, plan, () => {
      assert.equal(sha(repo, 'main'), upstream);
      assert.equal(sha(repo, 'backup/main-2026-11-27-2'), local);
      assert.equal(git(repo, 'status', '--porcelain'), '?? scratch.txt\n');
      assert.equal(readFileSync(join(repo, 'README.md'), 'utf8'), '# test\n');
    });
  });

  it('with no local commits it only resets, and warns about untracked files the upstream has', async () => {
    const { repo, origin } = clonedRepo(folder.path, 'behind');
    const other = join(folder.path, 'other clone');
    git(folder.path, 'clone', '-q', origin, other);
    commit(other, 'shared.txt', 'from upstream\n', 'Upstream work');
    git(other, 'push', '-q');
    git(repo, 'fetch', '-q');
    writeFile(repo, 'shared.txt', 'my untracked copy\n');

    const plan = await startOver(repo, { now: NOW });
    assert.deepEqual(args(plan), [['reset', '--hard', sha(repo, 'origin/main')]]);
    assert.ok(plan.risks.some((risk) => /untracked ones \(shared\.txt\): they are overwritten/.test(risk)));
    await applyCheckUndo(repo, plan, () => assert.equal(readFileSync(join(repo, 'shared.txt'), 'utf8'), 'from upstream\n'));
  });

  it('refuses without an upstream, when it is gone, and when there is nothing to start over from', async () => {
    const repo = localRepo(folder.path, 'no upstream');
    assert.match((await failure(startOver(repo))).message, /^main has no upstream/);
    const { repo: clone } = clonedRepo(folder.path, 'same');
    assert.match((await failure(startOver(clone))).message, /already matches origin\/main/);
    git(clone, 'update-ref', '-d', 'refs/remotes/origin/main');
    assert.match((await failure(startOver(clone))).message, /origin\/main, the upstream of main, no longer exists/);
  });
});
