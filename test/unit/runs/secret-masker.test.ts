import { strict as assert } from 'node:assert';
import { SecretMasker } from '../../../src/core/runs/secret-masker';

function maskerWith(...secrets: string[]): SecretMasker {
  const masker = new SecretMasker();
  for (const secret of secrets) masker.add(secret);
  return masker;
}

describe('SecretMasker', () => {
  it('replaces every occurrence of a secret by ***', () => {
    const masker = maskerWith('ghp_abc123XYZ');
    assert.equal(masker.mask('token=ghp_abc123XYZ; again ghp_abc123XYZ.'), 'token=***; again ***.');
  });

  it('leaves text without secrets, and all text before any secret is added, unchanged', () => {
    assert.equal(new SecretMasker().mask('nothing to hide'), 'nothing to hide');
    assert.equal(maskerWith('hunter2').mask('nothing to hide'), 'nothing to hide');
    assert.equal(maskerWith('hunter2').mask(''), '');
  });

  it('ignores empty and whitespace-only secrets', () => {
    const masker = maskerWith('', '   ', '\n\t');
    assert.equal(masker.size, 0);
    assert.equal(masker.mask('a b\tc'), 'a b\tc');
  });

  it('counts distinct secrets added', () => {
    const masker = maskerWith('one-secret', 'two-secret', 'one-secret');
    assert.equal(masker.size, 2);
  });

  it('treats regular-expression characters in secrets literally', () => {
    const masker = maskerWith('p@ss.w*rd+(1)[x]{2}^$|\\?');
    assert.equal(masker.mask('pw: p@ss.w*rd+(1)[x]{2}^$|\\? end'), 'pw: *** end');
    assert.equal(masker.mask('pXssXwwwrd'), 'pXssXwwwrd');
  });

  it('masks the longest secret first, so a secret containing another is hidden whole', () => {
    const masker = maskerWith('abc', 'abcdef');
    assert.equal(masker.mask('x abcdef y abc z'), 'x *** y *** z');
  });

  it('collapses overlapping and touching secrets into one ***, as the runner does', () => {
    assert.equal(maskerWith('abc', 'cde').mask('xabcdex'), 'x***x');
    assert.equal(maskerWith('aba').mask('ababa!'), '***!');
    assert.equal(maskerWith('ab').mask('abab ab'), '*** ***');
    // A shorter secret starting inside a longer one that reaches further still joins it.
    assert.equal(maskerWith('12345', '45678').mask('0123456789'), '0***9');
  });

  it('masks each line of a multi-line secret on its own, trimmed', () => {
    const key = '-----BEGIN KEY-----\r\n  MIIEvQIBADANBg  \nkqhkiG9w0BAQEF\n\n-----END KEY-----';
    const masker = maskerWith(key);
    // Output is read line by line, so the lines arrive one at a time.
    assert.equal(masker.mask('MIIEvQIBADANBg'), '***');
    assert.equal(masker.mask('  kqhkiG9w0BAQEF'), '  ***');
    assert.equal(masker.mask('-----END KEY-----'), '***');
    assert.equal(masker.mask(`echo "${key}"`), 'echo "***"');
  });

  it('masks the JSON-escaped form of a secret', () => {
    const masker = maskerWith('pa"ss\\word\nline2');
    assert.equal(masker.mask('{"password":"pa\\"ss\\\\word\\nline2"}'), '{"password":"***"}');
  });

  it('masks the base64 forms, also when the secret follows a prefix as in basic auth', () => {
    const masker = maskerWith('s3cr3t-password');
    assert.equal(masker.mask(Buffer.from('s3cr3t-password').toString('base64')), '***');
    // base64("u:s3cr3t-password"): from the second byte of the secret on, the characters are
    // those of base64 of the secret without its first byte.
    const header = `Authorization: Basic ${Buffer.from('u:s3cr3t-password').toString('base64')}`;
    assert.equal(masker.mask(header), 'Authorization: Basic dTpz***');
  });

  it('masks the URI-escaped and XML-escaped forms', () => {
    const masker = maskerWith("a&b c'd");
    assert.equal(masker.mask('?q=a%26b%20c%27d'), '?q=***');
    assert.equal(masker.mask('<v>a&amp;b c&apos;d</v>'), '<v>***</v>');
  });

  it('masks a long quoted secret without its quotes', () => {
    assert.equal(maskerWith('"quoted-secret"').mask('value: quoted-secret'), 'value: ***');
  });

  it('picks up secrets added after masking has started', () => {
    const masker = maskerWith('first-secret');
    assert.equal(masker.mask('first-secret second-secret'), '*** second-secret');
    masker.add('second-secret');
    assert.equal(masker.mask('first-secret second-secret'), '*** ***');
  });

  it('masks thousands of lines per second with many secrets', () => {
    const masker = new SecretMasker();
    for (let i = 0; i < 200; i++) masker.add(`secret-value-${i}-${'x'.repeat(i % 17)}`);
    const lines = Array.from({ length: 5000 }, (_, i) =>
      i % 10 === 0
        ? `2024-05-01T10:00:00Z step ${i} used secret-value-${i % 200}-${'x'.repeat((i % 200) % 17)} ok`
        : `2024-05-01T10:00:00Z compiling module ${i} of 5000 (${(i / 50).toFixed(1)}%)`,
    );
    const started = performance.now();
    const masked = lines.map((line) => masker.mask(line));
    const elapsed = performance.now() - started;
    assert.equal(masked.filter((line) => line.includes('***')).length, 500);
    assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms for 5000 lines`);
  });
});
