import { strict as assert } from 'node:assert';
import { brief, lint, ofRule } from './helpers';

/** Issue #11, item 16: odd YAML a person can write, each answered in the person's own words. */
describe('parser edge cases', () => {
  it('applies a merge key inside jobs (merged jobs are checked) and reports only that GitHub does not read it', () => {
    const findings = lint([
      'on: push',
      'x: &defaults',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo b}]',
      'jobs:',
      '  <<: *defaults',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    needs: b',
      '    steps: [{run: echo a}]',
    ]);
    const shown = brief(findings);
    assert.ok(!shown.some((line) => line.includes('Symbol(')), shown.join('\n'));
    assert.deepEqual(shown, [
      '2:1 syntax-check Unknown key "x" in the workflow.',
      '7:3 syntax-check GitHub Actions does not support YAML merge keys ("<<"): write these keys out, or reuse the whole mapping with an alias (key: *anchor).',
    ]);
  });

  it('never shows a merge key as Symbol(...), wherever it stands', () => {
    const findings = lint([
      'on: push',
      'env: &e {A: 1}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      <<: *e',
      '      <<: *e',
      '    with: {<<: *e}',
      '    steps:',
      '      - run: echo a',
      '        with:',
      '          <<: *e',
    ]);
    const shown = brief(findings);
    assert.ok(!shown.some((line) => line.includes('Symbol(')), shown.join('\n'));
  });

  for (const [tag, value, shape] of [
    ['!!binary', 'aGVsbG8gd29ybGQgdGhpcyBpcyBhIGxvbmcgdGV4dA==', 'text'],
    ['!!timestamp', '2001-12-14', 'text'],
    ['!!set', '{push, pull_request}', 'a mapping'],
    ['!!omap', '[{push: {}}]', 'a list'],
  ] as const) {
    it(`reads "on: ${tag} ..." as the ${shape} it is in YAML, with one finding about the tag`, () => {
      const findings = lint([`on: ${tag} ${value}`, 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps: [{run: echo a}]']);
      const shown = brief(findings);
      assert.ok(!shown.some((line) => /read(Big)?U?Int|Unknown key "\d+"|constructor/.test(line)), shown.join('\n'));
      assert.deepEqual(ofRule(findings, 'syntax-check'), [
        `1:5 syntax-check GitHub Actions does not read the YAML tag "${tag}"; write the value without it (here it is read as ${shape}).`,
      ]);
      assert.equal(findings.length, 1, shown.join('\n'));
    });
  }

  it('echoes big numbers as written: in YAML values, runner labels and format() placeholders', () => {
    const findings = lint([
      'on: push',
      'env:',
      "  A: ${{ format('{99999999999999999}', 1) }}",
      'jobs:',
      '  a:',
      '    runs-on: 99999999999999999',
      '    continue-on-error: 99999999999999999',
      '    strategy:',
      '      matrix:',
      '        x: [[1]]',
      '    steps:',
      '      - run: echo ${{ matrix.x[99999999999999999].y }}',
    ]);
    const shown = brief(findings);
    assert.ok(!shown.some((line) => line.includes('100000000000000000')), shown.join('\n'));
    assert.ok(
      shown.some((line) => line.includes('uses placeholder {99999999999999999}')),
      shown.join('\n'),
    );
    assert.ok(
      shown.some((line) => line.includes('Unknown runner label "99999999999999999"')),
      shown.join('\n'),
    );
    assert.ok(
      shown.some((line) => line.includes('"continue-on-error" in job "a" must be a string or true or false, not 99999999999999999.')),
      shown.join('\n'),
    );
  });

  it('reports a cron step too big for its field with the text written, never /Infinity', () => {
    const step = '9'.repeat(400);
    const findings = lint([
      'on:',
      '  schedule:',
      `    - cron: '*/${step} * * * *'`,
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo a}]',
    ]);
    assert.deepEqual(ofRule(findings, 'events'), [
      `3:14 events The step "/${step}" is out of range for the minute field (at most 60), so only its first value is used.`,
    ]);
  });

  it('says an alias is not defined, at its line, instead of "expand too much"', () => {
    const findings = lint(['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    env: *nope', '    steps: [{run: echo a}]']);
    assert.deepEqual(brief(findings), ['5:10 syntax-check Alias "*nope" is not defined: no anchor "&nope" comes before it.']);
  });

  it('says a merge key names an undefined alias, without "expand too much"', () => {
    const findings = lint(['on: push', 'jobs:', '  <<: *defaults', '  a:', '    runs-on: ubuntu-latest', '    steps: [{run: echo a}]']);
    const shown = brief(findings);
    assert.ok(!shown.some((line) => /expand too much|Symbol\(/.test(line)), shown.join('\n'));
    assert.ok(shown.includes('3:7 syntax-check Alias "*defaults" is not defined: no anchor "&defaults" comes before it.'), shown.join('\n'));
  });
});
