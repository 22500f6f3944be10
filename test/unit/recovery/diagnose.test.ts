import { strict as assert } from 'node:assert';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../../src/core/recovery/diagnose';
import { ShipshapeError } from '../../../src/core/errors';
import type { Situation } from '../../../src/core/recovery/model';
import { commit, git, sha, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';
import { NOW, failingGit, stepsOf } from './helpers';
import { makeLargeRepo } from './large-repo';
import { newClone, newRepo } from '../../support/repos';

/** A one-line ShipshapeError with this code. */
function shipshapeError(code: string, message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof ShipshapeError, `expected a ShipshapeError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  };
}

const summary = (situations: readonly Situation[]) => situations.map((s) => `${s.kind}: ${s.title}`);

describe('diagnose', () => {
  const folder = tempFolder('shipshape diagnose ');
  // The counting git wrapper is a shell script: it lives where its path needs no quoting.
  const plainFolder = tempFolder();
  after(folder.remove);
  after(plainFolder.remove);

  describe('on the demo workspace', () => {
    let workspace = '';
    before(async () => {
      const { createDemoWorkspace } = await import('../../../scripts/lib/demo-workspace.mjs');
      workspace = createDemoWorkspace(join(folder.path)).workspace;
    });

    it('finds the commits on the wrong branch first, then the deleted branch', async () => {
      const situations = await diagnose(workspace, { now: Date.UTC(2026, 10, 22, 12) });
      assert.deepEqual(summary(situations), [
        'wrong-branch: 2 commits on main belong on a branch',
        'deleted-branch: Deleted branch experiment/cache had 1 commit on no other branch',
      ]);
      const [wrong, deleted] = situations as [Situation, Situation];
      assert.ok(wrong.likelihood > deleted.likelihood);
      assert.match(
        wrong.explanation,
        /^You made 2 commits on main that are not on origin\/main \(the last one 2 days ago\)\. They look like feature work: "Add search endpoint" and "Add search tests"\./,
      );
      assert.deepEqual(stepsOf(wrong.fixes[0]), [
        ['branch', 'add-search-endpoint', sha(workspace, 'main')],
        ['reset', '--keep', sha(workspace, 'origin/main')],
      ]);
      assert.deepEqual(stepsOf(deleted.fixes[0])[0]?.slice(0, 2), ['branch', 'experiment/cache']);
      assert.match(deleted.explanation, /You last left it 10 days ago, and its 1 commit is on no other branch: "Try an in-memory cache"/);
    });

    it('gives the same ids on every run while the repository is unchanged, and new ones after a change', async () => {
      const first = await diagnose(workspace, { now: NOW });
      const second = await diagnose(workspace, { now: NOW + 86_400_000 });
      const ids = (situations: readonly Situation[]) => situations.map((s) => [s.id, ...s.fixes.map((fix) => fix.id)]);
      assert.deepEqual(ids(second), ids(first));
      assert.equal(new Set(ids(first).flat()).size, ids(first).flat().length, 'ids are distinct');

      commit(workspace, 'src/more.js', 'more\n', 'Add more');
      const after = await diagnose(workspace, { now: NOW });
      assert.notEqual(after[0]?.id, first[0]?.id);
      assert.equal(after[1]?.id, first[1]?.id, 'the deleted branch did not change');
      git(workspace, 'reset', '-q', '--keep', 'HEAD~1');
    });

    it('makes a handful of git calls, all of them reads', async () => {
      const log = join(plainFolder.path, 'calls.log');
      const counter = join(plainFolder.path, 'counting-git');
      writeFileSync(counter, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec git "$@"\n`);
      chmodSync(counter, 0o755);
      writeFileSync(log, '');
      await diagnose(workspace, { binary: counter, now: NOW });
      const calls = readFileSync(log, 'utf8').trim().split('\n');
      assert.ok(calls.length <= 8, `${calls.length} git calls:\n${calls.join('\n')}`);
      for (const call of calls) assert.match(call, /^(rev-parse|status|for-each-ref|log|rev-list) /);
    });
  });

  it('stays fast on 5,000 commits and 300 reflog entries', async function () {
    this.timeout(60_000);
    const repo = join(folder.path, 'large');
    makeLargeRepo(repo, 5000, 300);
    await diagnose(repo); // warm the file cache
    const started = performance.now();
    const situations = await diagnose(repo, { now: NOW });
    const elapsed = performance.now() - started;
    assert.deepEqual(
      situations.map((s) => s.kind),
      ['wrong-branch', 'lost-commits', 'deleted-branch'],
    );
    assert.equal(situations[0]?.title, '10 commits on main belong on a branch');
    assert.equal(situations[1]?.title, 'A reset left 3 commits on no branch');
    assert.ok(elapsed < 1000, `diagnose took ${elapsed.toFixed(0)} ms`);
  });

  describe('bad input', () => {
    it('says so when the folder is not a repository, does not exist, or is a file', async () => {
      const plain = join(folder.path, 'plain');
      writeFile(plain, 'file.txt', 'x\n');
      await assert.rejects(diagnose(plain), shipshapeError('not-a-repository', /not inside a Git repository/));
      await assert.rejects(diagnose(join(folder.path, 'missing')), shipshapeError('not-a-repository', /does not exist/));
      await assert.rejects(diagnose(join(plain, 'file.txt')), shipshapeError('not-a-repository', /not a folder/));
    });

    it('says so for a bare repository and for the .git folder itself', async () => {
      const bare = join(folder.path, 'bare.git');
      git(folder.path, 'init', '-q', '--bare', bare);
      await assert.rejects(diagnose(bare), shipshapeError('not-a-repository', /has no working tree/));
      const repo = newRepo(folder.path, 'with-git-dir');
      await assert.rejects(diagnose(join(repo, '.git')), shipshapeError('not-a-repository', /has no working tree/));
    });

    it('finds nothing, without failing, before the first commit', async () => {
      const empty = join(folder.path, 'empty');
      git(folder.path, 'init', '-q', '-b', 'main', empty);
      writeFile(empty, 'draft.txt', 'x\n');
      assert.deepEqual(await diagnose(empty), []);
    });

    it('says clearly when git cannot be started, or the diagnosis was cancelled', async () => {
      const repo = newRepo(folder.path, 'no-git');
      await assert.rejects(diagnose(repo, { binary: '/nonexistent/git' }), shipshapeError('git-missing', /Git could not be started/));
      // No shell runs git: a path with spaces (and quotes) is just a path.
      const wrapper = join(folder.path, "my 'git'");
      writeFileSync(wrapper, '#!/bin/sh\nexec git "$@"\n');
      chmodSync(wrapper, 0o755);
      assert.deepEqual(await diagnose(repo, { binary: wrapper }), []);
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(diagnose(repo, { signal: controller.signal }), shipshapeError('cancelled', /cancelled/));
    });

    it('handles a detached HEAD with nothing to report', async () => {
      const repo = newRepo(folder.path, 'detached');
      commit(repo, 'a.txt', 'a\n', 'Second');
      git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
      assert.deepEqual(await diagnose(repo), []);
    });

    it('keeps HTML in branch names and commit messages as plain text', async () => {
      const repo = newRepo(folder.path, 'html');
      const branch = 'feature/<b>bold</b>&"quoted"';
      git(repo, 'checkout', '-q', '-b', branch);
      const tip = commit(repo, 'x.txt', 'x\n', '<img src=x onerror="alert(1)"> & <script>');
      git(repo, 'checkout', '-q', 'main');
      git(repo, 'branch', '-q', '-D', branch);
      const [situation] = await diagnose(repo, { now: NOW });
      assert.equal(situation?.title, `Deleted branch ${branch} had 1 commit on no other branch`);
      assert.match(situation?.explanation ?? '', /"<img src=x onerror="alert\(1\)"> & <script>"/);
      assert.deepEqual(stepsOf(situation?.fixes[0]), [['branch', branch, tip]]);
    });

    it('reads the same under a German locale in the caller environment', async () => {
      const repo = newRepo(folder.path, 'locale');
      commit(repo, 'a.txt', 'a\n', 'Lost');
      git(repo, 'reset', '-q', '--hard', 'HEAD~1');
      const plain = await diagnose(repo, { now: NOW });
      const saved = { LANG: process.env.LANG, LANGUAGE: process.env.LANGUAGE, LC_ALL: process.env.LC_ALL };
      Object.assign(process.env, { LANG: 'de_DE.UTF-8', LANGUAGE: 'de', LC_ALL: 'de_DE.UTF-8' });
      try {
        assert.deepEqual(await diagnose(repo, { now: NOW }), plain);
      } finally {
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
      assert.deepEqual(summary(plain), ['lost-commits: A reset left 1 commit on no branch']);
    });

    it('puts a commit holding a secret before every other situation, the wrong branch it is on included', async () => {
      const { repo } = newClone(folder.path, 'secret first');
      const key = ['AKIA', 'Z7QW3RT5YU8IOP2L'].join(''); // built from parts: nothing here for a scanner
      commit(repo, 'config.js', `module.exports = { key: "${key}" };\n`, 'Add search config');
      const found = await diagnose(repo, { now: NOW, unpushed: true });
      assert.deepEqual(
        found.map((situation) => situation.kind),
        ['risky-commit', 'wrong-branch'],
      );
    });

    it('puts a rebase in progress first and does not call its replayed commits strays', async () => {
      const { repo } = newClone(folder.path, 'mid-rebase');
      git(repo, 'checkout', '-q', '-b', 'topic');
      commit(repo, 't.txt', 't\n', 'Topic file');
      commit(repo, 'README.md', 'topic\n', 'Topic edit');
      git(repo, 'checkout', '-q', 'main');
      commit(repo, 'README.md', 'main\n', 'Main edit');
      git(repo, 'checkout', '-q', 'topic');
      failingGit(repo, 'rebase', 'main');
      assert.match(git(repo, 'log', '-1', '--format=%s'), /^Topic file/, 'one commit replayed before the conflict');
      const situations = await diagnose(repo, { now: NOW });
      assert.deepEqual(summary(situations), ['in-progress: A rebase of topic is in progress (1 conflicted file)']);
    });

    it('refuses to revert a pushed merge while a cherry-pick is in progress', async () => {
      const { repo } = newClone(folder.path, 'busy');
      git(repo, 'checkout', '-q', '-b', 'other');
      commit(repo, 'README.md', 'other\n', 'Other edit');
      git(repo, 'checkout', '-q', '-b', 'topic', 'main');
      commit(repo, 'README.md', 'topic\n', 'Topic edit');
      git(repo, 'checkout', '-q', 'main');
      git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'topic');
      git(repo, 'push', '-q', 'origin', 'main');
      failingGit(repo, 'cherry-pick', 'other');
      const situations = await diagnose(repo, { now: NOW });
      assert.deepEqual(summary(situations), ['in-progress: A cherry-pick is in progress (1 conflicted file)', 'merge: topic was merged into main']);
      assert.equal(situations[0]?.fixes[0]?.refusal, undefined);
      assert.deepEqual(stepsOf(situations[1]?.fixes[0])[0]?.slice(0, 4), ['revert', '--no-edit', '-m', '1']);
      assert.equal(situations[1]?.fixes[0]?.refusal, 'A cherry-pick is in progress: finish or abort it first.');
    });
  });
});
