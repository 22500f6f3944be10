import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

describe('merge keys in GitHub workflows', () => {
  it('reports a merge key at its place: GitHub reads anchors and aliases, not <<', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a: &base',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo a}]',
      '  b:',
      '    <<: *base',
      '    steps: [{run: echo b}]',
    ]);
    assert.deepEqual(ofRule(findings, 'syntax-check'), [
      '7:5 syntax-check GitHub Actions does not support YAML merge keys ("<<"): write these keys out, or reuse the whole mapping with an alias (key: *anchor).',
    ]);
    assert.equal(findings.find((finding) => finding.message.includes('merge keys'))?.severity, 'error');
  });

  it('accepts a quoted "<<" key, which is an ordinary key, and plain aliases', () => {
    const findings = lint([
      'on: push',
      'env:',
      '  "<<": literal',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    env: &shared {A: 1}',
      '    steps: [{run: echo a, env: *shared}]',
    ]);
    assert.deepEqual(
      findings.filter((finding) => finding.message.includes('merge keys')),
      [],
    );
  });
});
