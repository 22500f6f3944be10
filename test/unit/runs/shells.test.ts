import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findOnPath, resolveShell, type ShellCommand, type ShellResolution } from '../../../src/core/runs/shells';

const SCRIPT = '/tmp/run/step 1.sh';

/** A fake PATH lookup that knows exactly the given programs, under /fake/bin. */
function only(...programs: string[]): (name: string) => string | undefined {
  return (name) => (programs.includes(name) ? `/fake/bin/${name}` : undefined);
}

function shellOf(resolution: ShellResolution): ShellCommand {
  if (!resolution.ok) assert.fail(`expected a shell, got: ${resolution.reason}`);
  return resolution.shell;
}

function reasonOf(resolution: ShellResolution): string {
  if (resolution.ok) assert.fail(`expected no shell, got ${resolution.shell.command} ${resolution.shell.args.join(' ')}`);
  return resolution.reason;
}

describe('resolveShell', () => {
  it('defaults to bash -e {0} without pipefail when bash exists', () => {
    const shell = shellOf(resolveShell(undefined, SCRIPT, only('bash', 'sh')));
    assert.equal(shell.command, '/fake/bin/bash');
    assert.deepEqual(shell.args, ['-e', SCRIPT]);
    assert.equal(shell.scriptExtension, '.sh');
    assert.match(shell.description, /default shell: bash/);
  });

  it('treats an empty or blank shell as unspecified', () => {
    assert.deepEqual(shellOf(resolveShell('  ', SCRIPT, only('bash'))).args, ['-e', SCRIPT]);
  });

  it('falls back to sh -e {0} when bash is missing', () => {
    const shell = shellOf(resolveShell(undefined, SCRIPT, only('sh')));
    assert.equal(shell.command, '/fake/bin/sh');
    assert.deepEqual(shell.args, ['-e', SCRIPT]);
    assert.match(shell.description, /bash is not on PATH/);
  });

  it('fails when neither bash nor sh exists', () => {
    assert.match(reasonOf(resolveShell(undefined, SCRIPT, only())), /neither bash nor sh/);
  });

  it("uses GitHub's bash template, with pipefail, for shell: bash (any case)", () => {
    for (const keyword of ['bash', 'BASH', ' Bash ']) {
      const shell = shellOf(resolveShell(keyword, SCRIPT, only('bash')));
      assert.equal(shell.command, '/fake/bin/bash');
      assert.deepEqual(shell.args, ['--noprofile', '--norc', '-eo', 'pipefail', SCRIPT]);
      assert.equal(shell.scriptExtension, '.sh');
    }
  });

  it('does not fall back to sh for an explicit shell: bash', () => {
    assert.equal(reasonOf(resolveShell('bash', SCRIPT, only('sh'))), 'the step asks for shell "bash", which is not installed on this machine (not on PATH)');
  });

  it('runs sh -e {0} for shell: sh', () => {
    const shell = shellOf(resolveShell('sh', SCRIPT, only('bash', 'sh')));
    assert.equal(shell.command, '/fake/bin/sh');
    assert.deepEqual(shell.args, ['-e', SCRIPT]);
  });

  it('runs python {0} with .py, or python3 when python is missing', () => {
    const python = shellOf(resolveShell('python', SCRIPT, only('python', 'python3')));
    assert.equal(python.command, '/fake/bin/python');
    assert.deepEqual(python.args, [SCRIPT]);
    assert.equal(python.scriptExtension, '.py');

    const python3 = shellOf(resolveShell('python', SCRIPT, only('python3')));
    assert.equal(python3.command, '/fake/bin/python3');
    assert.deepEqual(python3.args, [SCRIPT]);
    assert.match(python3.description, /python3.*python is not on PATH/);

    assert.match(reasonOf(resolveShell('python', SCRIPT, only('bash'))), /neither python nor python3/);
  });

  it('runs pwsh with a dot-sourced .ps1, quotes removed as a shell would', () => {
    const shell = shellOf(resolveShell('pwsh', SCRIPT, only('pwsh')));
    assert.equal(shell.command, '/fake/bin/pwsh');
    assert.deepEqual(shell.args, ['-command', `. '${SCRIPT}'`]);
    assert.equal(shell.scriptExtension, '.ps1');
  });

  it('says when pwsh is not installed', () => {
    assert.equal(reasonOf(resolveShell('pwsh', SCRIPT, only('bash'))), 'the step asks for shell "pwsh", which is not installed on this machine (not on PATH)');
  });

  it('refuses the Windows-only cmd and powershell even if a program of that name exists', () => {
    for (const keyword of ['cmd', 'powershell', 'PowerShell']) {
      assert.match(reasonOf(resolveShell(keyword, SCRIPT, only('cmd', 'powershell'))), /only on Windows runners/);
    }
  });

  it('splits a custom shell into argv without a shell, keeping quoted words together', () => {
    const shell = shellOf(resolveShell(`perl -w -e 'do $ARGV[0]' "{0}" --label "a b"`, SCRIPT, only('perl')));
    assert.equal(shell.command, '/fake/bin/perl');
    assert.deepEqual(shell.args, ['-w', '-e', 'do $ARGV[0]', SCRIPT, '--label', 'a b']);
    assert.equal(shell.scriptExtension, '');
    assert.match(shell.description, /custom shell/);
  });

  it('keeps a script path with spaces as one argument, and {0} inside a word', () => {
    const shell = shellOf(resolveShell('node --require={0} {0}', SCRIPT, only('node')));
    assert.deepEqual(shell.args, [`--require=${SCRIPT}`, SCRIPT]);
  });

  it("reads {{ and }} as literal braces, like the runner's string.Format", () => {
    const shell = shellOf(resolveShell('bash -c "f() {{ . $1; }}; f {0}" x', SCRIPT, only('bash')));
    assert.deepEqual(shell.args, ['-c', `f() { . $1; }; f ${SCRIPT}`, 'x']);
  });

  it("picks the script extension from the custom command's program, as the runner does", () => {
    assert.equal(shellOf(resolveShell('bash -x {0}', SCRIPT, only('bash'))).scriptExtension, '.sh');
    assert.equal(shellOf(resolveShell('python -u {0}', SCRIPT, only('python'))).scriptExtension, '.py');
    assert.equal(shellOf(resolveShell('ruby {0}', SCRIPT, only('ruby'))).scriptExtension, '');
  });

  it('looks up the custom program and says when it is missing', () => {
    assert.equal(
      reasonOf(resolveShell('perl {0}', SCRIPT, only('bash'))),
      'the step asks for shell "perl {0}", but "perl" is not installed on this machine (not on PATH)',
    );
  });

  it('rejects unknown keywords, commands without {0}, unclosed quotes and {0} in place of the program', () => {
    assert.match(reasonOf(resolveShell('zsh', SCRIPT, only('zsh'))), /not a built-in shell/);
    assert.match(reasonOf(resolveShell('zsh -e', SCRIPT, only('zsh'))), /has no \{0\}/);
    assert.match(reasonOf(resolveShell('zsh "{0}', SCRIPT, only('zsh'))), /double quote is not closed/);
    assert.match(reasonOf(resolveShell('{0} --flag', SCRIPT, only('zsh'))), /must start with a program/);
  });
});

