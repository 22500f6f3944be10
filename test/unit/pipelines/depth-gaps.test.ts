import { strict as assert } from 'node:assert';
import { lint, ofRule, workflow } from './helpers';

// Cases actionlint 1.7.7 reported and Shipshape missed, found on workflows neither had seen.

describe('if-cond: spaces kept by a quoted value', () => {
  it('reports "${{ x }} " (GitHub keeps the space, so the condition is a non-empty string)', () => {
    const findings = lint(
      workflow('a:', '    runs-on: ubuntu-latest', '    if: "${{ github.ref == \'x\' }} "', '    steps:', "      - if: ' ${{ false }}'", '        run: echo'),
    );
    assert.deepEqual(ofRule(findings, 'if-cond'), [
      '5:11 if-cond This if: condition is always true: the quoted value keeps the spaces around ${{ }}, so it is a non-empty string. Put the whole condition inside one ${{ }}, or leave ${{ }} out.',
      '7:15 if-cond This if: condition is always true: the quoted value keeps the spaces around ${{ }}, so it is a non-empty string. Put the whole condition inside one ${{ }}, or leave ${{ }} out.',
    ]);
  });

  it('accepts a quoted or plain value that is exactly one ${{ }}', () => {
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        '    if: "${{ github.ref == \'x\' }}"',
        '    steps:',
        "      - if: ${{ github.ref == 'y' }}   # a comment",
        '        run: echo',
      ),
    );
    assert.deepEqual(ofRule(findings, 'if-cond'), []);
  });
});

describe('matrix: a dimension without values', () => {
  it('reports an empty list (GitHub rejects the workflow)', () => {
    const findings = lint(
      workflow('a:', '    runs-on: ubuntu-latest', '    strategy:', '      matrix:', '        os: [a]', '        node: []', '    steps: [{run: echo}]'),
    );
    assert.deepEqual(ofRule(findings, 'matrix'), [
      '8:17 matrix Matrix "node" of job "a" has no values, so GitHub rejects the workflow; give it at least one value or remove it.',
    ]);
  });
});

describe('expression: the type at number and boolean keys', () => {
  it('reports a string where timeout-minutes, continue-on-error, max-parallel, fail-fast or cancel-in-progress needs a number or boolean', () => {
    const findings = lint([
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      minutes: {type: string}',
      'concurrency:',
      '  group: g',
      "  cancel-in-progress: ${{ 'yes' }}",
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: ${{ inputs.minutes }}',
      '    strategy:',
      "      max-parallel: ${{ 'abc' }}",
      '      fail-fast: ${{ 1 }}',
      '      matrix: {n: [1]}',
      '    steps:',
      '      - run: echo',
      "        continue-on-error: ${{ 'x' }}",
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '7:23 expression "cancel-in-progress" needs true or false, but this expression is a string, which GitHub does not convert; wrap it in fromJSON() to turn the text into a value.',
      '11:22 expression "timeout-minutes" needs a number, but this expression is a string, which GitHub does not convert; wrap it in fromJSON() to turn the text into a value.',
      '13:21 expression "max-parallel" needs a number, but this expression is a string, which GitHub does not convert; wrap it in fromJSON() to turn the text into a value.',
      '14:18 expression "fail-fast" needs true or false, but this expression is a number, which GitHub does not convert; make it give true or false.',
      '18:28 expression "continue-on-error" needs true or false, but this expression is a string, which GitHub does not convert; wrap it in fromJSON() to turn the text into a value.',
    ]);
  });

  it('accepts values of the right type and values only known at run time', () => {
    const findings = lint([
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      minutes: {type: number}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: ${{ inputs.minutes }}',
      '    continue-on-error: ${{ matrix.experimental }}',
      '    strategy:',
      '      max-parallel: ${{ fromJSON(vars.MAX) }}',
      "      fail-fast: ${{ github.event_name == 'push' }}",
      '      matrix: {experimental: [true, false]}',
      '    steps:',
      '      - run: echo',
      '        timeout-minutes: ${{ fromJSON(inputs.minutes) }}',
      "        continue-on-error: ${{ github.ref != 'refs/heads/main' }}",
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), []);
  });
});

describe('expression: the workflow-level defaults.run', () => {
  it('reports a context there (GitHub allows none)', () => {
    const findings = lint([
      'on: push',
      'defaults:',
      '  run:',
      '    working-directory: ${{ github.workspace }}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    defaults:',
      '      run:',
      '        working-directory: ${{ github.workspace }}',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), ['4:28 expression Context "github" is not available at this key (no context is available here).']);
  });
});

describe('expression: a context that is not available at a key', () => {
  it('is one finding: its properties are not checked as well', () => {
    const findings = lint(['on: push', 'jobs:', '  a:', '    runs-on:', '      group: ${{ steps.build.outputs.group }}', '    steps: [{run: echo}]']);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '5:18 expression Context "steps" is not available at this key (available here: "github", "inputs", "matrix", "needs", "strategy", "vars").',
    ]);
  });
});

describe('events: options on an input that is not a choice', () => {
  it('warns that GitHub ignores them', () => {
    const findings = lint([
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      target:',
      '        type: environment',
      '        options: [a]',
      '      level:',
      '        type: choice',
      '        options: [low, high]',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(ofRule(findings, 'events'), [
      '6:9 events Input "target" is of type environment, so GitHub ignores its options; make it type: choice or remove them.',
    ]);
  });
});
