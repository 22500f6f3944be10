import { strict as assert } from 'node:assert';
import { checkPermissions, PERMISSION_SCOPES } from '../../../src/core/pipelines/github/data/permissions';
import { checkRunnerLabels, GITHUB_HOSTED_LABELS, RETIRED_LABELS, RUNNER_LABELS_CONFIG_KEY } from '../../../src/core/pipelines/github/data/runner-labels';
import { checkShell } from '../../../src/core/pipelines/github/data/shells';

const messages = (problems: readonly { message: string }[]): string[] => problems.map((problem) => problem.message);

describe('checkRunnerLabels', () => {
  it('accepts the 2026 GitHub-hosted labels, in any case', () => {
    for (const label of [
      'ubuntu-latest',
      'ubuntu-24.04',
      'ubuntu-22.04',
      'ubuntu-24.04-arm',
      'ubuntu-22.04-arm',
      'ubuntu-slim',
      'windows-latest',
      'windows-2025',
      'windows-2022',
      'windows-11-arm',
      'macos-latest',
      'macos-26',
      'macos-15',
      'macos-15-intel',
      'macos-14',
      'macos-15-large',
      'macos-14-xlarge',
      'macOS-latest',
      'Ubuntu-Latest',
    ]) {
      assert.deepEqual(checkRunnerLabels([label], []), [], label);
    }
  });

  it('accepts the self-hosted default labels together', () => {
    assert.deepEqual(checkRunnerLabels(['self-hosted', 'linux', 'x64'], []), []);
    assert.deepEqual(checkRunnerLabels(['self-hosted', 'macos', 'arm64'], []), []);
  });

  it('reports retired labels as errors with a replacement', () => {
    for (const label of ['ubuntu-18.04', 'ubuntu-20.04', 'macos-11', 'macos-12', 'macos-13', 'windows-2019']) {
      const [problem, ...rest] = checkRunnerLabels([label], []);
      assert.equal(rest.length, 0);
      assert.equal(problem?.severity, 'error', label);
      assert.match(problem?.message ?? '', /retired/);
      assert.match(problem?.message ?? '', new RegExp(`Use ${RETIRED_LABELS[label]?.split(' ')[0] ?? '?'}`));
    }
  });

  it('warns about unknown labels, names the config key and suggests a hosted label', () => {
    const [problem] = checkRunnerLabels(['ubuntu-lastest'], []);
    assert.equal(problem?.severity, 'warning');
    assert.equal(problem?.index, 0);
    assert.ok(problem?.message.includes(RUNNER_LABELS_CONFIG_KEY));
    assert.ok(problem?.message.includes('.github/shipshape.yaml'));
    assert.match(problem?.message ?? '', /Did you mean "ubuntu-latest"\?/);
  });

  it('lets configured glob patterns silence unknown and retired labels', () => {
    assert.deepEqual(checkRunnerLabels(['depot-ubuntu-24.04-arm-16', 'gpu'], ['depot-*', 'GPU']), []);
    assert.deepEqual(checkRunnerLabels(['ubuntu-20.04'], ['ubuntu-20.04']), []);
    assert.equal(checkRunnerLabels(['depot-ubuntu'], ['depot-x*']).length, 1);
  });

  it('reports GitHub-hosted labels that name different machines', () => {
    assert.deepEqual(checkRunnerLabels(['ubuntu-latest', 'windows-latest'], []), [
      {
        message: 'Runner label "windows-latest" conflicts with "ubuntu-latest": a job runs on one machine that has every label. Use a matrix to run on both.',
        severity: 'error',
        index: 1,
      },
    ]);
    assert.equal(checkRunnerLabels(['ubuntu-22.04', 'ubuntu-24.04'], []).length, 1);
    assert.deepEqual(checkRunnerLabels(['ubuntu-latest', 'ubuntu-24.04'], []), [], 'aliases of one image do not conflict');
  });

  it('reports a hosted label with another operating system label', () => {
    assert.equal(checkRunnerLabels(['windows-latest', 'linux'], []).length, 1);
    assert.deepEqual(checkRunnerLabels(['ubuntu-latest', 'linux'], []), []);
    assert.equal(checkRunnerLabels(['self-hosted', 'linux', 'windows'], [])[0]?.severity, 'warning');
  });

  it('skips expressions', () => {
    assert.deepEqual(checkRunnerLabels(['${{ matrix.os }}', 'windows-latest'], []), []);
  });

  it('keeps its tables apart', () => {
    for (const label of Object.keys(RETIRED_LABELS)) assert.equal(GITHUB_HOSTED_LABELS[label], undefined, label);
  });
});

