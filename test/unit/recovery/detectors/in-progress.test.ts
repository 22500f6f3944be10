import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectInProgress } from '../../../../src/core/recovery/detectors/in-progress';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { commit, git, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { NOW, apply, failingGit, facts, only, stepsOf } from '../helpers';
import { newRepo } from '../../../support/repos';

/** main and topic both change README.md: merging, rebasing or cherry-picking one onto the other conflicts. */
function conflictingBranches(parent: string, name: string): string {
  const repo = newRepo(parent, name);
  git(repo, 'checkout', '-q', '-b', 'topic');
  commit(repo, 'README.md', 'topic\n', 'Topic edit');
  commit(repo, 'topic.txt', 'more\n', 'Topic file');
  git(repo, 'checkout', '-q', 'main');
  commit(repo, 'README.md', 'main\n', 'Main edit');
  return repo;
}

describe('in-progress detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('sees a merge stopped by a conflict, offers abort, and refuses to continue until resolved', async () => {
    const repo = conflictingBranches(folder.path, 'merge');
    failingGit(repo, 'merge', 'topic');
    const situation = only(detectInProgress(await facts(repo)));
    assert.equal(situation.kind, 'in-progress');
    assert.equal(situation.title, 'A merge of topic is in progress (1 conflicted file)');
    assert.match(situation.explanation, /merging topic into main 2 hours ago and stopped because 1 file conflicts: README\.md/);
    assert.ok(situation.evidence.some((e) => e.kind === 'file' && e.label === 'conflict: README.md'));
    const [abort, resume] = situation.fixes;
    assert.deepEqual(stepsOf(abort), [['merge', '--abort']]);
    assert.deepEqual(stepsOf(resume), [['commit', '--no-edit']]);
    assert.match(resume?.refusal ?? '', /resolve README\.md, mark it resolved with "git add"/);

    git(repo, 'add', 'README.md');
    const resolved = only(detectInProgress(await facts(repo)));
    assert.equal(resolved.title, 'A merge of topic is in progress');
    assert.equal(resolved.fixes[1]?.refusal, undefined);

    apply(repo, resolved.fixes[0]!);
    assert.equal(existsSync(join(repo, '.git', 'MERGE_HEAD')), false);
    assert.deepEqual(detectInProgress(await facts(repo)), []);
  });

  it('sees a rebase stopped at a conflict, with its branch and step', async () => {
    const repo = conflictingBranches(folder.path, 'rebase');
    git(repo, 'checkout', '-q', 'topic');
    failingGit(repo, 'rebase', 'main');
    const situation = only(detectInProgress(await facts(repo)));
    assert.equal(situation.title, 'A rebase of topic is in progress (1 conflicted file)');
    assert.match(situation.explanation, /rebasing topic 2 hours ago, is at commit 1 of 2 and stopped/);
    assert.deepEqual(stepsOf(situation.fixes[0]), [['rebase', '--abort']]);
    assert.deepEqual(stepsOf(situation.fixes[1]), [
      ['commit', '--no-edit'],
      ['rebase', '--continue'],
    ]);

    // Continuing after resolving finishes the rebase without an editor.
    writeFile(repo, 'README.md', 'both\n');
    git(repo, 'add', 'README.md');
    const ready = only(detectInProgress(await facts(repo)));
    apply(repo, ready.fixes[1]!);
    assert.deepEqual(detectInProgress(await facts(repo)), []);
    assert.equal(git(repo, 'log', '-1', '--format=%s').trim(), 'Topic file');
  });

  it('sees a cherry-pick and names the commit being applied', async () => {
    const repo = conflictingBranches(folder.path, 'pick');
    failingGit(repo, 'cherry-pick', 'topic~1');
    const situations = await diagnose(repo, { now: NOW });
    const situation = situations[0]!;
    assert.equal(situation.kind, 'in-progress');
    assert.equal(situation.title, 'A cherry-pick is in progress (1 conflicted file)');
    assert.match(situation.explanation, /cherry-picking [0-9a-f]{7} onto main/);
    assert.deepEqual(stepsOf(situation.fixes[0]), [['cherry-pick', '--abort']]);
    assert.deepEqual(stepsOf(situation.fixes[1]), [['cherry-pick', '--continue']]);
  });

  it('sees a bisect and offers only to end it', async () => {
    const repo = conflictingBranches(folder.path, 'bisect');
    commit(repo, 'c.txt', 'c\n', 'Third on main');
    git(repo, 'bisect', 'start', 'main', 'main~2');
    const situation = only(detectInProgress(await facts(repo)));
    assert.equal(situation.title, 'A bisect is in progress');
    assert.deepEqual(situation.fixes.map(stepsOf), [[['bisect', 'reset']]]);
    apply(repo, situation.fixes[0]!);
    assert.deepEqual(detectInProgress(await facts(repo)), []);
  });

  it('says nothing when no operation is in progress', async () => {
    const repo = newRepo(folder.path, 'calm');
    assert.deepEqual(detectInProgress(await facts(repo)), []);
  });
  it('sees a stopped git am as an am session, not a rebase, and aborts it with git am --abort', async () => {
    const repo = newRepo(folder.path, 'am');
    git(repo, 'checkout', '-q', '-b', 'other');
    commit(repo, 'README.md', 'other\n', 'Other change');
    git(repo, 'format-patch', '-q', '-1', '-o', join(folder.path, 'am-patches'));
    git(repo, 'checkout', '-q', 'main');
    const mine = commit(repo, 'README.md', 'mine\n', 'Mine');
    failingGit(repo, 'am', join(folder.path, 'am-patches', '0001-Other-change.patch'));

    const situation = only(detectInProgress(await facts(repo)));
    assert.equal(situation.title, 'A git am of main is in progress');
    assert.match(situation.explanation, /^Git started applying patches with "git am" onto main 2 hours ago and is at patch 1 of 1\./);
    assert.match(situation.explanation, /"git am --continue"/);
    assert.match(situation.explanation, /"git am --skip"/);
    const [abort, resume] = situation.fixes;
    assert.equal(abort?.title, 'Abort the am');
    assert.deepEqual(stepsOf(abort), [['am', '--abort']]);
    assert.deepEqual(stepsOf(resume), [['am', '--continue']]);
    assert.doesNotMatch(situation.explanation, /rebas/);

    apply(repo, abort!);
    assert.equal(existsSync(join(repo, '.git', 'rebase-apply')), false);
    assert.equal(git(repo, 'rev-parse', 'HEAD').trim(), mine);
    assert.deepEqual(detectInProgress(await facts(repo)), []);
  });
});
