import { strict as assert } from 'node:assert';
import { commitSegments } from '../../../src/webview/wizard/commit-text';

const SHA = 'f3f3456' + '0'.repeat(33);

describe('commit ids in the wizard text', () => {
  it('names a commit once: the id in the words becomes the link, not a repeat after them', () => {
    assert.deepEqual(commitSegments('f3f3456 Add search endpoint', SHA), [{ commit: 'f3f3456', sha: SHA }, { text: ' Add search endpoint' }]);
    assert.deepEqual(commitSegments('before the amend: f3f3456 Add search', SHA), [
      { text: 'before the amend: ' },
      { commit: 'f3f3456', sha: SHA },
      { text: ' Add search' },
    ]);
  });

  it('adds the id after words that do not name it', () => {
    assert.deepEqual(commitSegments('reset: moving to HEAD~2', SHA), [{ text: 'reset: moving to HEAD~2 ' }, { commit: 'f3f3456', sha: SHA }]);
  });

  it('marks short ids in words without a known commit, and leaves words alone', () => {
    assert.deepEqual(commitSegments('a new commit on top of 1a2b3c4'), [{ text: 'a new commit on top of ' }, { commit: '1a2b3c4', sha: '1a2b3c4' }]);
    assert.deepEqual(commitSegments('does not exist'), [{ text: 'does not exist' }]);
    assert.deepEqual(commitSegments('deadbee feedbac'), [{ text: 'deadbee feedbac' }], 'hex words without a digit are words');
  });
});
