import { strict as assert } from 'node:assert';
import { brief, lint, workflow } from './helpers';

/** Mistakes actionlint reports that Shipshape missed (issue #16), each at the line of the mistake. */
describe('recall: mistakes actionlint reports', () => {
  it('reports a whole-value expression giving text where GitHub takes a mapping (env, with)', () => {
    const findings = lint(
      workflow(
        'a:',
        '  runs-on: ubuntu-latest',
        '  strategy:',
        "    matrix: { e: ['A=1'], m: [{ A: 1 }] }",
        '  env: ${{ matrix.e }}',
        '  steps:',
        '    - run: echo a',
        '      env: ${{ matrix.e }}',
        '    - run: echo b',
        '      env: ${{ matrix.m }}',
        '    - uses: actions/checkout@v4',
        '      with: ${{ fromJSON(matrix.e) }}',
      ),
    );
    const mapping = brief(findings).filter((line) => line.includes('takes a mapping'));
    assert.deepEqual(
      mapping.map((line) => line.split(' ')[0]),
      ['7:10', '10:14'],
    );
    assert.ok(findings.filter((f) => f.message.includes('takes a mapping')).every((f) => f.severity === 'error'));
  });

  it('reports a boolean passed to a number input of a local reusable workflow', () => {
    const callee = [
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      count:',
      '        type: number',
      'jobs:',
      '  j:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo}]',
    ];
    const files = { '.github/workflows/callee.yml': callee.join('\n') };
    const findings = lint(workflow('call:', '  uses: ./.github/workflows/callee.yml', '  with:', '    count: true'), { files });
    assert.deepEqual(brief(findings), ['6:14 workflow-call Input "count" of "./.github/workflows/callee.yml" is a number, but job "call" passes true.']);
  });

  it('reports a docker:// image with an empty tag', () => {
    const findings = lint(workflow('a:', '  runs-on: ubuntu-latest', '  steps:', "    - uses: 'docker://alpine:'", '    - uses: docker://alpine:3.20'));
    assert.deepEqual(brief(findings), ['6:15 action "uses: docker://alpine:" in step 1 of job "a" has an empty tag after ":".']);
  });

  it('types the outputs of a local action from its action.yml: composite strictly, JavaScript and Docker as a warning', () => {
    const meta = (using: string) =>
      [
        'name: A',
        'description: d',
        'outputs:',
        '  said:',
        '    description: s',
        '    value: x',
        'runs:',
        `  using: ${using}`,
        '  main: i.js',
        '  steps: []',
      ].join('\n');
    const files = { 'comp/action.yml': meta('composite'), 'node/action.yml': meta('node20') };
    const findings = lint(
      workflow(
        'a:',
        '  runs-on: ubuntu-latest',
        '  steps:',
        '    - { id: c, uses: ./comp }',
        '    - { id: n, uses: ./node }',
        "    - run: echo '${{ steps.c.outputs.said }} ${{ steps.c.outputs.sayd }}'",
        "    - run: echo '${{ steps.n.outputs.said }} ${{ steps.n.outputs.sayd }}'",
      ),
      { files },
    );
    assert.deepEqual(
      findings.filter((f) => f.rule === 'expression').map((f) => `${f.range.start.line} ${f.severity} ${f.message}`),
      [
        '8 error Object "steps.c.outputs" has no property "sayd" in the outputs ./comp declares. Did you mean "said"?',
        '9 warning Object "steps.n.outputs" has no property "sayd" in the outputs ./node declares: it is empty unless the action sets it without declaring it. Did you mean "said"?',
      ],
    );
  });

  it('reports comparing the whole event payload with text: github.event is never null, so it is always false', () => {
    const findings = lint(
      workflow(
        'a:',
        '  runs-on: ubuntu-latest',
        '  steps:',
        '    - { run: echo a, if: "${{ github.event == \'push\' }}" }',
        '    - { run: echo b, if: github.event.head_commit != null }',
      ),
    );
    assert.deepEqual(brief(findings), ['6:33 expression Comparing an object with a string using "==" is meaningless: it is always false.']);
  });
});