describe('checkPermissions', () => {
  it('accepts the documented shapes', () => {
    assert.deepEqual(checkPermissions('read-all'), []);
    assert.deepEqual(checkPermissions('write-all'), []);
    assert.deepEqual(checkPermissions({}), []);
    assert.deepEqual(checkPermissions({ contents: 'read', 'id-token': 'write', models: 'read', attestations: 'write', 'pull-requests': 'none' }), []);
    assert.deepEqual(checkPermissions({ 'artifact-metadata': 'write', 'vulnerability-alerts': 'read' }), []);
  });

  it('knows every scope GitHub documents', () => {
    for (const scope of [
      'actions',
      'attestations',
      'checks',
      'contents',
      'deployments',
      'discussions',
      'id-token',
      'issues',
      'models',
      'packages',
      'pages',
      'pull-requests',
      'repository-projects',
      'security-events',
      'statuses',
    ]) {
      assert.ok(PERMISSION_SCOPES[scope], scope);
    }
  });

  it('reports levels a scope does not accept', () => {
    assert.deepEqual(checkPermissions({ 'id-token': 'read' }), [
      { message: 'Permission "id-token" cannot be "read"; it accepts "write" or "none".', severity: 'error', key: 'id-token' },
    ]);
    assert.deepEqual(messages(checkPermissions({ models: 'write' })), ['Permission "models" cannot be "write"; it accepts "read" or "none".']);
    assert.deepEqual(messages(checkPermissions({ issues: 'wirte' })), [
      'Permission "issues" cannot be "wirte"; it accepts "read", "write" or "none". Did you mean "write"?',
    ]);
    assert.deepEqual(messages(checkPermissions({ contents: true })), ['Permission "contents" cannot be true; it accepts "read", "write" or "none".']);
    assert.equal(checkPermissions({ contents: 'read-all' }).length, 1);
  });

  it('reports unknown scopes with a suggestion', () => {
    assert.deepEqual(checkPermissions({ 'pull-request': 'write' }), [
      { message: 'Unknown permission scope "pull-request". Did you mean "pull-requests"?', severity: 'error', key: 'pull-request' },
    ]);
  });

  it('reports wrong shorthand strings and other shapes', () => {
    assert.deepEqual(messages(checkPermissions('read-al')), ['"read-al" is not a permissions value. Did you mean "read-all"?']);
    assert.equal(checkPermissions('write').length, 1);
    assert.equal(checkPermissions(['contents']).length, 1);
    assert.equal(checkPermissions(3).length, 1);
    assert.equal(checkPermissions(null)[0]?.severity, 'warning');
  });
});

describe('checkShell', () => {
  it('accepts the built-in shells on their platforms, in any case', () => {
    for (const shell of ['bash', 'pwsh', 'python', 'sh']) assert.deepEqual(checkShell(shell, 'linux'), [], shell);
    for (const shell of ['bash', 'pwsh', 'python', 'cmd', 'powershell', 'PowerShell', 'POWERSHELL']) assert.deepEqual(checkShell(shell, 'windows'), [], shell);
    assert.deepEqual(checkShell('cmd', undefined), []);
  });

  it('reports Windows-only shells on other systems', () => {
    assert.deepEqual(checkShell('cmd', 'linux'), [
      {
        message: 'The "cmd" shell runs only on Windows runners; this job runs on Linux. Use bash, or pwsh for PowerShell.',
        severity: 'error',
        start: 0,
        end: 3,
      },
    ]);
    assert.equal(checkShell('powershell', 'macos')[0]?.severity, 'error');
    assert.equal(checkShell('sh', 'windows')[0]?.severity, 'warning');
  });

  it('accepts custom commands with {0} (docs examples)', () => {
    for (const shell of [
      'perl {0}',
      'bash -l {0}',
      'pwsh -File {0}',
      `powershell -Command "& '{0}'"`,
      'C:\\tools\\cygwin\\bin\\bash.exe -o igncr -eo pipefail {0}',
    ]) {
      assert.deepEqual(checkShell(shell, undefined), [], shell);
    }
  });

  it('reports a custom command without {0} and unknown names', () => {
    assert.deepEqual(messages(checkShell('bash -l', 'linux')), ['A custom shell must contain {0} where the script file goes, e.g. "bash -l {0}".']);
    assert.match(checkShell('bsh', 'linux')[0]?.message ?? '', /Did you mean "bash"\?/);
    assert.equal(checkShell('', 'linux').length, 1);
  });

  it('gives offsets of the shell inside surrounding spaces and skips expressions', () => {
    assert.deepEqual(
      checkShell('  cmd ', 'linux').map((problem) => [problem.start, problem.end]),
      [[2, 5]],
    );
    assert.deepEqual(checkShell("${{ 'sh {0}' }}", 'linux'), []);
  });
});