describe('findOnPath', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-path-'));
    for (const sub of ['a', 'b']) mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, 'a', 'tool'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'a', 'tool'), 0o644); // present but not executable
    writeFileSync(path.join(dir, 'b', 'tool'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'b', 'tool'), 0o755);
    mkdirSync(path.join(dir, 'a', 'folder'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the first executable file on PATH, skipping non-executable ones', () => {
    const pathValue = [path.join(dir, 'a'), path.join(dir, 'b')].join(':');
    assert.equal(findOnPath('tool', pathValue), path.join(dir, 'b', 'tool'));
  });

  it('ignores directories, missing names, relative PATH entries and an unset PATH', () => {
    assert.equal(findOnPath('folder', path.join(dir, 'a')), undefined);
    assert.equal(findOnPath('nope', `${path.join(dir, 'a')}:${path.join(dir, 'b')}`), undefined);
    assert.equal(findOnPath('tool', `b::.`), undefined);
    assert.equal(findOnPath('tool', undefined), undefined);
  });

  it('checks absolute names directly and does not search PATH for relative paths', () => {
    assert.equal(findOnPath(path.join(dir, 'b', 'tool'), undefined), path.join(dir, 'b', 'tool'));
    assert.equal(findOnPath(path.join(dir, 'a', 'tool'), undefined), undefined);
    assert.equal(findOnPath('b/tool', dir), undefined);
  });

  it('resolves and runs the default shell for real', function () {
    const lookup = (name: string): string | undefined => findOnPath(name, process.env['PATH']);
    if (!lookup('bash')) this.skip();
    const script = path.join(dir, 'step.sh');
    // `false` stops the script under -e, so "after" must not be printed.
    writeFileSync(script, 'echo "shell=$0"\nfalse\necho after\n');
    const shell = shellOf(resolveShell(undefined, script, lookup));
    const result = spawnSync(shell.command, [...shell.args], { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, `shell=${script}\n`);
  });

  it('runs shell: bash with pipefail for real', function () {
    const lookup = (name: string): string | undefined => findOnPath(name, process.env['PATH']);
    if (!lookup('bash')) this.skip();
    const script = path.join(dir, 'step.sh');
    writeFileSync(script, 'false | true\necho after\n');
    const piped = shellOf(resolveShell('bash', script, lookup));
    assert.equal(spawnSync(piped.command, [...piped.args], { encoding: 'utf8' }).stdout, '');
    // The default shell has no pipefail, so the same script goes on.
    const plain = shellOf(resolveShell(undefined, script, lookup));
    assert.equal(spawnSync(plain.command, [...plain.args], { encoding: 'utf8' }).stdout, 'after\n');
  });
});
