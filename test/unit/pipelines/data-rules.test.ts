import { strict as assert } from 'node:assert';
import { addRunnerLabelFix } from '../../../src/core/pipelines/github/config-edits';
import { lint, ofRule } from './helpers';

const job = (runsOn: string, ...steps: string[]) => [
  'jobs:',
  '  a:',
  `    runs-on: ${runsOn}`,
  '    steps:',
  ...(steps.length ? steps : ['      - run: echo']),
];

describe('events', () => {
  it('reports a misspelled activity type and filters an event does not take', () => {
    const findings = lint([
      'on:',
      '  pull_request:',
      '    types: [opend, closed]',
      '  create:',
      '    tags: [v*]',
      '  push:',
      '    branches: [main]',
      '    branches-ignore: [dev]',
      ...job('ubuntu-latest'),
    ]);
    const events = ofRule(findings, 'events');
    assert.equal(events.length, 3, events.join('\n'));
    assert.match(events[0] ?? '', /^3:13 events .*"opend".*Did you mean "opened"\?/);
    assert.match(events[1] ?? '', /^5:5 events The "create" event takes no filters; "tags" is not allowed here\./);
    assert.match(events[2] ?? '', /branches-ignore/);
    assert.deepEqual(ofRule(findings, 'syntax-check'), [], 'the specific rule replaces the schema finding');
  });

  it('checks cron schedules and time zones', () => {
    const findings = ofRule(
      lint([
        'on:',
        '  schedule:',
        "    - cron: '61 * * * *'",
        "    - cron: '* * * * *'",
        "    - cron: '0 3 * * 1'",
        '      timezone: Mars/Olympus',
        ...job('ubuntu-latest'),
      ]),
      'events',
    );
    assert.equal(findings.length, 3, findings.join('\n'));
    assert.match(findings[0] ?? '', /^3:\d+ events .*61/);
    assert.match(findings[1] ?? '', /^4:\d+ events .*5 minutes/);
    assert.match(findings[2] ?? '', /^6:17 events .*Mars\/Olympus/);
  });

  it('checks workflow_dispatch defaults against their type', () => {
    const findings = ofRule(
      lint([
        'on:',
        '  workflow_dispatch:',
        '    inputs:',
        '      dry:',
        '        type: boolean',
        '        default: maybe',
        '      env:',
        '        type: choice',
        '        options: [dev, prod]',
        '        default: staging',
        ...job('ubuntu-latest'),
      ]),
      'events',
    );
    assert.deepEqual(findings, [
      '6:18 events Input "dry" is a boolean, so its default must be true or false, not "maybe".',
      '10:18 events The default "staging" of input "env" is not one of its options (dev, prod).',
    ]);
  });

  it('reports a choice option listed twice, at the second one', () => {
    const findings = ofRule(
      lint([
        'on:',
        '  workflow_dispatch:',
        '    inputs:',
        '      env:',
        '        type: choice',
        '        options:',
        '          - dev',
        '          - prod',
        '          - dev',
        ...job('ubuntu-latest'),
      ]),
      'events',
    );
    assert.deepEqual(findings, ['9:13 events Option "dev" of input "env" is listed twice.']);
  });
});

describe('glob', () => {
  it('reports bad patterns in filters', () => {
    const findings = ofRule(
      lint(['on:', '  push:', "    branches: ['feature/[9-1]', 'has space']", "    paths: ['./src/**', '^src/.*$']", ...job('ubuntu-latest')]),
      'glob',
    );
    assert.equal(findings.length, 5, findings.join('\n'));
    assert.match(findings[0] ?? '', /^3:26 glob The range "9-1" runs backwards/);
    assert.ok(findings.every((line) => /\(in (branches|paths) of "push"\)$/.test(line)));
  });
});

