import { strict as assert } from 'node:assert';
import type { FixPlan } from '../../../src/core/recovery/model';
import { refPicture } from '../../../src/core/recovery/ref-picture';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const plan = (...steps: string[][]): FixPlan => ({
  id: 'x',
  title: 't',
  effect: 'e',
  steps: steps.map((args) => ({ args })),
  movesRefs: [],
  changesIndex: false,
  changesFiles: false,
  rewritesHistory: false,
  risks: [],
});

describe('refPicture (the before/after of a fix)', () => {
  it('shows a new branch and the current branch moving back', () => {
    assert.deepEqual(refPicture(plan(['branch', 'feature', A], ['reset', '--keep', B]), { branch: 'main', sha: A }), [
      { ref: 'feature', before: 'does not exist', after: 'aaaaaaa' },
      { ref: 'main', before: 'aaaaaaa', after: 'bbbbbbb' },
    ]);
  });

  it('describes commits it makes and stashes it restores', () => {
    assert.deepEqual(refPicture(plan(['revert', '--no-edit', A]), { branch: 'main', sha: B }), [
      { ref: 'main', before: 'bbbbbbb', after: 'a new commit on top of bbbbbbb' },
    ]);
    assert.deepEqual(refPicture(plan(['stash', 'store', '-m', 'recovered: WIP', A]), { branch: 'main', sha: B }), [
      { ref: 'stash', before: 'without it', after: 'aaaaaaa back in the list' },
    ]);
    assert.deepEqual(refPicture(plan(['commit', '--amend', '--only', '-m', 'msg']), { branch: undefined, sha: B }), [
      { ref: 'HEAD', before: 'bbbbbbb', after: 'the amended commit, replacing bbbbbbb' },
    ]);
  });

  it('leaves out steps that move no ref', () => {
    assert.deepEqual(refPicture(plan(['restore', '--source', A, '--staged', '--worktree', '--', 'a.txt']), { branch: 'main', sha: B }), []);
  });
});
