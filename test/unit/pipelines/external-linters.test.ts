import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { concurrencyLimit } from '../../../src/core/concurrency/limit';
import { EMPTY_CONFIG } from '../../../src/core/pipelines/config';
import { runProgram } from '../../../src/core/pipelines/github/rules/run-program';
import { tempFolder } from '../../support/temp';
import type { Finding } from '../../../src/core/pipelines/finding';
import type { Rule } from '../../../src/core/pipelines/rule';
import { validatePipeline, validatePipelineWithPrograms } from '../../../src/core/pipelines/validate';
import { findProgram, lookUpProgram } from '../../../src/core/pipelines/github/rules/external-program';
import { parsePyflakesOutput } from '../../../src/core/pipelines/github/rules/pyflakes';
import {
  maskExpressions,
  reportScriptComment,
  runScripts,
  scriptOffset,
  selectsWindows,
  shellInvocation,
} from '../../../src/core/pipelines/github/rules/run-scripts';
import { parseShellcheckOutput, SHELLCHECK_EXCLUDED, shellcheckArgs } from '../../../src/core/pipelines/github/rules/shellcheck';

const at = (f: Finding) => `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`;

/** Runs one throwaway rule over a workflow, the way the engine runs real ones. */
function runRule(lines: readonly string[], check: Rule['check'], kind: 'github-workflow' | 'github-action' = 'github-workflow'): Finding[] {
  const rule: Rule = { id: 'probe', kinds: [kind], defaultSeverity: 'warning', description: 'test probe', check };
  return [...validatePipeline({ path: '/repo/.github/workflows/ci.yml', root: '/repo', text: lines.join('\n'), kind, rules: [rule] }).findings];
}

describe('run: scripts for external linters', () => {
  it('masks each ${{ }} with underscores of the same length, keeping newlines', () => {
    const script = 'echo "${{ github.sha }}" $X\nif ${{ a &&\n b }}; then :; fi ${{ unclosed';
    const masked = maskExpressions(script);
    assert.equal(masked.length, script.length);
    assert.equal(masked, 'echo "_________________" $X\nif ________\n_____; then :; fi ${{ unclosed');
  });

  it('turns 1-based script lines and columns into offsets, and refuses positions outside the script', () => {
    const script = 'ab\ncd\n';
    assert.equal(scriptOffset(script, 1, 1), 0);
    assert.equal(scriptOffset(script, 2, 2), 4);
    assert.equal(scriptOffset(script, 2, 99), 5); // clamped to the end of the line
    assert.equal(scriptOffset(script, 3, 1), 6);
    assert.equal(scriptOffset(script, 4, 1), undefined);
    assert.equal(scriptOffset(script, 0, 1), undefined);
  });

  it('maps script positions back into block, plain and quoted scalars', () => {
    const findings = runRule(
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: |',
        '          echo one',
        '          echo ${{ x }} $TWO',
        '      - run: echo $THREE',
        '      - run: "echo \\"$FOUR\\""',
        "      - run: 'echo $FIVE'",
      ],
      (context) => {
        const [block, plain, double, single] = runScripts(context);
        assert.ok(block && plain && double && single);
        // The preamble line (`set -e`) is line 1 for the linter: shift 1.
        reportScriptComment(context, block, 1, { line: 3, column: 15, endLine: 3, endColumn: 19, severity: 'info', message: 'block' });
        reportScriptComment(context, plain, 1, { line: 2, column: 6, severity: 'warning', message: 'plain' });
        reportScriptComment(context, double, 0, { line: 1, column: 7, severity: 'warning', message: 'double' });
        reportScriptComment(context, single, 0, { line: 1, column: 6, endLine: 1, endColumn: 11, severity: 'error', message: 'single' });
        reportScriptComment(context, block, 1, { line: 1, column: 1, severity: 'error', message: 'about the preamble: dropped' });
      },
    );
    assert.deepEqual(
      findings.map((f) => `${at(f)} ${f.severity} ${f.message}`),
      ['8:25-8:29 info block', '9:19-9:25 warning plain', '10:22-10:27 warning double', '11:20-11:25 error single'],
    );
  });

  it('picks the shell from the step, the job defaults, the workflow defaults, then the runner', () => {
    const lines = [
      'on: push',
      'defaults: {run: {shell: sh}}',
      'jobs:',
      '  linux:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo workflow-default',
      '      - run: print(1)',
      '        shell: python',
      '      - run: echo custom',
      '        shell: bash -x {0}',
      '      - run: Get-Item x',
      '        shell: pwsh',
      '  job-default:',
      '    runs-on: windows-latest',
      '    defaults: {run: {shell: bash}}',
      '    steps: [{run: echo job-default}]',
    ];
    const seen = runRule(lines, (context) => {
      for (const script of runScripts(context)) context.report({ message: `${script.language} [${script.preamble}] ${script.script}`, at: script.node });
    }).map((f) => f.message);
    assert.deepEqual(seen, ['sh [set -e] echo workflow-default', 'python [] print(1)', 'bash [] echo custom', 'bash [set -eo pipefail] echo job-default']);

    const windows = [
      'on: push',
      'jobs:',
      '  w:',
      '    runs-on: [self-hosted, windows-2022]',
      '    steps: [{run: dir}]',
      '  m:',
      '    runs-on: ${{ matrix.os }}',
      '    steps:',
      '      - run: echo default-bash',
      "      - if: runner.os == 'Windows'",
      '        run: $x = 1',
    ];
    const found = runRule(windows, (context) => {
      for (const script of runScripts(context)) context.report({ message: `${script.language} [${script.preamble}] ${script.script}`, at: script.node });
    }).map((f) => f.message);
    assert.deepEqual(found, ['bash [set -e] echo default-bash']);
  });

  it('knows which shells and conditions matter', () => {
    assert.deepEqual(shellInvocation('BASH'), { language: 'bash', preamble: 'set -eo pipefail' });
    assert.deepEqual(shellInvocation('/usr/bin/python3 -u {0}'), { language: 'python', preamble: '' });
    assert.equal(shellInvocation('bash -e'), undefined); // a custom shell without {0} is not a shell GitHub runs
    assert.equal(shellInvocation('pwsh'), undefined);
    assert.equal(shellInvocation('${{ matrix.shell }}'), undefined);
    assert.equal(selectsWindows("runner.os == 'Windows'"), true);
    assert.equal(selectsWindows("startsWith(matrix.os, 'windows')"), true);
    assert.equal(selectsWindows("runner.os != 'Windows'"), false);
    assert.equal(selectsWindows(undefined), false);
  });

  it('finds the scripts of composite actions too', () => {
    const lines = [
      'name: a',
      'description: b',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - run: echo $A',
      '      shell: bash',
      '    - run: Write-Host',
      '      shell: pwsh',
    ];
    const found = runRule(
      lines,
      (context) => {
        for (const script of runScripts(context)) context.report({ message: script.script, at: script.node });
      },
      'github-action',
    );
    assert.deepEqual(
      found.map((f) => f.message),
      ['echo $A'],
    );
  });
});

