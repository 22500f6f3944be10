import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

// What a person reads for common structural mistakes: one sentence, at the key or value at fault.
const CASES: [string, string[], string[], string?][] = [
  [
    'a misspelled key, with a suggestion (and no redundant "missing")',
    ['on: push', 'jobs:', '  build:', '    runs_on: ubuntu-latest', '    steps: [{run: echo}]'],
    ['4:5 syntax-check Unknown key "runs_on" in job "build". Did you mean "runs-on"?'],
  ],
  [
    'a key in the wrong case',
    ['on: push', 'jobs:', '  b:', '    runs-on: x', '    steps:', '      - run: e', '        Shell: bash'],
    ['7:9 syntax-check Unknown key "Shell" in step 1 of job "b". Did you mean "shell"?'],
  ],
  [
    'a missing required key',
    ['on: push', 'jobs:', '  build:', '    steps: [{run: echo}]'],
    ['3:3 syntax-check Job "build" is missing the required key "runs-on".'],
  ],
  [
    'a value of the wrong type',
    ['on: push', 'jobs:', '  build:', '    runs-on: x', '    timeout-minutes: 4 minutes', '    steps: [{run: echo}]'],
    ['5:22 syntax-check "timeout-minutes" in job "build" must be a number or an expression (${{ ... }}), not "4 minutes".'],
  ],
  ['an empty list', ['on: push', 'jobs:', '  build:', '    runs-on: x', '    steps: []'], ['5:5 syntax-check "steps" in job "build" must not be empty.']],
  [
    'a step with both uses and run, at both keys',
    ['on: push', 'jobs:', '  build:', '    runs-on: x', '    steps:', '      - uses: actions/checkout@v4', '        run: echo'],
    [
      '6:9 syntax-check Step 1 of job "build" has both "uses" and "run"; a step either uses an action or runs a script.',
      '7:9 syntax-check Step 1 of job "build" has both "uses" and "run"; a step either uses an action or runs a script.',
    ],
  ],
  [
    'a step with neither',
    ['on: push', 'jobs:', '  build:', '    runs-on: x', '    steps:', '      - name: nothing'],
    ['6:9 syntax-check Step "nothing" of job "build" needs "uses" or "run".'],
  ],
  ['an unknown top-level key', ['on: push', 'job:', '  build: {}'], ['2:1 syntax-check Unknown key "job" in the workflow. Did you mean "jobs"?']],
  [
    'a permission level',
    ['on: push', 'permissions:', '  contents: admin', 'jobs:', '  b:', '    runs-on: x', '    steps: [{run: e}]'],
    ['3:13 syntax-check "contents" in "permissions" must be one of read, write, none, not "admin".'],
  ],
  [
    'a boolean written as text',
    ['on: push', 'jobs:', '  b:', '    runs-on: x', '    strategy:', '      fail-fast: "yes"', '      matrix: {a: [1]}', '    steps: [{run: e}]'],
    ['6:18 syntax-check "fail-fast" in "strategy" of job "b" must be true or false, or an expression (${{ ... }}), not "yes".'],
  ],
  [
    'steps in a job that calls a reusable workflow',
    ['on: push', 'jobs:', '  b:', '    uses: ./.github/workflows/x.yml', '    steps: [{run: e}]'],
    ['5:5 syntax-check Unknown key "steps" in job "b".'],
  ],
  [
    'an unknown event',
    ['on: pushh', 'jobs:', '  b:', '    runs-on: x', '    steps: [{run: e}]'],
    ['1:5 syntax-check "pushh" is not a valid value for "on" in the workflow. Did you mean "push"?'],
  ],
  [
    'an action on a runtime that never existed',
    ['name: x', 'description: y', 'runs:', '  using: node10', '  main: a.js'],
    ['4:10 syntax-check "using" in "runs" must be one of node12, node16, node20, node24, composite, docker, not "node10". Did you mean "node12"?'],
    'action.yml',
  ],
];

describe('syntax-check messages (schema errors in plain words)', () => {
  it('offers to rename a misspelled key', () => {
    const finding = lint(['on: push', 'jobs:', '  build:', '    runs_on: ubuntu-latest', '    steps: [{run: echo}]']).find((f) => f.rule === 'syntax-check');
    assert.deepEqual(finding?.fixes, [
      { title: 'Rename to "runs-on"', edits: [{ range: { start: { line: 4, column: 5 }, end: { line: 4, column: 12 } }, newText: 'runs-on' }] },
    ]);
  });

  for (const [title, lines, expected, path] of CASES) {
    it(title, () => assert.deepEqual(ofRule(lint(lines, path ? { path } : {}), 'syntax-check'), expected));
  }
});
