import { strict as assert } from 'node:assert';
import { deepScanResult } from '../../../../src/core/recovery/deep-scan-words';

describe('what a deep scan says when it is done', () => {
  it('names what it found, counted properly', () => {
    assert.equal(deepScanResult(['Dropped stash "WIP: pagination"']), 'Deep scan found 1 more thing to recover: Dropped stash "WIP: pagination".');
    assert.equal(
      deepScanResult(['Dropped stash "a"', 'Dropped stash "b"']),
      'Deep scan found 2 more things to recover: Dropped stash "a" and Dropped stash "b".',
    );
  });

  it('says when it found nothing more', () => {
    assert.equal(deepScanResult([]), 'Deep scan found nothing more: no dropped stash, staged work lost to a reset, or secret in an unpushed commit.');
  });
});
