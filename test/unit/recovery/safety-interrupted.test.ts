import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { isShipshapeError } from '../../../src/core/errors';
import { lockHolderIsGone } from '../../../src/core/recovery/safety/journal';
import { applyFix, openRepository, readJournal, undoFix } from '../../../src/core/recovery/safety';
import { commit, git } from '../../support/git';
import { newRepo } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { KillSwitch } from './fault-support';
import { gitPath, planOf, repoState } from './safety-support';

const STEPS = [
  ['branch', 'topic'],
  ['reset', '--keep', 'HEAD~1'],
] as const;

/** Applies the fix in a process of its own whose git stops at the reset, then kills that process with SIGKILL. */
async function killMidFix(folder: string, repo: string): Promise<void> {
  const marker = join(folder, 'at-reset');
  rmSync(marker, { force: true });
  const stoppingGit = join(folder, 'stopping-git');
  // The wrapper lets every call through but the reset, where it says so and waits to be killed.
  writeFileSync(stoppingGit, `#!/bin/sh\nfor arg in "$@"; do [ "$arg" = reset ] && { echo $$ > '${marker}'; exec sleep 60; }; done\nexec git "$@"\n`);
  chmodSync(stoppingGit, 0o755);
  const script = join(folder, 'apply.ts');
  const safety = resolve(__dirname, '../../../src/core/recovery/safety');
  writeFileSync(
    script,
    `import { applyFix } from ${JSON.stringify(safety)};\nvoid applyFix(${JSON.stringify(repo)}, ${JSON.stringify(planOf('move commits', STEPS, { movesRefs: ['refs/heads/main', 'refs/heads/topic'] }))}, { binary: ${JSON.stringify(stoppingGit)} });\n`,
  );
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', script], { stdio: 'ignore' });
  for (let waited = 0; !existsSync(marker); waited += 50) {
    if (waited > 20_000) throw new Error('the fix never reached its second step');
    await new Promise((done) => setTimeout(done, 50));
  }
  child.kill('SIGKILL');
  await new Promise((done) => child.once('exit', done));
  process.kill(Number(readFileSync(marker, 'utf8')), 'SIGKILL'); // the git it had started
}

describe('a fix killed half way is found and rolled back', function () {
  this.timeout(60_000);
  const folder = tempFolder('shipshape-interrupted-');
  after(folder.remove);
  let count = 0;
  const fresh = (): string => {
    const repo = newRepo(folder.path, `killed ${(count += 1)}`);
    commit(repo, 'a.txt', 'a1\n');
    commit(repo, 'a.txt', 'a2\n');
    return repo;
  };

  it('leaves a journal entry and a lock naming a gone process; the next undo takes the lock over and rolls it back', async () => {
    const repo = fresh();
    const before = repoState(repo);
    await killMidFix(folder.path, repo);
    assert.equal(git(repo, 'branch', '--list', 'topic').trim().length > 0, true, 'the first step ran');
    assert.ok(existsSync(gitPath(repo, 'shipshape/lock')), 'the killed process left its lock');
    const journal = await readJournal(await openRepository(repo));
    assert.deepEqual(
      journal.map((entry) => [entry.title, entry.status]),
      [['move commits', 'applying']],
    );

    // Another fix is refused until the interrupted one is rolled back.
    await assert.rejects(
      applyFix(repo, planOf('other', [['branch', 'other']])),
      (error: unknown) => isShipshapeError(error) && error.code === 'fix-refused' && /was interrupted/.test(error.message),
    );

    const rolled = await undoFix(repo);
    assert.equal(rolled.undone.status, 'rolled-back');
    assert.deepEqual(repoState(repo), before);
    assert.equal(git(repo, 'branch', '--list', 'topic').trim(), '');
    assert.equal(existsSync(gitPath(repo, 'shipshape/lock')), false);
    // Even the roll-back can be undone: the half-applied state comes back.
    await undoFix(repo);
    assert.notEqual(git(repo, 'branch', '--list', 'topic').trim(), '');
  });

  it('doctor says a fix was interrupted and how to roll it back', async () => {
    const repo = fresh();
    await killMidFix(folder.path, repo);
    let out = '';
    assert.equal(await runCli(['doctor'], { cwd: repo, env: {}, out: (text) => (out += text), err: () => undefined }), 0);
    assert.match(out, /"move commits" was interrupted before it finished.*shipshape fix --undo --yes/s);
  });

  it('an undo killed half way (refs back, files not yet) is rolled back by the next undo; then the fix undoes', async () => {
    const repo = fresh();
    writeFileSync(join(repo, 'staged.txt'), 'staged\n');
    git(repo, 'add', 'staged.txt');
    writeFileSync(join(repo, 'notes.txt'), 'untracked\n');
    const before = repoState(repo);
    const applied = await applyFix(repo, planOf('move commits', STEPS, { movesRefs: ['refs/heads/main', 'refs/heads/topic'] }));
    const fixed = repoState(repo);
    // Killed after the undo put the refs back, before it wrote a file.
    const killed = await new KillSwitch((args) => args[0] === 'checkout-index').run(repo, (options) => undoFix(repo, undefined, options));
    assert.equal(killed.outcome, 'killed');
    assert.notDeepEqual(repoState(repo), fixed, 'the undo was stopped half way');

    let out = '';
    assert.equal(await runCli(['fix', '--undo', '--yes'], { cwd: repo, env: {}, out: (text) => (out += text), err: () => undefined }), 0);
    assert.match(out, /Rolled back the interrupted "Undo: move commits".*"move commits" is applied again; to undo it: shipshape fix --undo (\S+) --yes/s);
    assert.equal(/fix --undo (\S+) --yes/.exec(out)?.[1], applied.snapshotId);
    assert.deepEqual(repoState(repo), fixed, 'back to the fix, as before the undo');
    await undoFix(repo, applied.snapshotId);
    assert.deepEqual(repoState(repo), before);
  });

  it('knows a live holder from a gone one', () => {
    const host = hostname();
    assert.equal(lockHolderIsGone(`${process.pid} ${host}\n`, 60_000_000), false);
    assert.equal(
      lockHolderIsGone(`999999999 ${host}\n`, 0, () => false),
      true,
    );
    assert.equal(lockHolderIsGone('123 another-machine\n', 1000), false);
    assert.equal(lockHolderIsGone('', 1000), false);
    assert.equal(lockHolderIsGone('', 60_000), true);
  });
});
