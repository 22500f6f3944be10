import { strict as assert } from 'node:assert';
import { runCli } from '../../src/cli/main';
import { printable } from '../../src/core/printable';
import { annotationMatcherLine, RunLogLines } from '../../src/core/runs/run-log-lines';
import { repoWithWorkflow } from '../support/repos';
import { tempFolder } from '../support/temp';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

/** Control characters a line of human-readable output must not carry (newline only as its end). */
// eslint-disable-next-line no-control-regex -- control characters are what the tests look for
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const assertPrintable = (text: string): void => {
  assert.doesNotMatch(text, CONTROL, JSON.stringify(text));
  for (const line of text.split('\n')) assert.doesNotMatch(line, /^::/, `a forged workflow command: ${line}`);
};

// A key forging a workflow command, and one carrying an OSC title sequence and a colour.
const WORKFLOW = [
  'on: push',
  'jobs:',
  '  build:',
  '    name: "evil \\e]0;pwned\\a\\e[31m"',
  '    runs-on: ubuntu-latest',
  '    "x\\n::error file=a,line=1::forged": 1',
  '    steps:',
  '      - name: "step\\n::warning::forged"',
  '        run: echo hi',
  '',
].join('\n');

describe('human-readable output escapes control characters from repository text', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape printable ');
  after(temp.remove);

  it('printable() shows them as escapes and is idempotent', () => {
    assert.equal(printable('a\nb\r\t\x1b]0;t\x07\u009b\u2028'), 'a\\nb\\r\\t\\e]0;t\\u0007\\u009b\\u2028');
    assert.equal(printable(printable('a\n\x1b')), printable('a\n\x1b'));
    assert.equal(printable('plain – ünïcode ✓'), 'plain – ünïcode ✓');
  });

  it('lint text and github formats', async () => {
    const repo = repoWithWorkflow(temp.path, 'lint', WORKFLOW);
    const text = await cli(repo, 'lint');
    assert.equal(text.code, 1);
    assert.match(text.out, /Unknown key "x\\n::error file=a,line=1::forged"/);
    assertPrintable(text.out);
    const github = await cli(repo, 'lint', '--format', 'github');
    assert.equal(github.out.split('\n').filter((line) => line.startsWith('::')).length, github.out.trim().split('\n').length);
    assert.doesNotMatch(github.out, CONTROL);
    assert.doesNotMatch(github.out, /\n::error file=a/);
  });

  it('plan', async () => {
    const repo = repoWithWorkflow(temp.path, 'plan', WORKFLOW);
    const { out } = await cli(repo, 'plan');
    assert.match(out, /evil \\e\]0;pwned\\u0007\\e\[31m/);
    assertPrintable(out);
  });

  it("run lines (a step's own output is left as it is)", () => {
    const lines = new RunLogLines();
    const started = lines.linesOf({ type: 'step-started', key: 'build\x1b[2J', index: 0, name: 'step\n::warning::forged' } as never);
    assert.deepEqual(started, ['[build\\e[2J] ▶ step\\n::warning::forged']);
    const log = lines.linesOf({ type: 'log', key: 'build\x1b[2J', index: 0, stream: 'stdout', lines: ['\x1b[32mgreen\x1b[0m'] } as never);
    assert.deepEqual(log, ['[build\\e[2J / step\\n::warning::forged] \x1b[32mgreen\x1b[0m']);
    const matcher = annotationMatcherLine({ level: 'error', file: 'a.ts', line: 2, message: 'bad\x1b]8;;http://x\x07link' } as never, '/repo');
    assert.equal(matcher, '::error file=/repo/a.ts,line=2::bad\\e]8;;http://x\\u0007link');
  });
});
