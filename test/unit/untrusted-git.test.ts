import { strict as assert } from 'node:assert';
import { ShipshapeError } from '../../src/core/errors';
import { createGit } from '../../src/core/git/git';
import { filterDriverOverrides, hardenArguments, untrustedRefusal } from '../../src/core/git/untrusted';
import { showCommits } from '../../src/core/recovery/commit-actions';
import { diagnose, diagnoseWithFacts } from '../../src/core/recovery/diagnose';
import { listDeletedFiles } from '../../src/core/recovery/intents';
import { recentActionsFromFacts } from '../../src/core/recovery/recent-actions';
import { listRecentCommits } from '../../src/core/recovery/recent-commits';
import { readRepoSummary } from '../../src/core/recovery/repo-summary';
import { listSnapshots } from '../../src/core/recovery/safety';
import { changedFiles, readFileAt, readRepositoryState, uncommittedChanges } from '../../src/core/runs/run-git';
import { makeMaliciousRepo, type MaliciousRepo } from '../support/malicious-repo';
import { tempFolder } from '../support/temp';

/** Every read-only entry point the editor and the CLI use in an untrusted workspace. */
const READ_PATHS: ReadonlyArray<readonly [string, (repo: string, options: { untrusted: boolean }) => Promise<unknown>]> = [
  ['repository summary', (repo, options) => readRepoSummary(repo, options)],
  ['fast pass', (repo, options) => diagnose(repo, options)],
  ['recent actions', async (repo, options) => recentActionsFromFacts((await diagnoseWithFacts(repo, options)).facts)],
  ['deep scan', (repo, options) => diagnose(repo, { ...options, deep: true })],
  ['deleted files', (repo, options) => listDeletedFiles(repo, options)],
  ['recent commits', (repo, options) => listRecentCommits(repo, 30, options)],
  ['snapshots', (repo, options) => listSnapshots(repo, options)],
  ['show commits', async (repo, options) => showCommits(repo, [(await readRepositoryState(repo, options)).sha], options)],
  ['planning: repository state', (repo, options) => readRepositoryState(repo, options)],
  ['planning: changed files', (repo, options) => changedFiles(repo, true, options)],
  ['planning: uncommitted changes', (repo, options) => uncommittedChanges(repo, options)],
  ['planning: a file at a commit', async (repo, options) => readFileAt(repo, (await readRepositoryState(repo, options)).sha, 'notes.txt', options)],
];

