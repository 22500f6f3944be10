import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { removeKeptWorktree } from '../../../src/core/runs/kept-worktree';
import { git } from '../../support/git';
import { tempFolder } from '../../support/temp';
import { repositoryFingerprint, runIn } from './helpers';
import { repoWithWorkflow } from '../../support/repos';

const FAILING = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo partial > result.txt && exit 3
`;

describe('kept worktrees', () => {
  it('removes the copy a failed run kept, and git forgets it, leaving the repository as it was', async () => {
    const temp = tempFolder();
    try {
      const repo = repoWithWorkflow(temp.path, 'repo with spaces', FAILING);
      const before = repositoryFingerprint(repo);
      const { record } = await runIn(repo, join(temp.path, 'store'), { keepWorktree: 'on-failure' });
      const kept = record.keptWorktree;
      assert.ok(kept && existsSync(join(kept, 'result.txt')), 'the failed run kept its copy, with what the step wrote');
      assert.equal(git(repo, 'worktree', 'list').trim().split('\n').length, 1, 'the copy is a repository of its own, not a worktree');
      assert.equal(await removeKeptWorktree(kept), 'removed');
      assert.equal(existsSync(kept), false);
      assert.equal(existsSync(dirname(kept)), false, 'the emptied run folder around the copy goes too');
      assert.equal(git(repo, 'worktree', 'list').trim().split('\n').length, 1);
      assert.equal(repositoryFingerprint(repo), before);
      assert.equal(await removeKeptWorktree(kept), 'already-gone');
    } finally {
      temp.remove();
    }
  });

  it("refuses a folder that is a repository of its own (not a run's copy), or inside one", async () => {
    const temp = tempFolder();
    try {
      const repo = repoWithWorkflow(temp.path, 'main', FAILING);
      assert.equal(await removeKeptWorktree(repo), 'not-a-worktree');
      assert.ok(existsSync(join(repo, '.github')));
      // Nor a folder inside a repository or inside a kept copy: only a linked worktree's top folder goes.
      assert.equal(await removeKeptWorktree(join(repo, '.github')), 'not-a-worktree');
      assert.ok(existsSync(join(repo, '.github', 'workflows', 'ci.yml')));
      const { record } = await runIn(repo, join(temp.path, 'store'), { keepWorktree: 'on-failure' });
      const kept = record.keptWorktree as string;
      assert.equal(await removeKeptWorktree(join(kept, '.github')), 'not-a-worktree');
      assert.ok(existsSync(join(kept, '.github', 'workflows', 'ci.yml')));
      assert.equal(await removeKeptWorktree(kept), 'removed');
    } finally {
      temp.remove();
    }
  });
});
