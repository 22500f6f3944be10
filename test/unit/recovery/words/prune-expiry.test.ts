import { strict as assert } from 'node:assert';
import { droppedObjectKeptWords, parsePruneExpire } from '../../../../src/core/recovery/detectors/prune-expiry';

const DAY = 86400;

describe('how long git keeps a dropped stash (gc.pruneExpire)', () => {
  it("reads git's default and the forms gc.pruneExpire takes", () => {
    assert.deepEqual(parsePruneExpire(undefined), { kind: 'after', seconds: 14 * DAY, words: '2 weeks', configured: false });
    assert.deepEqual(parsePruneExpire('1.month.ago'), { kind: 'after', seconds: 30 * DAY, words: '1 month', configured: true });
    assert.deepEqual(parsePruneExpire('3 days ago'), { kind: 'after', seconds: 3 * DAY, words: '3 days', configured: true });
    assert.deepEqual(parsePruneExpire('never'), { kind: 'never' });
    assert.deepEqual(parsePruneExpire('false'), { kind: 'never' });
    assert.deepEqual(parsePruneExpire('now'), { kind: 'now' });
    assert.deepEqual(parsePruneExpire('2025-01-01'), { kind: 'unknown', value: '2025-01-01' });
  });

  it('says a young stash is kept until it passes the grace period', () => {
    const words = droppedObjectKeptWords(3 * DAY, parsePruneExpire(undefined));
    assert.equal(
      words,
      "Git keeps unreachable work like this for 2 weeks (gc.pruneExpire, git's default), so this one for about 11 days more; a cleanup (git gc, which git also runs on its own now and then) after that deletes it for good.",
    );
  });

  it('says a stash past the grace period can go at the next cleanup, not that it is already gone', () => {
    const words = droppedObjectKeptWords(16 * DAY, parsePruneExpire(undefined));
    assert.equal(
      words,
      "It is older than the 2 weeks git keeps unreachable work (gc.pruneExpire, git's default), so the next cleanup (git gc, which git also runs on its own now and then) can delete it for good: recover it now.",
    );
    assert.doesNotMatch(words, /once it is two weeks old/);
  });

  it("names this repository's own setting", () => {
    assert.match(droppedObjectKeptWords(DAY, parsePruneExpire('never')), /gc\.pruneExpire is "never" here, so git does not delete it/);
    assert.match(droppedObjectKeptWords(DAY, parsePruneExpire('now')), /gc\.pruneExpire is "now" here: the next cleanup \(git gc/);
    assert.match(
      droppedObjectKeptWords(DAY, parsePruneExpire('1.month.ago')),
      /for 1 month \(gc\.pruneExpire in this repository\), so this one for about 29 days more/,
    );
    assert.match(droppedObjectKeptWords(DAY, parsePruneExpire('2025-01-01')), /gc\.pruneExpire \("2025-01-01"\)/);
  });
});
