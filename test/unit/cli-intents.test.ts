import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { commit, git, sha, writeFile } from '../support/git';
import { tempFolder } from '../support/temp';
import { repoState } from './recovery/safety-support';
import { clonedRepo, localRepo } from './recovery/intents/support';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

interface PlanJson {
  id: string;
  title: string;
  effect: string;
  commands: string[];
  steps: string[][];
  risks: string[];
  refusal?: string;
}
interface IntentJson {
  repo: string;
  plans: PlanJson[];
  chosen: string;
  applied?: { fixId: string; snapshotId: string; undo: string };
}

/**
 * Runs the command without --yes (nothing changes), then with --yes --json
 * (checked by `check`), then undoes through `shipshape fix --undo` and
 * expects the exact state from before.
 */
async function planApplyUndo(repo: string, argv: readonly string[], check: (result: IntentJson) => void): Promise<IntentJson> {
  const before = repoState(repo);
  const shown = await cli(repo, ...argv);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /Nothing was changed\. Add --yes to apply/);
  assert.deepEqual(repoState(repo), before);

  const applied = await cli(repo, ...argv, '--yes', '--json');
  assert.equal(applied.code, 0, applied.err);
  const result = JSON.parse(applied.out) as IntentJson;
  assert.equal(result.applied?.fixId, result.chosen);
  assert.equal(result.applied?.undo, `shipshape fix --undo ${result.applied?.snapshotId} --yes`);
  check(result);

  const undone = await cli(repo, 'fix', '--undo', result.applied?.snapshotId ?? '', '--yes');
  assert.equal(undone.code, 0, undone.err);
  assert.deepEqual(repoState(repo), before);
  return result;
}

