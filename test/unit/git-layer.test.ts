import { strict as assert } from 'node:assert';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitCodeFor } from '../../src/cli/main';
import { ShipshapeError } from '../../src/core/errors';
import { createGit } from '../../src/core/git/git';
import { GitError, classifyGitFailure, keyLine } from '../../src/core/git/git-error';
import type { Logger } from '../../src/core/logger';
import { git, initRepo } from '../support/git';
import { tempFolder } from '../support/temp';

describe('the git layer (src/core/git)', function () {
  this.timeout(20_000);
  const folder = tempFolder('shipshape-git-layer-');
  after(folder.remove);
  const repo = join(folder.path, 'repo');

  before(() => {
    git(folder.path, 'init', '-q', '-b', 'main', repo);
    initRepo(repo);
  });

  describe('errors', () => {
    it("reads git's words into codes", () => {
      assert.equal(classifyGitFailure('fatal: not a git repository (or any of the parent directories): .git'), 'NotAGitRepository');
      assert.equal(classifyGitFailure("fatal: ambiguous argument 'nope': unknown revision or path not in the working tree."), 'BadRevision');
      assert.equal(classifyGitFailure("fatal: Unable to create '/r/.git/index.lock': File exists."), 'RepositoryIsLocked');
      assert.equal(classifyGitFailure("fatal: detected dubious ownership in repository at '/r'"), 'DubiousOwnership');
      assert.equal(classifyGitFailure('Author identity unknown\n\n*** Please tell me who you are.'), 'NoUserIdentity');
      assert.equal(classifyGitFailure("fatal: your current branch 'main' does not have any commits yet"), 'NoCommits');
      assert.equal(classifyGitFailure('something else entirely'), 'Unknown');
    });

    it('shows the line that matters and keeps everything for the log', () => {
      assert.equal(keyLine('hint: one\nerror: the real reason\nhint: two\n'), 'error: the real reason');
      // The names git lists under a line ending in ':' are what the user must act on.
      const overwritten =
        'error: Your local changes to the following files would be overwritten by merge:\n\ta.txt\n\tsub dir/b.txt\nPlease commit your changes or stash them before you merge.\nAborting\n';
      assert.equal(keyLine(overwritten), 'error: Your local changes to the following files would be overwritten by merge: a.txt, sub dir/b.txt');
      const many = `error: The following untracked working tree files would be overwritten by checkout:\n${[1, 2, 3, 4, 5, 6, 7].map((n) => `\tf${n}`).join('\n')}\nAborting\n`;
      assert.equal(keyLine(many), 'error: The following untracked working tree files would be overwritten by checkout: f1, f2, f3, f4, f5 (and 2 more)');
      const error = new GitError({ gitCode: 'Unknown', args: ['merge', 'x'], dir: '/r', exitCode: 128, stderr: 'hint: a\nfatal: bad thing\nmore\n' });
      assert.equal(error.message, 'Git failed: fatal: bad thing');
      assert.equal(error.code, 'git-failed');
      assert.match(error.details, /^git merge x \(in \/r\) exited 128: hint: a\nfatal: bad thing\nmore$/);
    });

    it('makes dubious ownership an environment problem for the CLI (exit 2), a failed command exit 1', () => {
      assert.equal(
        exitCodeFor(new GitError({ gitCode: 'DubiousOwnership', args: ['status'], dir: '/r', exitCode: 128, stderr: 'fatal: detected dubious ownership' })),
        2,
      );
      assert.equal(exitCodeFor(new GitError({ gitCode: 'Unknown', args: ['status'], dir: '/r', exitCode: 1, stderr: 'error: x' })), 1);
    });
  });

  describe('running git', () => {
    it('gives stdout exactly, bytes as bytes, and writes standard input', async () => {
      const g = createGit(repo);
      assert.equal(await g.raw(['rev-parse', '--abbrev-ref', 'HEAD']), 'main\n');
      const blob = (await g.raw(['hash-object', '-w', '--stdin'], { input: Buffer.from([0xff, 0x00, 0xfe]) })).trim();
      assert.deepEqual([...(await g.bytes(['cat-file', 'blob', blob]))], [0xff, 0x00, 0xfe]);
    });

    it('treats every failing exit as an error, unless it is an answer or output came with it', async () => {
      const g = createGit(repo);
      writeFileSync(join(repo, 'README.md'), 'changed\n');
      await assert.rejects(g.raw(['diff', '--quiet']), (error: unknown) => error instanceof GitError && error.exitCode === 1);
      assert.equal(await g.raw(['diff', '--quiet'], { okExitCodes: [1] }), '');
      assert.equal(await g.tryRaw(['rev-parse', '--verify', '-q', 'nope']), undefined);
      git(repo, 'checkout', '-q', '--', 'README.md');
    });

    it('cancels with an AbortSignal: code "cancelled", the process stopped', async () => {
      const slow = join(folder.path, 'slow-git');
      writeFileSync(slow, '#!/bin/sh\nsleep 30\n');
      chmodSync(slow, 0o755);
      const controller = new AbortController();
      const started = Date.now();
      const running = createGit(repo, { binary: slow, signal: controller.signal }).raw(['status']);
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(running, (error: unknown) => error instanceof ShipshapeError && error.code === 'cancelled');
      assert.ok(Date.now() - started < 10_000, 'the process was not left to finish');
    });

    it('says what is wrong with the binary or the folder, and runs paths with spaces and quotes as they are', async () => {
      await assert.rejects(
        createGit(repo, { binary: join(folder.path, 'no-such-git') }).raw(['status']),
        (error: unknown) => error instanceof ShipshapeError && error.code === 'git-missing',
      );
      await assert.rejects(
        createGit(join(folder.path, 'missing')).raw(['status']),
        (error: unknown) => error instanceof ShipshapeError && error.code === 'not-a-repository' && /does not exist/.test(error.message),
      );
      const odd = join(folder.path, `it's a "git"`);
      writeFileSync(odd, '#!/bin/sh\nexec git "$@"\n');
      chmodSync(odd, 0o755);
      assert.equal(await createGit(repo, { binary: odd }).raw(['rev-parse', '--abbrev-ref', 'HEAD']), 'main\n');
    });

    it('logs every call at debug level with its duration', async () => {
      const lines: string[] = [];
      const logger: Logger = {
        trace: () => undefined,
        debug: (message) => lines.push(message),
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      };
      await createGit(repo, { logger }).raw(['rev-parse', 'HEAD']);
      assert.equal(lines.length, 1);
      assert.match(lines[0] ?? '', /^git rev-parse HEAD → exit 0 in \d+ ms$/);
    });
  });
});
