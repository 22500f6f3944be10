import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

describe('number-value: numbers GitHub refuses', () => {
  it('reports timeout-minutes of zero or less, a negative max-parallel and a fraction in max-parallel', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 0',
      '    strategy:',
      '      max-parallel: -1',
      '      matrix: {n: [1]}',
      '    steps:',
      '      - run: echo',
      '        timeout-minutes: -5',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      max-parallel: 1.5',
      '      matrix: {n: [1]}',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(ofRule(findings, 'number-value'), [
      '5:22 number-value "timeout-minutes" of job "a" is 0; it must be greater than zero.',
      '7:21 number-value "max-parallel" of job "a" is -1; it must not be negative.',
      '11:26 number-value "timeout-minutes" of step 1 of job "a" is -5; it must be greater than zero.',
      '15:21 number-value "max-parallel" of job "b" is 1.5; it must be a whole number.',
    ]);
  });

  it('accepts max-parallel: 0 (GitHub takes it), fractions of minutes and expressions', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 0.5',
      '    strategy:',
      '      max-parallel: 0',
      '      matrix: {n: [1]}',
      '    steps:',
      '      - run: echo',
      '        timeout-minutes: ${{ 5 }}',
    ]);
    assert.deepEqual(ofRule(findings, 'number-value'), []);
  });
});
