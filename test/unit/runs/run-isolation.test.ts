import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { git, writeFile } from '../../support/git';
import { newClone } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { job, repositoryFingerprint, runIn } from './helpers';

/** A step that does everything a workflow could do to a repository: config, tags, branches, stash, push, gc. */
const HOSTILE = `on: push
jobs:
  meddle:
    runs-on: ubuntu-latest
    steps:
      - run: |
          git config user.name Mallory
          git config user.email mallory@example.com
          git config core.hooksPath /tmp/mallory-hooks
          git tag -a v666 -m evil || git tag v666
          git checkout -q -b mallory-branch
          echo change > stash-me.txt && git add stash-me.txt && git stash push -q
          git stash list | grep -q . 
          git gc --prune=now -q
      - run: git push origin HEAD:refs/heads/pushed-by-a-run
        continue-on-error: true
      - run: git push origin v666
        continue-on-error: true
`;

describe('local runs are isolated from the repository', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-isolation-');
  after(() => temp.remove());

  it("a step's git config, tags, branches, stash, gc and push change nothing of the user's (nor its remote), and recoverable objects stay", async () => {
    const { repo, origin } = newClone(temp.path, 'user');
    writeFile(repo, '.github/workflows/ci.yml', HOSTILE);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'workflow');
    git(repo, 'push', '-q', 'origin', 'main');
    // Something only the deep scan could bring back: a dropped stash.
    writeFile(repo, 'README.md', 'work in progress\n');
    git(repo, 'stash', 'push', '-q', '-m', 'precious');
    const dropped = git(repo, 'rev-parse', 'stash@{0}').trim();
    git(repo, 'stash', 'drop', '-q');

    const before = [repositoryFingerprint(repo), git(repo, 'config', '--local', '--list'), git(repo, 'worktree', 'list')].join('\n');
    const remoteBefore = git(origin, 'for-each-ref');
    const { record } = await runIn(repo, join(temp.path, 'store'));

    assert.equal(job(record, 'meddle').steps[0]?.status, 'success', JSON.stringify(job(record, 'meddle').steps[0]));
    assert.equal(job(record, 'meddle').steps[1]?.outcome, 'failure', 'the push is blocked');
    assert.equal(job(record, 'meddle').steps[2]?.outcome, 'failure', 'the tag push is blocked');
    assert.equal([repositoryFingerprint(repo), git(repo, 'config', '--local', '--list'), git(repo, 'worktree', 'list')].join('\n'), before);
    assert.equal(git(origin, 'for-each-ref'), remoteBefore, 'nothing reached the remote');
    git(repo, 'cat-file', '-e', dropped); // the dropped stash is still there to recover
  });
});
