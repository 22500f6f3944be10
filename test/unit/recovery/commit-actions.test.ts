import { strict as assert } from 'node:assert';
import { cherryPickPlan, showCommits } from '../../../src/core/recovery/commit-actions';
import { applyFix, undoFix } from '../../../src/core/recovery/safety';
import { git, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

describe('commit actions of the Git Recovery view', function () {
  this.timeout(30000);
  const folder = tempFolder('shipshape commit actions ');
  after(folder.remove);
  let lost: string[] = [];

  before(() => {
    const repo = folder.path;
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.name', 'Test'); // cherry-pick makes commits: no global identity is assumed
    git(repo, 'config', 'user.email', 'test@example.com');
    for (const name of ['a', 'b', 'c']) {
      writeFile(repo, `${name}.txt`, `${name}\n`);
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', `add ${name}`, `--date=2026-01-0${name.charCodeAt(0) - 96}T10:00:00`);
    }
    lost = [git(repo, 'rev-parse', 'HEAD').trim(), git(repo, 'rev-parse', 'HEAD~1').trim()]; // newest first, as evidence may list them
    git(repo, 'reset', '-q', '--hard', 'HEAD~2');
  });

  it('shows the commits oldest first, with their patches', async () => {
    const text = await showCommits(folder.path, lost);
    assert.ok(text.indexOf('add b') < text.indexOf('add c'));
    assert.match(text, /\+b\n/);
  });

  it('copies lost commits onto the current branch, and the copy undoes exactly', async () => {
    const plan = await cherryPickPlan(folder.path, lost, 'main');
    assert.deepEqual(plan.steps, [{ args: ['cherry-pick', lost[1], lost[0]] }]);
    assert.equal(plan.title, 'Copy 2 commits onto main');
    const before = git(folder.path, 'rev-parse', 'HEAD').trim();
    await applyFix(folder.path, plan);
    assert.equal(git(folder.path, 'log', '--format=%s', '-2'), 'add c\nadd b\n');
    await undoFix(folder.path);
    assert.equal(git(folder.path, 'rev-parse', 'HEAD').trim(), before);
  });
});
