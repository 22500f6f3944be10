import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { commit, git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, stepsOf } from '../helpers';
import { newRepo } from '../../../support/repos';

describe('reset guard: moving a branch back over local changes', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('after a mixed reset, offers to move back keeping every file on disk: the commits count again, later edits stay unstaged', async () => {
    const repo = newRepo(folder.path, 'mixed');
    commit(repo, 'a.txt', '1\n', 'one');
    commit(repo, 'a.txt', '2\n', 'two');
    const three = commit(repo, 'b.txt', 'b\n', 'three');
    git(repo, 'reset', '-q', 'HEAD~2'); // mixed: the commits' changes are now "local changes"
    appendFileSync(join(repo, 'a.txt'), 'more\n');

    const situation = (await diagnose(repo)).find((found) => found.kind === 'lost-commits');
    assert.ok(situation, 'the reset is diagnosed');
    const [keep, keepFiles] = situation.fixes;
    assert.match(keep?.refusal ?? '', /uncommitted changes to a\.txt and b\.txt would be overwritten/);
    assert.equal(keepFiles?.title, 'Move main back to where it was, keeping every file as it is on disk');
    assert.equal(keepFiles?.refusal, undefined);
    assert.deepEqual(stepsOf(keepFiles), [['reset', '-q', three]]);
    assert.equal(keepFiles?.changesFiles, false);

    apply(repo, keepFiles!);
    assert.equal(sha(repo, 'main'), three);
    assert.equal(git(repo, 'status', '--porcelain'), ' M a.txt\n', 'only the edit made after the reset is a change');
    assert.equal(readFileSync(join(repo, 'a.txt'), 'utf8'), '2\nmore\n');
  });

  it('offers nothing more when nothing is in the way', async () => {
    const repo = newRepo(folder.path, 'clean');
    commit(repo, 'a.txt', '1\n', 'one');
    commit(repo, 'a.txt', '2\n', 'two');
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    const situation = (await diagnose(repo)).find((found) => found.kind === 'lost-commits');
    assert.deepEqual(
      situation?.fixes.map((fix) => fix.title),
      ['Move main back to where it was', 'Keep it on a new branch'],
    );
  });
});