describe('external linter output', () => {
  it('reads shellcheck json1 output, severities and codes', () => {
    const stdout = JSON.stringify({
      comments: [
        {
          file: '-',
          line: 2,
          endLine: 2,
          column: 6,
          endColumn: 10,
          level: 'info',
          code: 2086,
          message: 'Double quote to prevent globbing and word splitting.',
        },
        { file: '-', line: 3, endLine: 3, column: 1, endColumn: 2, level: 'style', code: 2006, message: 'Use $(...) notation' },
        { file: '-', line: 4, endLine: 4, column: 3, endColumn: 5, level: 'error', code: 2074, message: "Can't use =~ in [ ]. Use [[..]] instead." },
        { line: 'bad' },
      ],
    });
    assert.deepEqual(parseShellcheckOutput(stdout), [
      { line: 2, column: 6, endLine: 2, endColumn: 10, severity: 'info', message: 'ShellCheck SC2086: Double quote to prevent globbing and word splitting.' },
      { line: 3, column: 1, endLine: 3, endColumn: 2, severity: 'info', message: 'ShellCheck SC2006: Use $(...) notation.' },
      { line: 4, column: 3, endLine: 4, endColumn: 5, severity: 'error', message: "ShellCheck SC2074: Can't use =~ in [ ]. Use [[..]] instead." },
    ]);
    assert.deepEqual(parseShellcheckOutput('not json'), []);
    assert.deepEqual(parseShellcheckOutput('null'), []);
  });

  it('passes shellcheck the shell, json1 and the checks actionlint turns off, reading stdin', () => {
    assert.deepEqual(shellcheckArgs('sh'), ['--norc', '--format=json1', '--shell=sh', '--exclude=SC1091,SC2194,SC2050,SC2154,SC2157,SC2043', '-']);
    for (const code of ['SC1091', 'SC2194', 'SC2050', 'SC2154', 'SC2157'])
      assert.ok(SHELLCHECK_EXCLUDED.includes(code as (typeof SHELLCHECK_EXCLUDED)[number]), code);
  });

  it('reads pyflakes warnings and syntax errors, dropping undefined names that are masked expressions', () => {
    const stdout = "<stdin>:1:1: 'os' imported but unused\n<stdin>:2:7: undefined name '______________'\n<stdin>:3: undefined name 'x'\n";
    const stderr = "<stdin>:4:5: '(' was never closed\nx = (\n    ^\n";
    assert.deepEqual(parsePyflakesOutput(stdout, stderr), [
      { line: 1, column: 1, severity: 'warning', message: "pyflakes: 'os' imported but unused." },
      { line: 3, column: 1, severity: 'warning', message: "pyflakes: undefined name 'x'." },
      { line: 4, column: 5, severity: 'error', message: "Python syntax error: '(' was never closed." },
    ]);
  });

  it('looks programs up only in absolute PATH folders, and only executable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-path-'));
    try {
      writeFileSync(join(dir, 'fake-linter'), '#!/bin/sh\n');
      writeFileSync(join(dir, 'not-executable'), '');
      chmodSync(join(dir, 'fake-linter'), 0o755);
      chmodSync(join(dir, 'not-executable'), 0o644);
      assert.equal(lookUpProgram('fake-linter', `relative/bin:${dir}`, 'linux'), join(dir, 'fake-linter'));
      assert.equal(lookUpProgram('not-executable', dir, 'linux'), undefined);
      assert.equal(lookUpProgram('fake-linter', '', 'linux'), undefined);
      assert.equal(lookUpProgram('fake-linter', undefined, 'linux'), undefined);
      assert.equal(lookUpProgram('fake-linter', '.', 'linux'), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const shellcheck = findProgram(['shellcheck']);
const pyflakes = findProgram(['pyflakes', 'pyflakes3']);
const missing = (name: string, found: string | undefined) => (found ? '' : ` (skipped: ${name} is not on PATH)`);

/** The findings of one rule, with their ranges. */
const ranges = (findings: readonly Finding[], rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${at(f)} ${f.severity} ${f.message}`);

/** All findings, the external programs' included (the path the CLI and the editor's worker take). */
const lintWithPrograms = async (lines: readonly string[]) =>
  (await validatePipelineWithPrograms({ path: '/repo/.github/workflows/ci.yml', root: '/repo', text: lines.join('\n') })).findings;

describe('shellcheck and pyflakes rules', () => {
  const workflow = [
    'on: push',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: |',
    '          echo "${{ github.sha }}" $FOO',
    '          if [ "${{ inputs.x }}" = "y" ]; then echo "$NOT_ASSIGNED"; fi',
    '      - run: echo $BAR',
    '        shell: sh',
    '      - run: Write-Host $env:X',
    '        shell: pwsh',
    '      - shell: python',
    '        run: |',
    '          import os',
    '          print(${{ inputs.n }}, hello)',
    '  w:',
    '    runs-on: windows-latest',
    '    steps: [{run: echo $X}]',
  ];

  it(`reports shellcheck findings at their place in bash and sh scripts${missing('shellcheck', shellcheck)}`, async function () {
    if (!shellcheck) this.skip();
    assert.deepEqual(ranges(await lintWithPrograms(workflow), 'shellcheck'), [
      '7:36-7:40 info ShellCheck SC2086: Double quote to prevent globbing and word splitting.',
      '9:19-9:23 info ShellCheck SC2086: Double quote to prevent globbing and word splitting.',
    ]);
  });

  it(`reports pyflakes findings in Python scripts, not masked expressions${missing('pyflakes', pyflakes)}`, async function () {
    if (!pyflakes) this.skip();
    assert.deepEqual(ranges(await lintWithPrograms(workflow), 'pyflakes'), [
      "15:11-15:17 warning pyflakes: 'os' imported but unused.",
      "16:34-16:39 warning pyflakes: undefined name 'hello'.",
    ]);
  });

  it(`stays silent without shellcheck${shellcheck ? ' (skipped: shellcheck is on PATH)' : ''}`, async function () {
    if (shellcheck) this.skip();
    assert.deepEqual(ranges(await lintWithPrograms(workflow), 'shellcheck'), []);
  });

  it(`stays silent without pyflakes${pyflakes ? ' (skipped: pyflakes is on PATH)' : ''}`, async function () {
    if (pyflakes) this.skip();
    assert.deepEqual(ranges(await lintWithPrograms(workflow), 'pyflakes'), []);
  });
});

describe('external linters on the asynchronous path only (stand-in programs on PATH)', () => {
  const folder = tempFolder('shipshape-fake-linters-');
  const savedPath = process.env.PATH;
  const workflow = [
    'on: push',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo $FOO',
    '      - shell: python',
    '        run: import os',
  ];
  before(() => {
    // Each stand-in reads its stdin, as the real ones do, and prints a fixed report.
    const comment = {
      line: 2,
      column: 6,
      endLine: 2,
      endColumn: 10,
      level: 'info',
      code: 2086,
      message: 'Double quote to prevent globbing and word splitting.',
    };
    writeFileSync(join(folder.path, 'shellcheck'), `#!/bin/sh\ncat >/dev/null\necho '${JSON.stringify({ comments: [comment] })}'\nexit 1\n`);
    writeFileSync(join(folder.path, 'pyflakes'), '#!/bin/sh\ncat >/dev/null\necho "<stdin>:1:1: \'os\' imported but unused"\nexit 1\n');
    chmodSync(join(folder.path, 'shellcheck'), 0o755);
    chmodSync(join(folder.path, 'pyflakes'), 0o755);
    process.env.PATH = `${folder.path}${delimiter}${savedPath ?? ''}`;
  });
  after(() => {
    process.env.PATH = savedPath;
    folder.remove();
  });

  it('adds shellcheck and pyflakes findings on the asynchronous path', async () => {
    assert.deepEqual(ranges(await lintWithPrograms(workflow), 'shellcheck'), [
      '6:19-6:23 info ShellCheck SC2086: Double quote to prevent globbing and word splitting.',
    ]);
    assert.deepEqual(ranges(await lintWithPrograms(workflow), 'pyflakes'), ["8:14-8:20 warning pyflakes: 'os' imported but unused."]);
  });

  it('never runs them on the synchronous, pure path', () => {
    const findings = validatePipeline({ path: '/repo/.github/workflows/ci.yml', root: '/repo', text: workflow.join('\n') }).findings;
    assert.deepEqual(
      findings.filter((f) => f.rule === 'shellcheck' || f.rule === 'pyflakes'),
      [],
    );
  });

  it('honours the config turning a linter off', async () => {
    const findings = (
      await validatePipelineWithPrograms({
        path: '/repo/.github/workflows/ci.yml',
        root: '/repo',
        text: workflow.join('\n'),
        config: { ...EMPTY_CONFIG, rules: { shellcheck: 'off' } },
      })
    ).findings;
    assert.deepEqual(ranges(findings, 'shellcheck'), []);
    assert.equal(ranges(findings, 'pyflakes').length, 1);
  });
});

