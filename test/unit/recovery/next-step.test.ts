import { strict as assert } from 'node:assert';
import type { FixPlan, GitStep } from '../../../src/core/recovery/model';
import { nextStepAfter } from '../../../src/core/recovery/next-step';

const fix = (...steps: string[][]): FixPlan => ({
  id: 'f',
  title: 't',
  effect: 'e',
  steps: steps.map((args): GitStep => ({ args })),
  movesRefs: [],
  changesIndex: false,
  changesFiles: false,
  rewritesHistory: false,
  risks: [],
});
const SHA = 'a'.repeat(40);

describe('the next step after a fix', () => {
  it('offers to switch to the branch the commits were moved to', () => {
    const moved = fix(['branch', 'add-search-endpoint', SHA], ['reset', '--keep', SHA]);
    assert.deepEqual(nextStepAfter(moved, 'main'), { kind: 'switch', branch: 'add-search-endpoint', label: 'Switch to add-search-endpoint' });
    assert.deepEqual(nextStepAfter(fix(['branch', 'restored/cache', SHA]), undefined), {
      kind: 'switch',
      branch: 'restored/cache',
      label: 'Switch to restored/cache',
    });
  });

  it('offers nothing to switch to when the branch was deleted, or is the current one', () => {
    assert.equal(nextStepAfter(fix(['branch', '-D', 'old']), 'main'), undefined);
    assert.equal(nextStepAfter(fix(['branch', 'main', SHA]), 'main'), undefined);
  });

  it('offers to open a file the fix brought back', () => {
    assert.deepEqual(nextStepAfter(fix(['restore', `--source=${SHA}`, '--staged', '--worktree', '--', ':(literal)src/app.ts']), 'main'), {
      kind: 'open-file',
      path: 'src/app.ts',
      label: 'Open src/app.ts',
    });
    assert.deepEqual(
      nextStepAfter(fix(['update-index', '--add', '--cacheinfo', `100644,${SHA},a.txt`], ['checkout-index', '-f', '-u', '--', 'a.txt']), 'main'),
      {
        kind: 'open-file',
        path: 'a.txt',
        label: 'Open a.txt',
      },
    );
  });

  it('offers nothing after a fix that leaves nothing new to go to', () => {
    assert.equal(nextStepAfter(fix(['reset', '--keep', SHA]), 'main'), undefined);
    assert.equal(nextStepAfter(fix(['stash', 'store', '-m', 'x', SHA]), 'main'), undefined);
  });
});
