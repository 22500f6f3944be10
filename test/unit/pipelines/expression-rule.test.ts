import { strict as assert } from 'node:assert';
import { envNameFor } from '../../../src/core/pipelines/github/rules/move-to-env';
import { lint, ofRule } from './helpers';

const steps = (...lines: string[]) => [
  'on:',
  '  push:',
  '  workflow_dispatch:',
  '    inputs:',
  '      level: {type: number}',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    strategy:',
  '      matrix:',
  '        os: [linux, mac]',
  '        include: [{os: linux, extra: true}]',
  '    outputs:',
  '      version: ${{ steps.v.outputs.version }}',
  '    steps:',
  '      - id: v',
  '        run: echo',
  ...lines,
];

describe('expression', () => {
  it('reports syntax errors at their position', () => {
    assert.deepEqual(
      ofRule(lint(steps('      - run: echo ${{ github.sha ) }}')), 'expression').map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['18:34 expression'],
    );
    assert.match(ofRule(lint(steps('      - run: echo ${{ github.sha')), 'expression')[0] ?? '', /never closed/);
  });

  it('checks matrix, steps, needs and inputs against the workflow', () => {
    const findings = ofRule(
      lint([
        ...steps(
          '      - run: echo ${{ matrix.os }} ${{ matrix.extra }} ${{ matrix.arch }}',
          '      - run: echo ${{ steps.v.outputs.x }} ${{ steps.later.outputs.x }} ${{ inputs.level }} ${{ inputs.nope }}',
          '      - id: later',
          '        run: echo',
        ),
        '  deploy:',
        '    needs: build',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo ${{ needs.build.outputs.version }} ${{ needs.build.outputs.missing }} ${{ needs.other.result }}',
      ]),
      'expression',
    );
    assert.deepEqual(
      findings.map((line) => line.replace(/^\d+:\d+ expression /, '')),
      [
        'Context "matrix" has no property "arch".',
        'Context "steps" has no property "later".',
        'Context "inputs" has no property "nope".',
        'Object "needs.build.outputs" has no property "missing".',
        'Context "needs" has no property "other".',
      ],
    );
  });

  it('knows which contexts and functions each key allows', () => {
    const findings = ofRule(
      lint([
        'on: push',
        'env:',
        '  A: ${{ steps.x.outputs.y }}',
        'jobs:',
        '  a:',
        '    runs-on: ${{ runner.os }}',
        "    if: success() && hashFiles('x')",
        '    steps:',
        '      - run: echo ${{ secrets.TOKEN }}',
        '        if: ${{ secrets.TOKEN }}',
      ]),
      'expression',
    );
    assert.equal(findings.length, 4, findings.join('\n'));
    assert.match(findings[0] ?? '', /^3:\d+ expression .*"steps"/);
    assert.match(findings[1] ?? '', /^6:\d+ expression .*"runner"/);
    assert.match(findings[2] ?? '', /^7:\d+ expression .*hashFiles/);
    assert.match(findings[3] ?? '', /^10:\d+ expression .*"secrets"/);
  });

  it('checks functions: unknown names, arity and format placeholders', () => {
    const findings = ofRule(lint(steps("      - run: echo ${{ startWith('a', 'b') }} ${{ contains('a') }} ${{ format('{0} {1}', 'x') }}")), 'expression');
    assert.equal(findings.length, 3, findings.join('\n'));
    assert.match(findings[0] ?? '', /Did you mean "startsWith"\?/);
  });

  it('warns when an object is interpolated into a string', () => {
    const findings = lint(steps('      - run: echo "${{ github.event }}"', '      - run: echo ${{ toJSON(github.event) }}'));
    const warning = findings.find((f) => f.rule === 'expression' && f.severity === 'warning');
    assert.match(warning?.message ?? '', /prints as "Object"/);
    assert.equal(findings.filter((f) => f.rule === 'expression').length, 1);
  });

  it('checks if: without ${{ }} as an expression', () => {
    assert.match(
      ofRule(lint(steps('      - run: echo', "        if: steps.nope.outcome == 'success'")), 'expression')[0] ?? '',
      /"steps" has no property "nope"/,
    );
  });

  it('checks inputs of a composite action', () => {
    const text = [
      'name: a',
      'description: b',
      'inputs:',
      '  who: {description: x}',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - run: echo ${{ inputs.who }} ${{ inputs.whom }}',
      '      shell: bash',
    ];
    assert.deepEqual(
      ofRule(lint(text, { path: 'action.yml' }), 'expression').map((l) => l.replace(/^\d+:\d+ /, '')),
      ['expression Context "inputs" has no property "whom". Did you mean "who"?'],
    );
  });
});

describe('script injection', () => {
  // Both events: github.event.comment is in issue_comment's payload only.
  const workflow = [
    'on: [issues, issue_comment]',
    'jobs:',
    '  triage:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - name: Greet',
    '        run: |',
    '          echo "Thanks for ${{ github.event.issue.title }}"',
    '          echo "${{ github.event.issue.title }}" > title.txt',
    '      - uses: actions/github-script@v7',
    '        with:',
    '          script: console.log("${{ github.event.comment.body }}")',
  ];

  it('reports untrusted input inlined into run and github-script', () => {
    const findings = ofRule(lint(workflow), 'expression');
    assert.equal(findings.length, 3, findings.join('\n'));
    assert.match(findings[0] ?? '', /^8:\d+ expression "github\.event\.issue\.title" is untrusted input/);
    assert.match(findings[2] ?? '', /^12:\d+ expression "github\.event\.comment\.body" is untrusted input/);
  });

  it('offers to move it into env:, replacing every occurrence', () => {
    const finding = lint(workflow).find((f) => f.rule === 'expression');
    const fix = finding?.fixes?.[0];
    assert.equal(fix?.title, 'Pass github.event.issue.title through the environment variable ISSUE_TITLE');
    const edits = fix?.edits ?? [];
    assert.deepEqual(
      edits.map((edit) => edit.newText),
      ['$ISSUE_TITLE', '$ISSUE_TITLE', '        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n'],
    );
    assert.deepEqual(edits[2]?.range.start, { line: 7, column: 1 });
  });

  it('names variables readably', () => {
    assert.equal(envNameFor('github.event.pull_request.head.ref'), 'HEAD_REF');
    assert.equal(envNameFor('github.head_ref'), 'HEAD_REF');
    assert.equal(envNameFor('github.event.commits.*.message'), 'COMMITS_MESSAGE');
  });
});