describe('untrusted workspaces: git runs no program the repository configures', () => {
  describe('the rules', () => {
    it('lets reading subcommands through and refuses the rest, naming why', () => {
      for (const args of [
        ['status', '--porcelain=v2'],
        ['log', '-g', 'HEAD'],
        ['config', 'user.name'],
        ['config', '-z', '--name-only', '--list'],
        ['config', '--get-regexp', '^filter\\.'],
        ['stash', 'list'],
        ['reflog'],
        ['remote', 'get-url', 'origin'],
        ['symbolic-ref', '-q', 'HEAD'],
        ['hash-object', '--stdin-paths'],
        ['cat-file', '--batch'],
      ])
        assert.equal(untrustedRefusal(args), undefined, args.join(' '));
      for (const args of [
        ['commit', '-m', 'x'],
        ['checkout', 'main'],
        ['reset', '--hard'],
        ['fetch'],
        ['ls-remote', 'origin'],
        ['stash'],
        ['stash', 'push'],
        ['reflog', 'expire', '--all'],
        ['config', 'user.name', 'Mallory'],
        ['config', '--edit'],
        ['config', '--add', 'a.b', 'c'],
        ['remote', 'add', 'x', 'y'],
        ['symbolic-ref', 'HEAD', 'refs/heads/x'],
        ['hash-object', '-w', 'file'],
        ['cat-file', '--textconv', 'HEAD:a'],
        ['cat-file', '--filters', 'HEAD:a'],
        ['diff', '--ext-diff'],
        ['log', '--show-signature'],
        ['log', '--format=%H %G?'],
        ['grep', '-O', 'x'],
        ['fsck', '--lost-found'],
        ['worktree', 'add', '/tmp/x'],
      ])
        assert.match(untrustedRefusal(args) ?? 'allowed', /can|may only|writes/, args.join(' '));
    });

    it('adds the flags that keep diff drivers, textconv and submodules out', () => {
      assert.deepEqual(hardenArguments(['diff', '--name-only', 'a', 'b']), [
        'diff',
        '--no-ext-diff',
        '--no-textconv',
        '--ignore-submodules=all',
        '--name-only',
        'a',
        'b',
      ]);
      assert.deepEqual(hardenArguments(['show', '--stat', 'HEAD']), ['show', '--no-ext-diff', '--no-textconv', '--stat', 'HEAD']);
      assert.deepEqual(hardenArguments(['status', '-z']), ['status', '--ignore-submodules=all', '-z']);
      assert.deepEqual(hardenArguments(['stash', 'show', '-p']), ['stash', 'show', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all', '-p']);
      assert.deepEqual(hardenArguments(['rev-parse', 'HEAD']), ['rev-parse', 'HEAD']);
    });

    it('switches off every filter driver the configuration names, and refuses names -c cannot carry', () => {
      assert.deepEqual(filterDriverOverrides(['core.bare', 'filter.lfs.clean', 'filter.lfs.smudge', 'filter.My.Dotted.Name.process', 'diff.x.textconv']), [
        'filter.My.Dotted.Name.clean=',
        'filter.My.Dotted.Name.smudge=',
        'filter.My.Dotted.Name.process=',
        'filter.My.Dotted.Name.required=false',
        'filter.lfs.clean=',
        'filter.lfs.smudge=',
        'filter.lfs.process=',
        'filter.lfs.required=false',
      ]);
      assert.throws(() => filterDriverOverrides(['filter.a=b.clean']), /cannot be overridden safely/);
    });
  });

  describe('on a repository armed with every vector', function () {
    this.timeout(30_000);
    // No space in this folder: git runs some of the programs through a shell, unquoted. The repository's own name has one.
    const folder = tempFolder('shipshape-untrusted-');
    after(folder.remove);
    let count = 0;
    const fresh = (): MaliciousRepo => makeMaliciousRepo(`${folder.path}/${count++}`);

    it('trusted, git does what it normally does: the fixture is armed', async () => {
      const evil = fresh();
      // The fake programs do not speak git's protocols (the process filter), so some reads fail: what matters is that they ran.
      for (const [, read] of READ_PATHS) await read(evil.repo, { untrusted: false }).catch(() => undefined);
      // Reads run fsmonitor, both filters (status re-reads the touched files), textconv (show --stat) and gpg (log.showSignature).
      assert.deepEqual(evil.fired(), ['filter-clean', 'filter-process', 'fsmonitor', 'gpg', 'textconv']);
      const git = createGit(evil.repo);
      for (const args of [
        ['diff', 'HEAD~1', 'HEAD'],
        ['update-ref', 'refs/heads/hooked', 'HEAD'],
        ['ls-remote', 'origin'],
      ])
        await git.tryRaw(args);
      assert.deepEqual(evil.fired(), ['diff-command', 'diff-external', 'filter-clean', 'filter-process', 'fsmonitor', 'gpg', 'hook', 'ssh', 'textconv']);
    });

    for (const [name, read] of READ_PATHS) {
      it(`untrusted, ${name} works and runs nothing`, async () => {
        const evil = fresh();
        await read(evil.repo, { untrusted: true });
        assert.deepEqual(evil.fired(), []);
      });
    }

    it('untrusted, the reads still find what there is to find', async () => {
      const evil = fresh();
      const options = { untrusted: true };
      const summary = await readRepoSummary(evil.repo, options);
      assert.equal(summary.branch, 'main');
      assert.deepEqual(
        (await listDeletedFiles(evil.repo, options)).map((file) => file.path),
        ['gone.md'],
      );
      assert.match(await showCommits(evil.repo, [summary.head?.sha ?? ''], options), /Change data, delete gone\.md/);
      const kinds = (await diagnose(evil.repo, { ...options, deep: true })).map((situation) => situation.kind);
      assert.ok(kinds.includes('dropped-stash'), kinds.join(', '));
      assert.deepEqual(evil.fired(), []);
    });

    it('untrusted, a porcelain diff runs no diff driver, and writes and transports are refused before git starts', async () => {
      const evil = fresh();
      const git = createGit(evil.repo, { untrusted: true });
      assert.match(await git.raw(['diff', 'HEAD~1', 'HEAD']), /evil, changed/);
      for (const args of [
        ['commit', '--allow-empty', '-m', 'x'],
        ['checkout', '-q', 'HEAD~1'],
        ['ls-remote', 'origin'],
        ['fetch', 'origin'],
      ]) {
        await assert.rejects(
          git.raw(args),
          (error: unknown) => error instanceof ShipshapeError && error.code === 'untrusted' && /Not run in an untrusted workspace/.test(error.message),
        );
      }
      assert.deepEqual(evil.fired(), []);
    });
  });
});