describe('running a linter program', () => {
  const sh = '/bin/sh';
  const limits = { timeoutMs: 10_000, maxOutputBytes: 1024 };

  it('passes the input on stdin and returns the status and both outputs', async () => {
    assert.deepEqual(await runProgram(sh, ['-c', 'cat; echo oops >&2; exit 1'], 'hello\n', undefined, limits), {
      status: 1,
      stdout: 'hello\n',
      stderr: 'oops\n',
    });
  });

  it('gives up on a program that runs past the timeout', async () => {
    assert.equal(await runProgram(sh, ['-c', 'sleep 5'], 'timeout case', undefined, { ...limits, timeoutMs: 100 }), undefined);
  });

  it('gives up on a program that prints more than the cap', async () => {
    assert.equal(await runProgram(sh, ['-c', 'head -c 5000 /dev/zero'], 'cap case', undefined, limits), undefined);
    assert.equal((await runProgram(sh, ['-c', 'head -c 500 /dev/zero'], 'under the cap', undefined, limits))?.stdout.length, 500);
  });

  it('stops the program when the signal aborts, and does not remember that run', async () => {
    const controller = new AbortController();
    const running = runProgram(sh, ['-c', 'sleep 5; echo late'], 'abort case', controller.signal, limits);
    setTimeout(() => controller.abort(), 50);
    assert.equal(await running, undefined);
    assert.deepEqual(await runProgram(sh, ['-c', 'echo again'], 'abort case', undefined, limits), { status: 0, stdout: 'again\n', stderr: '' });
  });

  it('returns undefined for a program that cannot start', async () => {
    assert.equal(await runProgram('/nonexistent/linter', [], '', undefined, limits), undefined);
  });
});

describe('concurrencyLimit', () => {
  it('runs at most N tasks at once, the rest in arrival order, also after a failure', async () => {
    const limit = concurrencyLimit(2);
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    const task =
      (n: number, fail = false) =>
      () =>
        new Promise<number>((resolve, reject) => {
          started.push(n);
          finish.set(n, () => (fail ? reject(new Error(`task ${n}`)) : resolve(n)));
        });
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const all = Promise.all(
      [limit(task(1, true)), limit(task(2)), limit(task(3)), limit(task(4))].map((promise) => promise.catch((error: Error) => error.message)),
    );
    await tick();
    assert.deepEqual(started, [1, 2]);
    finish.get(1)?.();
    await tick();
    assert.deepEqual(started, [1, 2, 3]);
    finish.get(3)?.();
    await tick();
    assert.deepEqual(started, [1, 2, 3, 4]);
    finish.get(2)?.();
    finish.get(4)?.();
    assert.deepEqual(await all, ['task 1', 2, 3, 4]);
  });
});
