import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShipshapeError } from '../../../../src/core/errors';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { FSCK_ARGS } from '../../../../src/core/recovery/deep/read-deep-facts';
import type { Situation } from '../../../../src/core/recovery/model';
import { git, sha } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { NOW, apply, stepsOf } from '../helpers';
import { makeLargeRepo } from '../large-repo';

const summary = (situations: readonly Situation[]) => situations.map((s) => `${s.kind}: ${s.title}`);
const ids = (situations: readonly Situation[]) => situations.map((s) => [s.id, ...s.fixes.map((fix) => fix.id)]);

function cancelled(error: unknown): boolean {
  assert.ok(error instanceof ShipshapeError, `expected a ShipshapeError, got ${String(error)}`);
  assert.equal(error.code, 'cancelled');
  assert.match(error.message, /cancelled/);
  return true;
}

describe('diagnose with the deep pass', () => {
  const folder = tempFolder('shipshape deep ');
  // The counting git wrapper is a shell script: it lives where its path needs no quoting.
  const plainFolder = tempFolder();
  after(folder.remove);
  after(plainFolder.remove);
  let workspace = '';

  before(async () => {
    const { createDemoWorkspace } = await import('../../../../scripts/lib/demo-workspace.mjs');
    workspace = createDemoWorkspace(folder.path).workspace;
  });

  it("finds the demo workspace's dropped stash after the fast-pass situations, and stores it back", async () => {
    const fast = await diagnose(workspace, { now: Date.UTC(2026, 10, 22, 12) });
    const deep = await diagnose(workspace, { now: Date.UTC(2026, 10, 22, 12), deep: true });
    assert.deepEqual(summary(deep), [...summary(fast), 'dropped-stash: Dropped stash "WIP: pagination"']);
    assert.deepEqual(summary(fast), [
      'wrong-branch: 2 commits on main belong on a branch',
      'deleted-branch: Deleted branch experiment/cache had 1 commit on no other branch',
    ]);
    const stash = deep[2] as Situation;
    assert.match(stash.explanation, /^A stash you saved yesterday on main, "WIP: pagination", .* It holds 1 file \(src\/server\.js\)\./);
    const [, , , , stashSha = ''] = stepsOf(stash.fixes[0])[0] ?? [];
    assert.deepEqual(stepsOf(stash.fixes[0]), [['stash', 'store', '-m', 'recovered: On main: WIP: pagination', stashSha]]);

    assert.deepEqual(
      ids(await diagnose(workspace, { now: NOW, deep: true })),
      ids(await diagnose(workspace, { now: NOW + 86_400_000, deep: true })),
      'ids are stable',
    );

    apply(workspace, stash.fixes[0]!);
    assert.equal(sha(workspace, 'stash@{0}'), stashSha);
    const after = await diagnose(workspace, { now: NOW, deep: true });
    assert.deepEqual(
      after.map((s) => s.kind),
      ['wrong-branch', 'deleted-branch'],
    );
    assert.deepEqual(ids(after), ids(deep).slice(0, 2), 'the other situations kept their ids');
    git(workspace, 'stash', 'drop', '-q');
  });

  it('reports progress in order: started, fsck started, objects found, done', async () => {
    const calls: [string, number | undefined][] = [];
    await diagnose(workspace, { now: NOW, deep: true, onProgress: (message, fraction) => calls.push([message, fraction]) });
    const messages = calls.map(([message]) => message);
    assert.equal(messages[0], 'Reading the repository');
    assert.ok(messages.includes('Scanning every object for lost work (git fsck)'));
    assert.ok(messages.includes('Found 2 dangling commits and 0 dangling blobs'), messages.join('\n'));
    assert.equal(messages[messages.length - 1], 'Done: 3 situations');
    const fractions = calls.map(([, fraction]) => fraction ?? -1);
    assert.deepEqual(
      fractions,
      [...fractions].sort((a, b) => a - b),
      'fractions only grow',
    );
    assert.equal(fractions[fractions.length - 1], 1);

    const fastCalls: string[] = [];
    await diagnose(workspace, { now: NOW, onProgress: (message) => fastCalls.push(message) });
    assert.deepEqual(fastCalls, ['Reading the repository', 'Done']);
  });

  it('stops when cancelled: before it starts, and while fsck runs (the git process is killed)', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(diagnose(workspace, { deep: true, signal: controller.signal }), cancelled);

    // A git whose fsck takes 20 seconds: cancelling must not wait for it.
    const slowGit = join(plainFolder.path, 'slow-fsck-git');
    writeFileSync(slowGit, '#!/bin/sh\nif [ "$1" = fsck ]; then exec sleep 20; fi\nexec git "$@"\n');
    chmodSync(slowGit, 0o755);
    const scanning = new AbortController();
    const started = performance.now();
    const running = diagnose(workspace, {
      deep: true,
      binary: slowGit,
      signal: scanning.signal,
      onProgress: (message) => {
        if (message.includes('git fsck')) setTimeout(() => scanning.abort(), 50);
      },
    });
    await assert.rejects(running, cancelled);
    assert.ok(performance.now() - started < 5000, `cancelling took ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('stays quick on 5,000 commits; fsck is most of the cost', async function () {
    this.timeout(60_000);
    const repo = join(folder.path, 'large');
    makeLargeRepo(repo, 5000, 300);
    await diagnose(repo, { deep: true }); // warm the file cache
    const time = async (run: () => unknown) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const fsck = await time(() => execFileSync('git', [...FSCK_ARGS], { cwd: repo, stdio: 'ignore' }));
    const fast = await time(() => diagnose(repo, { now: NOW }));
    let situations: Situation[] = [];
    const deep = await time(async () => {
      situations = await diagnose(repo, { now: NOW, deep: true });
    });
    assert.deepEqual(
      situations.map((s) => s.kind),
      ['wrong-branch', 'lost-commits', 'deleted-branch'],
    );
    // Printed for the record: the figures in the report come from here.
    console.log(`      5,000 commits: git fsck alone ${fsck.toFixed(0)} ms, fast diagnose ${fast.toFixed(0)} ms, deep diagnose ${deep.toFixed(0)} ms`);
    assert.ok(deep < 2000, `deep diagnose took ${deep.toFixed(0)} ms`);
  });
});
