import { strict as assert } from 'node:assert';
import { re2RegExp, re2ToJavaScript } from '../../../src/core/pipelines/gitlab/re2';

/** GitLab matches with RE2: what differs from JavaScript is rewritten, or declined (undefined), never guessed. */
describe('RE2 patterns read as GitLab reads them', () => {
  const matches = (pattern: string, text: string, flags = '') => re2RegExp(pattern, flags)?.test(text);

  it('reads POSIX classes inside brackets', () => {
    assert.equal(matches('^[[:digit:]]+$', '123'), true);
    assert.equal(matches('^[[:digit:]]+$', '12a'), false);
    assert.equal(matches('^[[:alpha:]_-]+$', 'release_candidate-b'), true);
    assert.equal(matches('^[[:xdigit:]]{7}$', 'a1b2c3f'), true);
    assert.equal(matches('^[[:upper:][:digit:]]+$', 'ABC1'), true);
    assert.equal(matches('^[[:space:]]$', '\t'), true);
  });

  it('reads \\p{L} and \\pL as Unicode classes', () => {
    assert.equal(matches('^\\p{L}+$', 'écho'), true);
    assert.equal(matches('^\\pL+$', 'écho'), true);
    assert.equal(matches('^\\p{Greek}+$', 'αβγ'), true);
    assert.equal(matches('^\\P{L}+$', '123'), true);
  });

  it('reads leading flags, named groups, \\Q...\\E literals and \\A \\z anchors', () => {
    assert.equal(matches('(?i)^release/', 'Release/1.0'), true);
    assert.equal(matches('^(?P<major>\\d+)\\.', '12.3'), true);
    assert.equal(matches('^\\Qv1.0+build\\E$', 'v1.0+build'), true);
    assert.equal(matches('^\\Qv1.0+build\\E$', 'v1x0+build'), false);
    assert.equal(matches('\\Amain\\z', 'main'), true);
    assert.equal(matches('\\Amain\\z', 'main2'), false);
    assert.equal(matches('^[]a]+$', ']a]'), true); // a ] first in a class is a literal, in RE2 as in POSIX
    assert.equal(matches('^feature', 'FEATURE/x', 'i'), true);
    assert.equal(matches('^feature', 'feature/x', 'U'), true); // ungreedy has no JavaScript twin: dropped
  });

  it('declines what JavaScript cannot say the same way: the caller then treats the match as unknown', () => {
    assert.equal(re2ToJavaScript('^[[:^alpha:]]+$'), undefined);
    assert.equal(re2ToJavaScript('^[[:nonsense:]]$'), undefined);
    assert.equal(re2ToJavaScript('a(?i)b'), undefined);
    assert.equal(re2ToJavaScript('a(?i:b)'), undefined);
    assert.equal(re2ToJavaScript('\\C'), undefined);
    assert.equal(re2ToJavaScript('\\x{263a}'), undefined);
  });

  it('keeps what means the same: groups, lookaheads JavaScript has, plain escapes', () => {
    assert.deepEqual(re2ToJavaScript('^(?:v|V)\\d+\\.\\d+$'), { source: '^(?:v|V)\\d+\\.\\d+$', flags: '' });
    assert.equal(matches('^v\\d+\\.\\d+$', 'v1.2'), true);
  });
});
