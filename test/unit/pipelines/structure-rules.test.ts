import { strict as assert } from 'node:assert';
import { lint, ofRule, workflow } from './helpers';

const job = (id: string, ...lines: string[]) => [`${id}:`, '    runs-on: ubuntu-latest', ...lines.map((line) => `    ${line}`), '    steps: [{run: echo}]'];

describe('job-needs', () => {
  it('reports an unknown job with a suggestion, a duplicate and a self-reference', () => {
    const findings = lint(workflow(...job('build'), ...job('test', 'needs: [biuld, build, build]'), ...job('deploy', 'needs: deploy')));
    assert.deepEqual(ofRule(findings, 'job-needs'), [
      '8:15 job-needs Job "test" needs "biuld", but there is no job with that id. Did you mean "build"?',
      '8:29 job-needs Job "test" needs "build" twice.',
      '12:14 job-needs Job "deploy" needs itself.',
    ]);
  });

  it('reports a cycle once', () => {
    const findings = ofRule(lint(workflow(...job('a', 'needs: c'), ...job('b', 'needs: a'), ...job('c', 'needs: b'))), 'job-needs');
    assert.equal(findings.length, 1);
    assert.match(findings[0] ?? '', /cycle: a -> c -> b -> a\. None of them can start\./);
  });

  it('accepts ids in another case (GitHub compares them case-insensitively)', () => {
    assert.deepEqual(ofRule(lint(workflow(...job('Build'), ...job('test', 'needs: build'))), 'job-needs'), []);
  });
});

describe('id', () => {
  it('reports invalid and duplicate job and step ids', () => {
    const findings = lint(
      workflow(
        ...job('1st'),
        'build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - id: go',
        '        run: a',
        '      - id: GO',
        '        run: b',
        '      - id: has space',
        '        run: c',
        ...job('BUILD'),
      ),
    );
    assert.deepEqual(ofRule(findings, 'id'), [
      '3:3 id Job id "1st" is not valid: it must start with a letter or "_" and contain only letters, digits, "-" and "_".',
      '11:15 id Step id "GO" is already used by step 1 of job "build".',
      '13:15 id Step id "has space" is not valid: it must start with a letter or "_" and contain only letters, digits, "-" and "_".',
      '15:3 id Job id "BUILD" is already used by job "build" (ids are not case-sensitive).',
    ]);
  });
});

describe('matrix', () => {
  it('reports exclude entries that match nothing and repeated values', () => {
    const findings = lint(
      workflow(
        'test:',
        '    runs-on: ${{ matrix.os }}',
        '    strategy:',
        '      matrix:',
        '        os: [ubuntu-latest, windows-latest, ubuntu-latest]',
        '        node: [18, 20]',
        '        exclude:',
        '          - os: windows-lastest',
        '          - node: 18',
        '          - arch: arm64',
        '    steps: [{run: echo}]',
      ),
    );
    assert.deepEqual(ofRule(findings, 'matrix'), [
      '7:47 matrix Value "ubuntu-latest" appears twice in matrix "os" of job "test"; the job would run twice with it.',
      '10:19 matrix Matrix exclude: "windows-lastest" is not a value of "os" in job "test" (values: "ubuntu-latest", "windows-latest", "ubuntu-latest"), so this entry matches nothing.',
      '12:15 matrix Matrix exclude: key "arch" is not a matrix dimension of job "test" (it has "os", "node"), so this entry matches nothing.',
    ]);
  });

  it('stays silent on matrices only known at run time', () => {
    const findings = lint(
      workflow(
        'test:',
        '    runs-on: ubuntu-latest',
        '    strategy:',
        '      matrix:',
        '        os: ${{ fromJSON(needs.setup.outputs.os) }}',
        '        exclude:',
        '          - os: windows',
        '    steps: [{run: echo}]',
      ),
    );
    assert.deepEqual(ofRule(findings, 'matrix'), []);
  });
});

