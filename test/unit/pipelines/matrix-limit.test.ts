import { strict as assert } from 'node:assert';
import { runCli } from '../../../src/cli/main';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { lint, ofRule } from './helpers';

const range = (n: number): string => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;
const withMatrix = (...lines: string[]): string[] => [
  'on: push',
  'jobs:',
  '  t:',
  '    runs-on: ubuntu-latest',
  '    strategy:',
  '      matrix:',
  ...lines.map((line) => `        ${line}`),
  '    steps:',
  '      - run: echo hi',
];

describe('a matrix of more than 256 jobs', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape matrix limit ');
  after(temp.remove);

  it('is a lint error (matrix), counted after exclude and include', () => {
    assert.deepEqual(ofRule(lint(withMatrix(`a: ${range(257)}`)), 'matrix'), [
      '6:7 matrix The matrix of job "t" makes 257 jobs; GitHub allows at most 256 per matrix and rejects the workflow.',
    ]);
    assert.deepEqual(ofRule(lint(withMatrix(`a: ${range(257)}`, 'exclude: [{ a: 3 }]')), 'matrix'), []);
    assert.deepEqual(ofRule(lint(withMatrix(`a: ${range(256)}`)), 'matrix'), []);
    assert.deepEqual(ofRule(lint(withMatrix(`a: ${range(16)}`, `b: ${range(16)}`, 'include: [{ a: x }]')), 'matrix').length, 1);
  });

  it('is reported for 10^8 combinations without building them', () => {
    const dims = Array.from({ length: 8 }, (_, i) => `d${i}: ${range(10)}`);
    assert.deepEqual(ofRule(lint(withMatrix(...dims)), 'matrix'), [
      '6:7 matrix The matrix of job "t" makes more than 256 (100,000,000 combinations before exclude) jobs; GitHub allows at most 256 per matrix and rejects the workflow.',
    ]);
  });

  it('is a problem of the plan', async () => {
    const repo = repoWithWorkflow(temp.path, 'plan', `${withMatrix(`a: ${range(257)}`).join('\n')}\n`);
    let out = '';
    const code = await runCli(['plan'], { out: (t) => (out += t), err: (t) => (out += t), cwd: repo });
    assert.equal(code, 1);
    assert.match(out, /problem: job "t": the matrix expands to 257 combinations; GitHub allows at most 256/);
  });
});
