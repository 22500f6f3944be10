import { strict as assert } from 'node:assert';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, undoFix, SAFETY_ERROR_CODES } from '../../../src/core/recovery/safety';
import { isShipshapeError } from '../../../src/core/errors';
import { commit, git, writeFile } from '../../support/git';
import { emptyRepoWithIdentity } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { missingObjects, planOf, reachableObjects, repoState } from './safety-support';
import { seeded, type Random } from '../../support/random';

const NAMES = ['a.txt', 'dir/b.txt', 'sp ace.txt', 'ünï.txt', '<b>x</b>.md', 'tool.sh', 'deep/er/c.txt'];
const CASES = Number(process.env.SHIPSHAPE_ROUNDTRIP_CASES ?? 12);
const SEED = Number(process.env.SHIPSHAPE_ROUNDTRIP_SEED ?? 20240611);

/** History on main (and maybe a side branch), HEAD maybe detached, and random local changes. */
function buildRepo(dir: string, random: Random): { depth: number; hasSide: boolean; detached: boolean } {
  emptyRepoWithIdentity(dir);
  commit(dir, '.gitignore', '*.log\n');
  const depth = 2 + random.int(4);
  for (let index = 0; index < depth; index += 1) commit(dir, random.pick(NAMES), `main ${index} ${random.int(1000)}\n`);
  const hasSide = random.chance(0.6);
  if (hasSide) {
    git(dir, 'branch', 'side', `HEAD~${1 + random.int(depth - 1)}`);
    git(dir, 'checkout', '-q', 'side');
    for (let index = 0; index <= random.int(2); index += 1) commit(dir, random.pick(NAMES), `side ${index}\n`);
    git(dir, 'checkout', '-q', 'main');
  }
  const detached = random.chance(0.2);
  if (detached) git(dir, 'checkout', '-q', '--detach');
  const tracked = git(dir, 'ls-files', '-z')
    .split('\0')
    .filter((name) => name !== '' && name !== '.gitignore');
  for (let edits = random.int(5); edits > 0; edits -= 1) {
    const file = random.pick(tracked);
    switch (random.int(6)) {
      case 0:
        writeFile(dir, file, `staged ${random.int(1000)}\n`);
        git(dir, 'add', '--', file);
        break;
      case 1:
        writeFile(dir, file, `unstaged ${random.int(1000)}\n`);
        break;
      case 2:
        writeFile(dir, `new ${random.int(100)}/ü ${random.int(100)}.txt`, 'untracked\n');
        break;
      case 3:
        rmSync(join(dir, file), { force: true });
        break;
      case 4:
        writeFile(dir, file, 'executable\n');
        chmodSync(join(dir, file), 0o755);
        break;
      default:
        writeFile(dir, `trace ${random.int(100)}.log`, 'ignored\n');
    }
  }
  return { depth, hasSide, detached };
}

function randomSteps(random: Random, shape: { depth: number; hasSide: boolean; detached: boolean }): string[][] {
  const choices: string[][][] = [
    [['reset', '--keep', `HEAD~${1 + random.int(shape.depth)}`]],
    [['branch', `new-${random.int(100)}`]],
    [['commit', '-q', '--amend', '--no-edit']],
    [['revert', '--no-edit', 'HEAD']],
    [random.chance(0.5) ? ['stash', 'push', '-q', '-u'] : ['stash', 'push', '-q']],
    [
      ['branch', 'saved'],
      ['reset', '--keep', 'HEAD~1'],
    ],
  ];
  if (shape.hasSide) choices.push([['cherry-pick', 'side']], [['branch', '-D', 'side']]);
  return random.pick(choices);
}

describe('apply then undo round-trips exactly (seeded random repositories)', function () {
  this.timeout(120_000);
  const folder = tempFolder();
  after(folder.remove);

  it(`restores refs, HEAD, index, files and stashes, and loses no object (${CASES} cases, seed ${SEED})`, async () => {
    const random = seeded(SEED);
    let undone = 0;
    let restoredAfterFailure = 0;
    for (let index = 0; index < CASES; index += 1) {
      const dir = join(folder.path, `case ${index}`);
      const shape = buildRepo(dir, random);
      const steps = randomSteps(random, shape);
      const label = `case ${index} (seed ${SEED}): ${steps.map((step) => step.join(' ')).join(' && ')}`;
      const objects = reachableObjects(dir);
      const before = repoState(dir);
      let applied = false;
      try {
        await applyFix(dir, planOf(`random ${index}`, steps));
        applied = true;
      } catch (error) {
        assert.ok(
          isShipshapeError(error) && error.code === SAFETY_ERROR_CODES.fixFailed && /Nothing was changed/.test(error.message),
          `${label}: ${String(error)}`,
        );
        restoredAfterFailure += 1;
      }
      if (applied) {
        // (An amend within the same second can recreate the very same commit: a fix may change nothing.)
        await undoFix(dir);
        undone += 1;
      }
      assert.deepEqual(repoState(dir), before, label);
      assert.deepEqual(missingObjects(dir, objects), [], label);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`      round-trip: ${CASES} cases, ${undone} applied and undone, ${restoredAfterFailure} failed and restored`);
    assert.equal(undone + restoredAfterFailure, CASES);
    assert.ok(undone > CASES / 3, 'most random fixes apply');
  });
});
