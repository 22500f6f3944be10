import { strict as assert } from 'node:assert';
import { _forTests, forgetParsedExpressions } from '../../../src/core/pipelines/github/rules/expression';
import { requiredRunnerOs } from '../../../src/core/pipelines/github/condition-os';
import { lint } from './helpers';

const workflow = (run: string) =>
  [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    strategy:',
    '      matrix:',
    '        os: [linux]',
    '    steps:',
    `      - run: ${run}`,
  ].join('\n');

describe('expression parse results shared across validations', () => {
  afterEach(() => forgetParsedExpressions());

  it('reports the same findings from a warm cache as from a cold one', () => {
    const text = workflow('echo ${{ matrix.os }} ${{ matrix.arch }} ${{ github.event.issue.title }} ${{ github.sha ) }} ${{ toJSON(matrix) == 1 }}');
    forgetParsedExpressions();
    const cold = lint(text);
    assert.ok(_forTests.parsedExpressionCount() > 0);
    const warm = lint(text);
    assert.ok(cold.length >= 3);
    assert.deepEqual(warm, cold);
  });

  it('keeps the same expression in another file, where the scope differs, checked against that scope', () => {
    forgetParsedExpressions();
    const withMatrix = lint(workflow('echo ${{ matrix.os }}'));
    const withoutMatrix = lint(['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo ${{ matrix.os }}'].join('\n'));
    assert.deepEqual(withMatrix, []);
    assert.equal(withoutMatrix.length, 1);
    assert.match(withoutMatrix[0]?.message ?? '', /matrix/);
  });

  it('stays bounded', () => {
    forgetParsedExpressions();
    const many = Array.from({ length: 400 }, (_, index) => `\${{ github.sha == '${'x'.repeat(3_000)}${index}' }}`).join(' ');
    lint(workflow(many));
    // 400 expressions of ~3,000 characters: the character bound (1,000,000) starts the cache again before the end.
    assert.ok(_forTests.parsedExpressionCount() < 400);
    assert.ok(_forTests.parsedExpressionCount() > 0);
  });
});

describe('an if: condition read for its runner OS', () => {
  afterEach(() => forgetParsedExpressions());

  it('uses the parse the expression rule keeps for the same text', () => {
    for (const condition of ["${{ runner.os == 'Windows' }}", "runner.os == 'Windows'"]) {
      forgetParsedExpressions();
      assert.equal(requiredRunnerOs(condition), 'windows');
      assert.equal(_forTests.parsedExpressionCount(), 1, `${condition}: kept`);
      // The workflow's only expression is that condition: the expression rule finds its parse kept.
      lint(['on: push', 'jobs:', '  build:', '    runs-on: windows-latest', '    steps:', `      - if: ${condition}`, '        run: echo hi'].join('\n'));
      assert.equal(_forTests.parsedExpressionCount(), 1, `${condition}: parsed once`);
    }
  });
});
