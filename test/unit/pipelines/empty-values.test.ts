import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

describe('empty-value: empty strings and lists where GitHub needs a value', () => {
  it('reports empty filters, activity types, needs, matrix include/exclude and step names at the value', () => {
    const findings = lint([
      'on:',
      '  push:',
      '    branches: []',
      "    tags: ['']",
      '  pull_request:',
      '    types: []',
      '    paths-ignore: []',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo}]',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    needs: []',
      '    strategy:',
      '      matrix:',
      '        os: [x]',
      '        include: []',
      '        exclude: []',
      '    steps:',
      "      - name: ''",
      '        run: echo',
      "      - uses: ''",
    ]);
    assert.deepEqual(ofRule(findings, 'empty-value'), [
      '3:15 empty-value "branches" of the "push" trigger is an empty list; GitHub rejects the workflow. Give it a value or remove the key.',
      '4:12 empty-value "tags" of the "push" trigger holds an empty string; GitHub rejects the workflow.',
      '6:12 empty-value "types" of the "pull_request" trigger is an empty list; GitHub rejects the workflow. Give it a value or remove the key.',
      '7:19 empty-value "paths-ignore" of the "pull_request" trigger is an empty list; GitHub rejects the workflow. Give it a value or remove the key.',
      '14:12 empty-value "needs" of job "b" is an empty list; GitHub rejects the workflow. Give it a value or remove the key.',
      '18:18 empty-value "include" of the matrix of job "b" is an empty list; GitHub rejects the workflow. Give it a value or remove the key.',
      '19:18 empty-value "exclude" of the matrix of job "b" is an empty list; GitHub rejects the workflow. Give it a value or remove the key.',
      '21:15 empty-value "name" of step 1 of job "b" is an empty string; GitHub rejects the workflow. Give it a value or remove the key.',
    ]);
  });

  it('accepts values, expressions and absent keys', () => {
    const findings = lint([
      'on:',
      '  push:',
      '    branches: [main]',
      '  pull_request:',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    needs: [b]',
      '    strategy:',
      '      matrix:',
      '        os: [x]',
      '        include: ${{ fromJSON(inputs.rows) }}',
      '    steps: [{name: "${{ matrix.os }}", run: echo}]',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(ofRule(findings, 'empty-value'), []);
  });
});
