import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { CommitInfo, ReflogEntry } from '../../../src/core/recovery/facts/types';
import { MAX_RECENT_ACTIONS, describeReflog, readRecentActions, recentActionsFromFacts, type RecentAction } from '../../../src/core/recovery/recent-actions';
import { commit, git, sha, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';
import { NOW, facts, failingGit } from './helpers';
import { newClone, newRepo } from '../../support/repos';

const read = (repo: string, limit?: number): Promise<RecentAction[]> => readRecentActions(repo, { now: NOW, limit });
const texts = (actions: readonly RecentAction[]): string[] => actions.map((action) => action.text);
const short = (full: string): string => full.slice(0, 7);

describe('recent actions', () => {
  const folder = tempFolder();
  after(folder.remove);

  describe('from real reflogs', () => {
    it('tells a clone, commits, an amend, switches, a merge and a reset undoing it', async () => {
      const { origin } = newClone(folder.path, 'seed');
      git(folder.path, 'clone', '-q', origin, 'basics');
      const repo = join(folder.path, 'basics');
      const cloned = sha(repo, 'HEAD');
      commit(repo, 'search.txt', 's\n', 'Add search');
      commit(repo, 'typo.txt', 't\n', 'Fix typo');
      writeFile(repo, 'typo.txt', 'typo fixed\n');
      git(repo, 'commit', '-q', '-a', '--amend', '-m', 'Fix typo');
      git(repo, 'checkout', '-q', '-b', 'feature/x');
      commit(repo, 'x.txt', 'x\n', 'Feature work');
      git(repo, 'checkout', '-q', 'main');
      git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'feature/x');
      const merged = sha(repo, 'HEAD');
      git(repo, 'reset', '-q', '--hard', 'HEAD~1');

      const actions = await read(repo);
      assert.deepEqual(texts(actions), [
        'Reset main 1 commit back - 1 commit left behind',
        'Merged feature/x into main',
        'Switched from feature/x to main',
        'Committed "Feature work"',
        'Switched from main to feature/x',
        'Amended "Fix typo"',
        'Committed "Fix typo"',
        'Committed "Add search"',
        'Cloned',
      ]);
      assert.deepEqual(
        actions.map((action) => action.kind),
        ['reset', 'merge', 'switch', 'commit', 'switch', 'amend', 'commit', 'commit', 'clone'],
      );
      assert.deepEqual(
        actions.map((action) => action.branch),
        ['main', 'main', 'main', 'feature/x', 'feature/x', 'main', 'main', 'main', 'main'],
      );
      const [reset, merge] = actions;
      assert.deepEqual([reset?.sha, reset?.restoreSha, reset?.leftBehind, reset?.index, reset?.when], [sha(repo, 'HEAD'), merged, 1, 0, '2 hours ago']);
      assert.equal(reset?.message, 'reset: moving to HEAD~1');
      assert.equal(merge?.sha, merged);
      // The amend left the first version of "Fix typo" behind; the clone starts the reflog.
      assert.equal(actions[5]?.leftBehind, 1);
      assert.deepEqual([actions[8]?.sha, actions[8]?.restoreSha], [cloned, undefined]);
    });

    it('counts the commits a reset left on no branch, and sees them come back', async () => {
      const repo = newRepo(folder.path, 'resets');
      const base = sha(repo, 'HEAD');
      commit(repo, 'a.txt', 'a\n', 'One');
      commit(repo, 'b.txt', 'b\n', 'Two');
      const tip = commit(repo, 'c.txt', 'c\n', 'Three');
      git(repo, 'branch', 'keep', 'HEAD~2'); // still holds "One"
      git(repo, 'reset', '-q', '--hard', 'HEAD~3');
      let actions = await read(repo);
      assert.equal(actions[0]?.text, 'Reset main 3 commits back - 2 commits left behind');
      assert.deepEqual([actions[0]?.sha, actions[0]?.restoreSha, actions[0]?.leftBehind], [base, tip, 2]);

      git(repo, 'reset', '-q', '--hard', tip);
      actions = await read(repo);
      assert.deepEqual(texts(actions.slice(0, 2)), ['Reset main 3 commits forward', 'Reset main 3 commits back']);
      assert.equal(actions[1]?.leftBehind, 0);

      writeFile(repo, 'a.txt', 'edited\n');
      git(repo, 'reset', '-q', '--hard');
      git(repo, 'reset', '-q', '--hard', 'keep');
      actions = await read(repo);
      assert.deepEqual(texts(actions.slice(0, 2)), [
        'Reset main 2 commits back - 2 commits left behind',
        'Reset main in place (changes stashed, unstaged or discarded)',
      ]);

      // A target that is neither above nor below: named as typed.
      git(repo, 'checkout', '-q', '-b', 'side', base);
      commit(repo, 's.txt', 's\n', 'Side');
      git(repo, 'checkout', '-q', 'main');
      git(repo, 'reset', '-q', '--hard', 'side');
      assert.equal((await read(repo))[0]?.text, 'Reset main to side');
    });

    it('makes one line of a whole rebase, and knows what it can restore', async () => {
      const repo = newRepo(folder.path, 'rebases');
      git(repo, 'checkout', '-q', '-b', 'topic');
      commit(repo, 't1.txt', '1\n', 'Topic one');
      const before = commit(repo, 't2.txt', '2\n', 'Topic two');
      git(repo, 'checkout', '-q', 'main');
      commit(repo, 'm.txt', 'm\n', 'Main moves on');
      git(repo, 'checkout', '-q', 'topic');
      git(repo, 'rebase', '-q', 'main');
      let [rebase] = await read(repo);
      assert.equal(rebase?.text, 'Rebased topic onto main');
      assert.deepEqual([rebase?.kind, rebase?.entries, rebase?.restoreSha, rebase?.leftBehind, rebase?.branch], ['rebase', 4, before, 2, 'topic']);

      git(repo, '-c', 'sequence.editor=true', 'rebase', '-q', '-i', '--force-rebase', 'HEAD~2');
      [rebase] = await read(repo);
      assert.equal(rebase?.text, 'Rebased the last 2 commits of topic');

      // `git rebase main topic` from main switches to topic without a checkout entry:
      // the entry below the start is main's tip, not topic's, so nothing to restore.
      git(repo, 'checkout', '-q', 'main');
      commit(repo, 'm2.txt', 'm2\n', 'Main again');
      git(repo, 'rebase', '-q', 'main', 'topic');
      [rebase] = await read(repo);
      assert.deepEqual([rebase?.text, rebase?.restoreSha, rebase?.leftBehind], ['Rebased topic onto main', undefined, 0]);

      git(repo, 'checkout', '-q', 'main');
      git(repo, 'cherry-pick', 'topic~1');
      git(repo, 'revert', '--no-edit', 'HEAD');
      assert.deepEqual(texts((await read(repo)).slice(0, 3)), ['Reverted "Topic one"', 'Cherry-picked "Topic one"', 'Switched from topic to main']);
    });

    it('tells a detached HEAD and the commits left behind on it', async () => {
      const repo = newRepo(folder.path, 'detached');
      commit(repo, 'a.txt', 'a\n', 'Main work');
      git(repo, 'checkout', '-q', 'HEAD~1');
      commit(repo, 'd1.txt', '1\n', 'Detached one');
      const tip = commit(repo, 'd2.txt', '2\n', 'Detached two');
      git(repo, 'checkout', '-q', 'main');
      git(repo, 'checkout', '-q', '--detach');
      git(repo, 'checkout', '-q', 'main');
      const actions = await read(repo);
      assert.deepEqual(texts(actions), [
        'Switched from a detached HEAD (' + short(sha(repo, 'main')) + ') to main',
        'Detached HEAD at main',
        `Switched from a detached HEAD (${short(tip)}) to main - 2 commits left behind`,
        'Committed "Detached two"',
        'Committed "Detached one"',
        'Switched from main to HEAD~1 (detached HEAD)',
        'Committed "Main work"',
        'Committed "Initial commit" (first commit)',
      ]);
      assert.deepEqual([actions[2]?.leftBehind, actions[2]?.restoreSha], [2, tip]);
      assert.deepEqual(
        actions.map((action) => action.branch),
        ['main', undefined, 'main', undefined, undefined, undefined, 'main', 'main'],
      );
    });

    it('tells pulls: fast-forward, merge and rebase', async () => {
      const { origin } = newClone(folder.path, 'pull-origin');
      git(folder.path, 'clone', '-q', origin, 'pull-mine');
      git(folder.path, 'clone', '-q', origin, 'pull-theirs');
      const mine = join(folder.path, 'pull-mine');
      const theirs = join(folder.path, 'pull-theirs');
      const push = (path: string, message: string) => {
        commit(theirs, path, `${message}\n`, message);
        git(theirs, 'push', '-q', 'origin', 'main');
      };
      push('t1.txt', 'Theirs one');
      git(mine, 'pull', '-q', '--ff-only');
      commit(mine, 'm1.txt', 'm\n', 'Mine one');
      push('t2.txt', 'Theirs two');
      git(mine, 'pull', '-q', '--no-rebase', '--no-edit');
      commit(mine, 'm2.txt', 'm\n', 'Mine two');
      push('t3.txt', 'Theirs three');
      git(mine, 'pull', '-q', '--rebase');
      const actions = await read(mine);
      assert.deepEqual(texts(actions), [
        'Pulled and rebased main',
        'Committed "Mine two"',
        'Pulled and merged into main',
        'Committed "Mine one"',
        'Pulled (fast-forward)',
        'Cloned',
      ]);
      assert.deepEqual(
        actions.map((action) => action.kind),
        ['pull', 'commit', 'pull', 'commit', 'pull', 'clone'],
      );
    });

    it('tells conflicts resolved by a commit, and a rebase still going on', async () => {
      const repo = newRepo(folder.path, 'conflicts');
      git(repo, 'checkout', '-q', '-b', 'topic');
      commit(repo, 'README.md', 'topic\n', 'Topic edit');
      git(repo, 'checkout', '-q', 'main');
      commit(repo, 'README.md', 'main\n', 'Main edit');
      failingGit(repo, 'merge', 'topic');
      writeFile(repo, 'README.md', 'both\n');
      git(repo, 'commit', '-q', '-a', '--no-edit');
      git(repo, 'reset', '-q', '--hard', 'HEAD~1');
      failingGit(repo, 'cherry-pick', 'topic');
      writeFile(repo, 'README.md', 'picked\n');
      git(repo, 'commit', '-q', '-a', '--no-edit');
      git(repo, 'checkout', '-q', 'topic');
      failingGit(repo, 'rebase', 'main');
      const actions = await read(repo);
      assert.deepEqual(texts(actions.slice(0, 5)), [
        'Rebasing topic onto main (not finished)',
        'Switched from main to topic',
        'Cherry-picked "Topic edit" (conflicts resolved)',
        'Reset main 1 commit back - 1 commit left behind',
        'Merged topic into main (conflicts resolved)',
      ]);
      git(repo, 'rebase', '--abort');
      assert.equal((await read(repo))[0]?.text, 'Aborted rebasing topic onto main');
    });

    it('follows a renamed branch back to its old name', async () => {
      const repo = newRepo(folder.path, 'rename');
      commit(repo, 'a.txt', 'a\n', 'Before');
      git(repo, 'branch', '-m', 'main', 'trunk');
      commit(repo, 'b.txt', 'b\n', 'After');
      const actions = await read(repo);
      assert.deepEqual(texts(actions), [
        'Committed "After"',
        'Renamed the branch main to trunk',
        'Committed "Before"',
        'Committed "Initial commit" (first commit)',
      ]);
      assert.deepEqual(
        actions.map((action) => action.branch),
        ['trunk', 'trunk', 'main', 'main'],
      );
    });

    it('returns at most 30 actions, or the limit asked for, and the same from facts already read', async () => {
      const repo = newRepo(folder.path, 'many');
      for (let n = 1; n <= 35; n++) commit(repo, 'n.txt', `${n}\n`, `Change ${n}`);
      const actions = await read(repo);
      assert.equal(actions.length, MAX_RECENT_ACTIONS);
      assert.deepEqual([actions[0]?.text, actions[29]?.text], ['Committed "Change 35"', 'Committed "Change 6"']);
      assert.deepEqual(texts(await read(repo, 3)), ['Committed "Change 35"', 'Committed "Change 34"', 'Committed "Change 33"']);
      assert.deepEqual(recentActionsFromFacts(await facts(repo)), actions);
    });

    it('returns nothing for a repository without commits', async () => {
      const empty = join(folder.path, 'empty');
      git(folder.path, 'init', '-q', '-b', 'main', empty);
      assert.deepEqual(await read(empty), []);
    });
  });

  describe('describeReflog on its own', () => {
    const now = 1_800_000_000;
    const hex = (n: number) => n.toString(16).padStart(4, '0').repeat(10);
    /** Entries newest first, each on its own commit whose parent is the next one's. */
    function entries(...messages: string[]): ReflogEntry[] {
      return messages.map((message, index) => ({
        index,
        sha: hex(100 - index),
        parents: [hex(99 - index)],
        message,
        time: now - 60 * (index + 1),
        subject: `Subject ${index}`,
      }));
    }

    it('names HEAD when it does not know the branch, and the commit when the reflog is cut off', () => {
      const actions = describeReflog(entries('reset: moving to ORIG_HEAD', 'reset: moving to HEAD@{3}'), now);
      assert.deepEqual(texts(actions), ['Reset HEAD 1 commit forward', `Reset HEAD to ${short(hex(99))} "Subject 1"`]);
      assert.deepEqual(
        actions.map((action) => [action.restoreSha, action.when]),
        [
          [hex(99), 'a minute ago'],
          [undefined, '2 minutes ago'],
        ],
      );
    });

    it('trusts HEAD~N as typed when the commits in between are unknown', () => {
      const [reset] = describeReflog(
        [
          { index: 0, sha: hex(1), parents: [], message: 'reset: moving to HEAD~4', time: now, subject: 'x' },
          { index: 1, sha: hex(9), parents: [], message: 'commit: y', time: now, subject: 'y' },
        ],
        now,
        { head: { branch: 'dev' } },
      );
      assert.equal(reset?.text, 'Reset dev 4 commits back');
    });

    it('counts only the first-parent line as left behind, and only what no branch holds', () => {
      const lost = (sha: string, parents: string[]): [string, CommitInfo] => [sha, { sha, parents, time: now, subject: sha }];
      // hex(100) <- reset <- hex(101) (a merge of hex(102) and a side commit hex(200)), all reflog-only but hex(100)'s parent.
      const reflog: ReflogEntry[] = [
        { index: 0, sha: hex(100), parents: [hex(50)], message: 'reset: moving to HEAD~2', time: now, subject: 'base' },
        { index: 1, sha: hex(101), parents: [hex(102), hex(200)], message: "merge side: Merge made by the 'ort' strategy.", time: now, subject: 'Merge' },
        { index: 2, sha: hex(102), parents: [hex(100)], message: 'commit: work', time: now, subject: 'work' },
      ];
      const reflogOnly = new Map([lost(hex(101), [hex(102), hex(200)]), lost(hex(102), [hex(100)]), lost(hex(200), [hex(100)])]);
      const actions = describeReflog(reflog, now, { reflogOnly, head: { branch: 'main' } });
      assert.deepEqual(texts(actions), ['Reset main 2 commits back - 2 commits left behind', 'Merged side into main', 'Committed "work"']);
    });

    it('keeps a commit made at an edit stop inside its rebase, and stops at a cut-off start', () => {
      const whole = describeReflog(
        entries(
          'rebase (finish): returning to refs/heads/dev',
          'rebase (continue): Two',
          'commit (amend): One changed',
          'rebase (edit): One',
          'rebase (start): checkout origin/dev',
          'checkout: moving from main to dev',
        ),
        now,
        { head: { branch: 'dev' } },
      );
      assert.deepEqual(texts(whole), ['Rebased dev onto origin/dev', 'Switched from main to dev']);
      assert.deepEqual([whole[0]?.entries, whole[0]?.restoreSha], [5, hex(95)]);

      const cut = describeReflog(entries('rebase (finish): returning to refs/heads/dev', 'rebase (pick): Two', 'commit: typed in between'), now);
      assert.deepEqual(texts(cut), ['Rebased dev', 'Committed "typed in between"']);
      assert.deepEqual([cut[0]?.entries, cut[0]?.restoreSha], [2, undefined]);
    });

    it('words merges, pulls, patches, clones and anything unknown', () => {
      const actions = describeReflog(
        entries(
          'merge feature/x: Fast-forward',
          'pull origin main: Fast-forward',
          'am: Apply the fix',
          "commit (merge): Merge branch 'feature/y' into main",
          'commit (merge): Custom merge message',
          'update by push',
          'clone: from https://user:secret-token@example.com/repo.git',
        ),
        now,
        { head: { branch: undefined } },
      );
      assert.deepEqual(texts(actions), [
        'Merged feature/x into the detached HEAD (fast-forward)',
        'Pulled (fast-forward)',
        'Applied the patch "Apply the fix"',
        'Merged feature/y into the detached HEAD (conflicts resolved)',
        'Committed the merge "Custom merge message" (conflicts resolved)',
        'Update by push',
        'Cloned',
      ]);
      assert.ok(!texts(actions).some((text) => text.includes('secret')), 'a clone URL never reaches the text');
    });

    it('returns nothing for no entries', () => {
      assert.deepEqual(describeReflog([], now), []);
    });
  });
});