describe('shipshape undo-commit / restore-file / reword / move-to-branch / discard / start-over', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape cli intents ');
  after(folder.remove);

  it('undo-commit prints every plan with its commands and risks, and applies the one picked with --fix', async () => {
    const { repo } = clonedRepo(folder.path, 'undo');
    const base = sha(repo, 'HEAD');
    const older = commit(repo, 'a.txt', 'a\n', 'Add a');
    commit(repo, 'b.txt', 'b\n', 'Add b');

    const shown = await cli(repo, 'undo-commit', older);
    assert.equal(shown.code, 0, shown.err);
    assert.match(
      shown.out,
      new RegExp(`^1\\. Revert ${older.slice(0, 7)} "Add a"  \\[fix [0-9a-f]{12}\\]  \\(chosen\\)\\n .*\\n   git revert --no-edit ${older}\\n`),
    );
    assert.match(
      shown.out,
      new RegExp(
        `2\\. Remove ${older.slice(0, 7)} "Add a" from the history of main  \\[fix ([0-9a-f]{12})\\]\\n.*\\n   git rebase --onto ${base} ${older}\\n   risk: Rewrites local history: the commit after it gets a new id`,
      ),
    );
    const rebaseId = /2\. .*\[fix ([0-9a-f]{12})\]/.exec(shown.out)?.[1] ?? '';

    await planApplyUndo(repo, ['undo-commit', older, '--fix', rebaseId], (result) => {
      assert.equal(result.chosen, rebaseId);
      assert.deepEqual(
        result.plans.map((plan) => plan.steps[0]?.[0]),
        ['revert', 'rebase'],
      );
      assert.equal(git(repo, 'log', '--format=%s', '-2'), 'Add b\nInitial commit\n');
    });
    assert.equal((await cli(repo, 'undo-commit', older, '--fix', 'nope')).code, 2);
    assert.equal((await cli(repo, 'undo-commit')).code, 2);
  });

  it('undo-commit refuses a root commit with exit 1 and says why', async () => {
    const repo = localRepo(folder.path, 'root');
    const result = await cli(repo, 'undo-commit', 'HEAD', '--yes');
    assert.equal(result.code, 1);
    assert.match(result.err, /^shipshape: [0-9a-f]{7} "Initial commit" is the first commit of the repository/);
  });

  it('restore-file lists deleted files without a path, and restores one given relative to the current folder', async () => {
    const repo = localRepo(folder.path, 'restore');
    commit(repo, 'docs/old guide.md', 'guide\n', 'Add guide');
    git(repo, 'rm', '-q', 'docs/old guide.md');
    git(repo, 'commit', '-q', '-m', 'Remove guide');
    writeFile(repo, 'docs/keep.md', 'keep\n');
    commit(repo, 'docs/keep.md', 'keep\n', 'Keep docs folder');

    const listed = await cli(repo, 'restore-file');
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, /^docs\/old guide\.md\n {3}deleted by [0-9a-f]{7} "Remove guide", /);
    const listedJson = JSON.parse((await cli(repo, 'restore-file', '--json')).out) as { deleted: { path: string }[] };
    assert.deepEqual(
      listedJson.deleted.map((file) => file.path),
      ['docs/old guide.md'],
    );

    const docs = join(repo, 'docs');
    const before = repoState(repo);
    const shown = await cli(docs, 'restore-file', 'old guide.md');
    assert.equal(shown.code, 0, shown.err);
    assert.match(shown.out, /git restore --source=[0-9a-f]{40} --staged --worktree -- 'docs\/old guide\.md'/);
    assert.deepEqual(repoState(repo), before);
    const applied = await cli(docs, 'restore-file', 'old guide.md', '--yes');
    assert.equal(applied.code, 0, applied.err);
    assert.match(applied.out, /Applied: Restore docs\/old guide\.md\.\nSafety snapshot (\S+); undo with: shipshape fix --undo \1 --yes\n$/);
    assert.equal(readFileSync(join(docs, 'old guide.md'), 'utf8'), 'guide\n');
    assert.equal((await cli(docs, 'fix', '--undo', '--yes')).code, 0);
    assert.deepEqual(repoState(repo), before);

    assert.equal((await cli(repo, 'restore-file', '../outside.txt')).code, 2);
    assert.equal((await cli(repo, 'restore-file', 'never.txt')).code, 1);
  });

  it('reword changes the last message with --yes; refuses a pushed commit with exit 1', async () => {
    const { repo } = clonedRepo(folder.path, 'reword');
    commit(repo, 'a.txt', 'a\n', 'Wrnog');
    await planApplyUndo(repo, ['reword', 'Right words'], (result) => {
      assert.deepEqual(result.plans[0]?.steps, [['commit', '--amend', '--only', '-m', 'Right words']]);
      assert.equal(git(repo, 'log', '-1', '--format=%s'), 'Right words\n');
    });
    assert.equal((await cli(repo, 'reword', 'two', 'words')).code, 2);
    git(repo, 'push', '-q');
    const refused = await cli(repo, 'reword', 'Too late');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /already on origin\/main/);
  });

  it('move-to-branch moves the commits ahead of the upstream by default, or --count of them', async () => {
    const { repo } = clonedRepo(folder.path, 'move');
    const upstream = sha(repo, 'origin/main');
    commit(repo, 'a.txt', 'a\n', 'One');
    const head = commit(repo, 'b.txt', 'b\n', 'Two');
    await planApplyUndo(repo, ['move-to-branch', 'topic'], (result) => {
      assert.deepEqual(result.plans[0]?.commands, [`git branch topic ${head}`, `git reset --keep ${upstream}`]);
      assert.equal(sha(repo, 'topic'), head);
      assert.equal(sha(repo, 'main'), upstream);
    });
    // A fresh clone: right after an undo the restored index has stale file times, and reset --keep refuses until git refreshes it.
    const { repo: again } = clonedRepo(folder.path, 'move count');
    const second = commit(again, 'a.txt', 'a\n', 'One');
    commit(again, 'b.txt', 'b\n', 'Two');
    await planApplyUndo(again, ['move-to-branch', 'topic', '--count', '1'], () => assert.equal(sha(again, 'main'), second));
    assert.equal((await cli(repo, 'move-to-branch', 'topic', '--count', 'two')).code, 2);
    assert.equal((await cli(repo, 'move-to-branch', 'a..b')).code, 2);
    assert.equal((await cli(repo, 'move-to-branch', 'main')).code, 1);
  });

  it('discard keeps untracked files unless --include-untracked, and exits 1 without --yes when the plan cannot run', async () => {
    const repo = localRepo(folder.path, 'discard');
    // Edits differ in size from the committed text: see the report on racy index copies in snapshots.
    writeFile(repo, 'README.md', 'edited locally\n');
    writeFile(repo, 'scratch.txt', 'untracked\n');
    await planApplyUndo(repo, ['discard'], (result) => {
      assert.match(result.plans[0]?.effect ?? '', /brought back with Undo/);
      assert.equal(git(repo, 'status', '--porcelain'), '?? scratch.txt\n');
    });
    await planApplyUndo(repo, ['discard', 'scratch.txt', 'README.md', '--include-untracked'], (result) => {
      assert.deepEqual(result.plans[0]?.steps.slice(1), [['clean', '-f', '-d', '--', 'scratch.txt']]);
      assert.equal(git(repo, 'status', '--porcelain'), '');
    });
    git(repo, 'checkout', '-q', '--', 'README.md');
    const nothing = await cli(repo, 'discard', 'README.md');
    assert.equal(nothing.code, 1);
    assert.match(nothing.err, /no local changes to discard in README\.md/);
  });

  it('start-over shows the --hard reset and its safety net, applies it, and refuses without an upstream', async () => {
    const { repo } = clonedRepo(folder.path, 'start over');
    const local = commit(repo, 'mine.txt', 'mine\n', 'Mine');
    writeFile(repo, 'README.md', 'edited locally\n');
    const shown = await cli(repo, 'start-over');
    assert.match(shown.out, /git reset --hard [0-9a-f]{40}\n {3}risk: Uses reset --hard/);
    await planApplyUndo(repo, ['start-over'], (result) => {
      const backup = /^git branch (\S+) /.exec(result.plans[0]?.commands[0] ?? '')?.[1] ?? '';
      assert.match(backup, /^backup\/main-\d{4}-\d\d-\d\d$/);
      assert.equal(sha(repo, backup), local);
      assert.equal(git(repo, 'status', '--porcelain'), '');
    });
    const plain = localRepo(folder.path, 'plain');
    const refused = await cli(plain, 'start-over', '--json');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /main has no upstream/);
    assert.equal((await cli(plain, 'start-over', 'extra')).code, 2);
  });

  it('a plan git would refuse is shown with the reason, exits 1, and --yes changes nothing', async () => {
    const { repo } = clonedRepo(folder.path, 'refused plan');
    const last = commit(repo, 'a.txt', 'a\n', 'Feature');
    writeFile(repo, 'a.txt', 'edited\n');
    const before = repoState(repo);
    const shown = await cli(repo, 'undo-commit', last);
    assert.equal(shown.code, 1);
    assert.match(shown.out, /not now: Your uncommitted changes to a\.txt would be overwritten/);
    const applied = await cli(repo, 'undo-commit', last, '--yes');
    assert.equal(applied.code, 1);
    assert.match(applied.err, /cannot be applied now/);
    assert.deepEqual(repoState(repo), before);
    assert.equal((await cli(repo, 'undo-commit', '--help')).code, 0);
    assert.equal((await cli(repo, 'discard', '--bogus')).code, 2);
  });
});