describe('runner-label', () => {
  it('warns about an unknown label with a fix that creates the config', () => {
    const findings = lint(['on: push', ...job('[self-hosted, gpu-box]')]);
    const label = findings.find((f) => f.rule === 'runner-label');
    assert.equal(label?.severity, 'warning');
    assert.match(label?.message ?? '', /"gpu-box".*self-hosted-runner\.labels in \.github\/shipshape\.yaml/);
    assert.deepEqual(label?.range.start, { line: 4, column: 28 });
    assert.equal(label?.fixes?.[0]?.file, '/repo/.github/shipshape.yaml');
    assert.match(label?.fixes?.[0]?.createWith ?? '', /self-hosted-runner:\n {2}labels:\n {4}- gpu-box\n/);
  });

  it('accepts labels from the config, by glob', () => {
    assert.deepEqual(ofRule(lint(['on: push', ...job('gpu-box-7')], { config: "self-hosted-runner:\n  labels: ['gpu-box-*']\n" }), 'runner-label'), []);
  });

  it('reports retired and contradictory labels as errors', () => {
    const retired = lint(['on: push', ...job('ubuntu-18.04')]).filter((f) => f.rule === 'runner-label');
    assert.equal(retired[0]?.severity, 'error');
    const both = lint(['on: push', ...job('[ubuntu-latest, windows-latest]')]).filter((f) => f.rule === 'runner-label');
    assert.equal(both[0]?.severity, 'error');
  });

  it('checks each value of a matrix used as runs-on', () => {
    const findings = ofRule(
      lint([
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ${{ matrix.os }}',
        '    strategy:',
        '      matrix:',
        '        os: [ubuntu-latest, macos-11]',
        '    steps: [{run: echo}]',
      ]),
      'runner-label',
    );
    assert.equal(findings.length, 1);
    assert.match(findings[0] ?? '', /^7:29 runner-label .*macos-11/);
  });

  it('reports labels that contradict each other once a matrix row fills them in, at the row', () => {
    const findings = ofRule(
      lint([
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: [macos-latest, "${{ matrix.os }}"]',
        '    strategy:',
        '      matrix:',
        '        os: [macos-latest, windows-latest]',
        '    steps: [{run: echo}]',
        '  b:',
        '    runs-on: ${{ matrix.runner }}',
        '    strategy:',
        '      matrix:',
        '        include:',
        '          - runner: [ubuntu-latest, macos-14]',
        '          - runner: [self-hosted, linux]',
        '    steps: [{run: echo}]',
      ]),
      'runner-label',
    );
    assert.deepEqual(findings, [
      '7:28 runner-label Runner label "windows-latest" conflicts with "macos-latest": a job runs on one machine that has every label. Use a matrix to run on both. (runs-on of job "a" with matrix.os from this row)',
      '14:37 runner-label Runner label "macos-14" conflicts with "ubuntu-latest": a job runs on one machine that has every label. Use a matrix to run on both.',
    ]);
  });
});

describe('shell-name', () => {
  it('reports unknown shells, custom commands without {0}, and cmd on Linux', () => {
    const findings = ofRule(
      lint([
        'on: push',
        ...job(
          'ubuntu-latest',
          '      - run: a',
          '        shell: zsh',
          '      - run: b',
          '        shell: perl -e',
          '      - run: c',
          '        shell: cmd',
          '      - run: d',
          '        shell: bash -e {0}',
        ),
      ]),
      'shell-name',
    );
    assert.equal(findings.length, 3, findings.join('\n'));
  });
});

describe('addRunnerLabelFix (editing .github/shipshape.yaml)', () => {
  const apply = (text: string, label: string) => {
    const fix = addRunnerLabelFix('/r', label, text);
    assert.ok(fix);
    const lines = text.split('\n');
    const edit = fix.edits[0];
    assert.ok(edit);
    const offset = lines.slice(0, edit.range.start.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + edit.range.start.column - 1;
    return text.slice(0, offset) + edit.newText + text.slice(offset);
  };
  it('appends to a block list, a flow list, or adds the section', () => {
    assert.equal(apply('self-hosted-runner:\n  labels:\n    - a\n', 'b'), 'self-hosted-runner:\n  labels:\n    - a\n    - b\n');
    assert.equal(apply('self-hosted-runner:\n  labels: [a]\n', 'b'), 'self-hosted-runner:\n  labels: [a, b]\n');
    assert.equal(apply('rules:\n  matrix: off\n', 'b'), 'rules:\n  matrix: off\nself-hosted-runner:\n  labels:\n    - b\n');
    assert.equal(apply('self-hosted-runner:\n  labels:\n    - a', 'my label'), 'self-hosted-runner:\n  labels:\n    - a\n    - "my label"\n');
  });
});