describe('deprecated-commands', () => {
  it('reports each removed command at its position with a rewrite fix', () => {
    const text = workflow(
      ...[
        'a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - id: v',
        '        run: |',
        '          echo "::set-output name=tag::${GITHUB_REF#refs/tags/}"',
        '          echo ::add-path::/opt/bin',
        '          echo "::save-state name=pid::$PID" | tee log',
      ],
    );
    const findings = lint(text).filter((finding) => finding.rule === 'deprecated-commands');
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`),
      [
        '8:19 The "::set-output" workflow command is deprecated (GitHub still runs it, with a warning); write to the $GITHUB_OUTPUT file instead.',
        '9:18 The "::add-path" workflow command is disabled by GitHub (the step fails unless ACTIONS_ALLOW_UNSECURE_COMMANDS is true); write to the $GITHUB_PATH file instead.',
        '10:19 The "::save-state" workflow command is deprecated (GitHub still runs it, with a warning); write to the $GITHUB_STATE file instead.',
      ],
    );
    assert.deepEqual(findings[0]?.fixes?.[0]?.edits[0]?.newText, 'echo "tag=${GITHUB_REF#refs/tags/}" >> "$GITHUB_OUTPUT"');
    assert.deepEqual(findings[0]?.fixes?.[0]?.edits[0]?.range, { start: { line: 8, column: 13 }, end: { line: 8, column: 67 } });
    assert.deepEqual(findings[1]?.fixes?.[0]?.edits[0]?.newText, 'echo "/opt/bin" >> "$GITHUB_PATH"');
    // Piped into tee: a rewrite would change what the line does, so no automatic fix.
    assert.equal(findings[2]?.fixes, undefined);
  });
});

describe('if-cond', () => {
  it('reports conditions that are always true', () => {
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        "    if: ${{ github.event_name }} == 'push'",
        '    steps:',
        '      - run: x',
        '        if: (${{ success() }} || ${{ failure() }})',
        '      - run: y',
        '        if: |',
        '          ${{ false }}',
        '      - run: z',
        '        if: ${{ always() }}',
        '      - run: w',
        "        if: github.ref == 'refs/heads/main'",
      ),
    );
    assert.deepEqual(
      ofRule(findings, 'if-cond').map((line) => line.split(' ').slice(0, 2).join(' ')),
      ['5:11 if-cond', '8:15 if-cond', '10:15 if-cond'],
    );
  });

  it('accepts a block scalar whose chomping drops the final line break (|- and >-): its value is exactly one ${{ }}', () => {
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        '    if: |-',
        "      ${{ github.ref == 'refs/heads/main' }}",
        '    steps:',
        '      - run: x',
        '        if: >-',
        '          ${{ always()',
        "              && github.event_name == 'push' }}",
        '      - run: y',
        '        if: |+',
        '          ${{ always() }}',
        '',
        '      - run: z',
        '        if: >',
        '          ${{ always() }}',
      ),
    );
    // |+ and > keep the line break: the value is "${{ }}\n", a non-empty string, so always true.
    assert.deepEqual(ofRule(findings, 'if-cond'), [
      '13:15 if-cond This if: condition is always true: the block scalar keeps its final line break. Put the whole condition inside one ${{ }}, or leave ${{ }} out (or write |- or >-).',
      '17:15 if-cond This if: condition is always true: the block scalar keeps its final line break. Put the whole condition inside one ${{ }}, or leave ${{ }} out (or write |- or >-).',
    ]);
  });
});

describe('env-var and credentials', () => {
  it('reports bad env names and hard-coded passwords', () => {
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      GOOD_NAME: 1',
        '      "BAD=NAME": 2',
        '      has space: 3',
        '    container:',
        '      image: ghcr.io/x',
        '      credentials: {username: me, password: hunter2}',
        '    services:',
        '      db:',
        '        image: postgres',
        '        credentials: {username: me, password: "${{ secrets.PW }}"}',
        '    steps: [{run: echo}]',
      ),
    );
    assert.deepEqual(ofRule(findings, 'env-var').length, 2);
    assert.deepEqual(ofRule(findings, 'credentials'), [
      '11:47 credentials The password for the container of job "a" is written in the workflow. Use a secret instead, e.g. ${{ secrets.REGISTRY_PASSWORD }}.',
    ]);
  });
});

describe('syntax-check (YAML level)', () => {
  it('reports duplicate keys and unused anchors', () => {
    const findings = lint([
      'on: push',
      'env: &unused {A: 1}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    runs-on: ubuntu-22.04',
      '    steps: [{run: echo}]',
    ]);
    const messages = ofRule(findings, 'syntax-check');
    assert.ok(messages.includes('6:5 syntax-check Key "runs-on" appears twice in this mapping (first on line 5); only one can be kept.'), messages.join('\n'));
    assert.ok(messages.includes('2:6 syntax-check Anchor "&unused" is never used by an alias.'), messages.join('\n'));
  });

  it('checks through aliases and merge keys without false reports', () => {
    const findings = lint([
      'on: push',
      'x-defaults: &defaults',
      '  runs-on: ubuntu-latest',
      '  steps: [{run: echo}]',
      'jobs:',
      '  a:',
      '    <<: *defaults',
      '  b:',
      '    <<: *defaults',
      '    needs: a',
    ]);
    assert.deepEqual(ofRule(findings, 'job-needs'), []);
    assert.deepEqual(ofRule(findings, 'id'), []);
  });
});
