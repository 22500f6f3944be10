import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parseCommits, parseReflog, parseRefs } from '../../../src/core/recovery/facts/parse-log';
import { parseStatusV2 } from '../../../src/core/recovery/facts/parse-status';
import { freeBranchName, isBelowReflogOnly, isDefaultBranch, reflogOnlyFrom } from '../../../src/core/recovery/facts/queries';
import { REFLOG_DEPTH } from '../../../src/core/recovery/facts/read-facts';
import type { RecoveryFacts } from '../../../src/core/recovery/facts/types';
import { listWords, slugify, timeAgo } from '../../../src/core/recovery/detectors/words';
import { commit, git, sha, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';
import { facts, failingGit } from './helpers';
import { newClone, newRepo } from '../../support/repos';

describe('recovery facts', () => {
  const folder = tempFolder();
  after(folder.remove);

  describe('parseStatusV2 on real git output', () => {
    it('reads branch, upstream distance, renames, conflicts and untracked paths with spaces', () => {
      const { repo } = newClone(folder.path, 'status');
      commit(repo, 'old name.txt', 'x\n', 'Add a file');
      git(repo, 'mv', 'old name.txt', 'new name.txt');
      writeFile(repo, 'untracked file.txt', 'u\n');
      writeFile(repo, 'README.md', 'edited\n');
      const status = parseStatusV2(git(repo, 'status', '--porcelain=v2', '--branch', '-z'));
      assert.equal(status.branch, 'main');
      assert.equal(status.head, sha(repo, 'HEAD'));
      assert.equal(status.upstream, 'origin/main');
      assert.equal(status.upstreamExists, true);
      assert.deepEqual([status.ahead, status.behind], [1, 0]);
      assert.deepEqual(status.changes, [
        { path: 'README.md', untracked: false },
        { path: 'new name.txt', originalPath: 'old name.txt', untracked: false },
        { path: 'untracked file.txt', untracked: true },
      ]);
      assert.deepEqual(status.conflicts, []);
    });

    it('reads conflicts, a detached HEAD, a repository with no commits and a vanished upstream', () => {
      const repo = newRepo(folder.path, 'conflict');
      git(repo, 'checkout', '-q', '-b', 'topic');
      commit(repo, 'README.md', 'topic\n', 'Topic');
      git(repo, 'checkout', '-q', 'main');
      commit(repo, 'README.md', 'main\n', 'Main');
      failingGit(repo, 'merge', 'topic');
      const conflicted = parseStatusV2(git(repo, 'status', '--porcelain=v2', '--branch', '-z'));
      assert.deepEqual(conflicted.conflicts, ['README.md']);

      git(repo, 'merge', '--abort');
      git(repo, 'checkout', '-q', '--detach');
      assert.equal(parseStatusV2(git(repo, 'status', '--porcelain=v2', '--branch', '-z')).branch, undefined);

      const empty = join(folder.path, 'empty');
      git(folder.path, 'init', '-q', '-b', 'main', empty);
      const unborn = parseStatusV2(git(empty, 'status', '--porcelain=v2', '--branch', '-z'));
      assert.deepEqual([unborn.branch, unborn.head], ['main', undefined]);

      const { repo: clone } = newClone(folder.path, 'vanished');
      git(clone, 'update-ref', '-d', 'refs/remotes/origin/main');
      const gone = parseStatusV2(git(clone, 'status', '--porcelain=v2', '--branch', '-z'));
      assert.deepEqual([gone.upstream, gone.upstreamExists, gone.ahead], ['origin/main', false, 0]);
    });
  });

  describe('log and ref parsers on real git output', () => {
    it('reads HEAD reflog entries with their own times, parents and messages', () => {
      const repo = newRepo(folder.path, 'reflog');
      const first = sha(repo, 'HEAD');
      const second = commit(repo, 'a.txt', 'a\n', 'Second, with\ttab and "quotes"');
      git(repo, 'reset', '-q', '--hard', 'HEAD~1');
      const entries = parseReflog(git(repo, 'log', '-g', '--date=unix', '--format=%H%x00%P%x00%gd%x00%gs%x00%s', 'HEAD'));
      assert.deepEqual(
        entries.map((e) => [e.index, e.sha, e.message]),
        [
          [0, first, 'reset: moving to HEAD~1'],
          // git turns control characters in reflog messages into spaces.
          [1, second, 'commit: Second, with tab and "quotes"'],
          [2, first, 'commit (initial): Initial commit'],
        ],
      );
      assert.deepEqual(entries[1]?.parents, [first]);
      assert.equal(entries[1]?.subject, 'Second, with\ttab and "quotes"');
      assert.ok(Math.abs((entries[0]?.time ?? 0) - Date.now() / 1000) < 600);
    });

    it('reads refs with symbolic targets and commits with parents', () => {
      const { repo: seed, origin } = newClone(folder.path, 'seed');
      const clone = join(folder.path, 'cloned');
      git(folder.path, 'clone', '-q', origin, clone);
      const refs = parseRefs(git(clone, 'for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)'));
      assert.deepEqual(refs, [
        { name: 'refs/heads/main', sha: sha(seed, 'HEAD') },
        { name: 'refs/remotes/origin/HEAD', sha: sha(seed, 'HEAD'), target: 'refs/remotes/origin/main' },
        { name: 'refs/remotes/origin/main', sha: sha(seed, 'HEAD') },
      ]);
      const commits = parseCommits(git(seed, 'log', '--format=%H%x00%P%x00%ct%x00%s'));
      assert.deepEqual(
        commits.map((c) => [c.sha, c.parents, c.subject]),
        [[sha(seed, 'HEAD'), [], 'Initial commit']],
      );
      assert.deepEqual(parseCommits(''), []);
      assert.deepEqual(parseReflog('garbage\nmore'), []);
    });
  });

  describe('readRecoveryFacts', () => {
    it('holds what only the reflog keeps, and what only HEAD holds', async () => {
      const { repo } = newClone(folder.path, 'read');
      const ahead = commit(repo, 'a.txt', 'a\n', 'Ahead');
      const lost = commit(repo, 'b.txt', 'b\n', 'Lost');
      git(repo, 'reset', '-q', '--hard', 'HEAD~1');
      const read = await facts(repo);
      assert.deepEqual([...read.reflogOnly.keys()], [lost]);
      assert.deepEqual(
        read.headOnly.map((c) => c.sha),
        [ahead],
      );
      assert.equal(read.headPublished, false);
      assert.deepEqual(
        read.headReflog.map((e) => e.message.split(':')[0]),
        ['reset', 'commit', 'commit', 'commit (initial)'],
      );
      assert.ok(read.headReflog.length <= REFLOG_DEPTH);
      git(repo, 'push', '-q', 'origin', 'main');
      assert.equal((await facts(repo)).headPublished, true);
    });
  });

  describe('queries', () => {
    const commitAt = (sha: string, parents: string[], time: number) => ({ sha, parents, time, subject: sha });
    const base = (refs: RecoveryFacts['refs'], extra: Partial<RecoveryFacts> = {}): RecoveryFacts => ({
      now: 0,
      gitDir: '/x/.git',
      status: { branch: 'main', head: 'h', upstream: 'origin/main', upstreamExists: true, ahead: 0, behind: 0, changes: [], conflicts: [] },
      inProgress: undefined,
      refs,
      headReflog: [],
      refReflogs: new Map(),
      reflogOnly: new Map(),
      headOnly: [],
      headPublished: false,
      ...extra,
    });

    it('walks reflog-only commits from a tip and knows what lies just below them', () => {
      const lost = new Map([
        ['c', commitAt('c', ['b'], 3)],
        ['b', commitAt('b', ['a'], 2)],
        ['x', commitAt('x', ['a'], 9)],
      ]);
      const f = base([], { reflogOnly: lost });
      assert.deepEqual(
        reflogOnlyFrom(f, 'c').map((c) => c.sha),
        ['c', 'b'],
      );
      assert.deepEqual(reflogOnlyFrom(f, 'a'), []);
      assert.equal(isBelowReflogOnly(f, 'a', 'c'), true);
      assert.equal(isBelowReflogOnly(f, 'b', 'x'), false);
    });

    it('finds a free branch name, counting names that would nest as taken', () => {
      const f = base([
        { name: 'refs/heads/spike/one', sha: 'a' },
        { name: 'refs/heads/fix', sha: 'a' },
        { name: 'refs/heads/fix-2', sha: 'a' },
      ]);
      assert.equal(freeBranchName(f, 'new'), 'new');
      assert.equal(freeBranchName(f, 'fix'), 'fix-3');
      assert.equal(freeBranchName(f, 'spike', '-restored'), 'spike-restored');
      assert.equal(freeBranchName(f, 'fix/deeper'), 'fix-deeper');
      assert.equal(freeBranchName(f, 'spike/one/two'), 'spike-one-two');
    });

    it('takes the default branch from the remote HEAD, else from the usual names', () => {
      const withRemoteHead = base([{ name: 'refs/remotes/origin/HEAD', sha: 'a', target: 'refs/remotes/origin/develop' }]);
      assert.equal(isDefaultBranch(withRemoteHead, 'main'), false);
      assert.equal(isDefaultBranch({ ...withRemoteHead, status: { ...withRemoteHead.status, upstream: 'origin/develop' } }, 'develop'), true);
      assert.equal(isDefaultBranch(base([]), 'master'), true);
      assert.equal(isDefaultBranch(base([]), 'feature'), false);
    });
  });

  describe('words', () => {
    it('says when in plain words', () => {
      const now = 1_800_000_000;
      assert.equal(timeAgo(now - 10, now), 'just now');
      assert.equal(timeAgo(now + 100, now), 'just now');
      assert.equal(timeAgo(now - 5 * 60, now), '5 minutes ago');
      assert.equal(timeAgo(now - 2 * 3600, now), '2 hours ago');
      assert.equal(timeAgo(now - 30 * 3600, now), 'yesterday');
      assert.equal(timeAgo(now - 3 * 86400, now), '3 days ago');
      assert.equal(timeAgo(now - 90 * 86400, now), '3 months ago');
      assert.equal(timeAgo(now - 800 * 86400, now), '2 years ago');
    });

    it('lists and slugs', () => {
      assert.equal(listWords(['a']), 'a');
      assert.equal(listWords(['a', 'b', 'c']), 'a, b and c');
      assert.equal(listWords(['a', 'b', 'c', 'd', 'e']), 'a, b, c and 2 more');
      assert.equal(slugify('Add search endpoint'), 'add-search-endpoint');
      assert.equal(slugify('Ünïcödé <b>bold</b> & more!'), 'unicode-bold-more');
      assert.equal(slugify('日本語'), '');
      assert.equal(slugify('a'.repeat(60)), 'a'.repeat(40));
      assert.equal(slugify('Refactor the very long and winding configuration loader module'), 'refactor-the-very-long-and-winding');
    });
  });
});
