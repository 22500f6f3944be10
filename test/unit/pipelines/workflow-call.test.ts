import { strict as assert } from 'node:assert';
import { brief, lint, ofRule } from './helpers';

/** A reusable workflow with every kind of input and secret. */
const DEPLOY = [
  'on:',
  '  workflow_call:',
  '    inputs:',
  '      environment:',
  '        type: string',
  '        required: true',
  '      dry-run:',
  '        type: boolean',
  '        default: false',
  '      retries:',
  '        type: number',
  '    secrets:',
  '      deploy-token:',
  '        required: true',
  '      optional:',
  '    outputs:',
  '      url:',
  '        value: ${{ jobs.a.outputs.url }}',
  'jobs:',
  '  a:',
  '    runs-on: ubuntu-latest',
  '    outputs:',
  '      url: ${{ steps.d.outputs.url }}',
  '    steps: [{id: d, run: echo}]',
].join('\n');
const PUSH_ONLY = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps: [{run: echo}]'].join('\n');
const files = { '.github/workflows/deploy.yml': DEPLOY, '.github/workflows/plain.yml': PUSH_ONLY };
const caller = (...jobLines: string[]) => ['on: push', 'jobs:', ...jobLines.map((line) => `  ${line}`)];

describe('workflow-call: calling a local reusable workflow', () => {
  it('reports unknown, mistyped and missing inputs and secrets', () => {
    const findings = lint(
      caller(
        'call:',
        '  uses: ./.github/workflows/deploy.yml',
        '  with:',
        '    enviroment: prod',
        '    dry-run: yes',
        '    retries: many',
        '  secrets:',
        '    deploy-tokn: ${{ secrets.T }}',
      ),
      { files },
    );
    assert.deepEqual(ofRule(findings, 'workflow-call'), [
      '4:11 workflow-call Job "call" does not pass the required input "environment" of "./.github/workflows/deploy.yml".',
      '4:11 workflow-call Job "call" does not pass the required secret "deploy-token" of "./.github/workflows/deploy.yml".',
      '6:7 workflow-call Reusable workflow "./.github/workflows/deploy.yml" has no input "enviroment". Did you mean "environment"?',
      '7:16 workflow-call Input "dry-run" of "./.github/workflows/deploy.yml" is a boolean (true or false), but job "call" passes "yes".',
      '8:16 workflow-call Input "retries" of "./.github/workflows/deploy.yml" is a number, but job "call" passes "many".',
      '10:7 workflow-call Reusable workflow "./.github/workflows/deploy.yml" has no secret "deploy-tokn". Did you mean "deploy-token"?',
    ]);
    assert.ok(findings.filter((f) => f.rule === 'workflow-call').every((f) => f.severity === 'error'));
  });

  it('accepts a correct call: names in any case, expressions, numbers as text and secrets: inherit', () => {
    const findings = lint(
      caller(
        'call:',
        '  uses: ./.github/workflows/deploy.yml',
        '  with:',
        '    Environment: ${{ github.ref_name }}',
        '    DRY-RUN: true',
        "    retries: '3'",
        '  secrets: inherit',
      ),
      { files },
    );
    assert.deepEqual(brief(findings), []);
  });

  it('reports a callee that is missing or has no workflow_call trigger', () => {
    const findings = lint(caller('missing:', '  uses: ./.github/workflows/nope.yml', 'plain:', '  uses: ./.github/workflows/plain.yml'), { files });
    assert.deepEqual(ofRule(findings, 'workflow-call'), [
      '4:11 workflow-call Job "missing" calls "./.github/workflows/nope.yml", which does not exist.',
      '6:11 workflow-call Job "plain" calls "./.github/workflows/plain.yml", which has no "workflow_call" trigger under "on:", so it cannot be called.',
    ]);
  });

  it('reports local references with a ref, outside .github/workflows or in a subfolder of it', () => {
    const findings = lint(
      caller('a:', '  uses: ./.github/workflows/deploy.yml@main', 'b:', '  uses: ./ci/deploy.yml', 'c:', '  uses: ./.github/workflows/sub/deploy.yml'),
      { files },
    );
    assert.deepEqual(ofRule(findings, 'workflow-call'), [
      `4:11 workflow-call Job "a" calls "./.github/workflows/deploy.yml@main" with a ref; a workflow of this repository is called without "@ref" (it runs at the caller's commit).`,
      '6:11 workflow-call Job "b" calls "./ci/deploy.yml", but GitHub only runs reusable workflows stored directly in .github/workflows/ as .yml or .yaml files.',
      '8:11 workflow-call Job "c" calls "./.github/workflows/sub/deploy.yml", but GitHub only runs reusable workflows stored directly in .github/workflows/ as .yml or .yaml files.',
    ]);
  });

  it('types needs.<job>.outputs of a local callee from its workflow_call outputs', () => {
    const findings = lint(
      caller(
        'call:',
        '  uses: ./.github/workflows/deploy.yml',
        '  with: {environment: prod}',
        '  secrets: inherit',
        'use:',
        '  needs: call',
        '  runs-on: ubuntu-latest',
        '  steps:',
        '    - run: echo ${{ needs.call.outputs.url }} ${{ needs.call.outputs.link }}',
      ),
      { files },
    );
    assert.deepEqual(ofRule(findings, 'expression'), ['11:53 expression Object "needs.call.outputs" has no property "link".']);
  });

  it('leaves the outputs of a remote callee open', () => {
    const findings = lint(
      caller(
        'call:',
        '  uses: octo/repo/.github/workflows/deploy.yml@v1',
        'use:',
        '  needs: call',
        '  runs-on: ubuntu-latest',
        '  steps:',
        '    - run: echo ${{ needs.call.outputs.anything }}',
      ),
    );
    assert.deepEqual(brief(findings), []);
  });
});

describe('workflow-call: remote references', () => {
  it('reports a missing ref, an action called as a job and a path outside .github/workflows', () => {
    const findings = lint(
      caller(
        'd:',
        '  uses: octo/repo/.github/workflows/deploy.yml',
        'e:',
        '  uses: actions/checkout@v4',
        'f:',
        '  uses: octo/repo/ci/deploy.yml@v1',
        'g:',
        '  uses: octo/repo/deploy.yml@v1',
      ),
    );
    assert.deepEqual(
      findings.filter((f) => f.rule === 'workflow-call').map((f) => `${f.range.start.line} ${f.severity} ${f.message}`),
      [
        '4 error Job "d" calls "octo/repo/.github/workflows/deploy.yml" without a ref; add "@" and a branch, tag or commit SHA.',
        '6 error Job "e" calls "actions/checkout@v4", which is not a reusable workflow reference. That is an action: run it in a step, or call a workflow as owner/repo/.github/workflows/file.yml@ref.',
        '8 error Job "f" calls "octo/repo/ci/deploy.yml@v1", but GitHub only runs reusable workflows stored directly in .github/workflows/ (owner/repo/.github/workflows/file.yml@ref).',
        // Only an info: actionlint accepts this form and its test set must stay clean.
        '10 info Job "g" calls "octo/repo/deploy.yml@v1", but GitHub only runs reusable workflows stored directly in .github/workflows/ (owner/repo/.github/workflows/file.yml@ref).',
      ],
    );
  });

  it('accepts well-formed remote calls without reading anything', () => {
    const findings = lint(caller('a:', '  uses: octo/repo/.github/workflows/deploy.yml@v1', '  with: {anything: 1}'));
    assert.deepEqual(ofRule(findings, 'workflow-call'), []);
  });
});

describe('workflow-call: on.workflow_call definitions', () => {
  it('reports a default that is never used and defaults that do not fit the type', () => {
    const findings = lint([
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      a:',
      '        type: boolean',
      '        required: true',
      '        default: yes',
      '      b:',
      '        type: number',
      '        default: ten',
      '      c:',
      '        type: string',
      '        default: ${{ github.ref }}',
      '      d:',
      '        type: boolean',
      "        default: ${{ github.event_name == 'push' }}",
      'jobs:',
      '  j:',
      '    runs-on: ubuntu-latest',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(
      findings.filter((f) => f.rule === 'workflow-call').map((f) => `${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message}`),
      [
        '7:18 error Input "a" is a boolean (true or false), so its default cannot be "yes".',
        '7:18 warning Input "a" is required, so its default is never used.',
        '10:18 error Input "b" is a number, so its default cannot be "ten".',
      ],
    );
  });
});

describe('syntax-check: keys that differ only in case', () => {
  it('reports them where GitHub ignores case, once per key, and leaves exact repeats to the plain duplicate message', () => {
    const findings = lint([
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      name: {type: string}',
      '      Name: {type: string}',
      'env:',
      '  foo: 1',
      '  FOO: 2',
      '  foo: 3',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        version_name: [v1]',
      '        VERSION_NAME: [V1]',
      '    services:',
      '      db: {image: postgres}',
      '      DB: {image: postgres}',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: main',
      '          Ref: dev',
      '        env:',
      '          Path: x',
      '          PATH: y',
    ]);
    assert.deepEqual(ofRule(findings, 'syntax-check'), [
      '5:7 syntax-check Key "Name" repeats "name" from line 4 (names here are not case-sensitive).',
      '8:3 syntax-check Key "FOO" repeats "foo" from line 7 (names here are not case-sensitive).',
      '9:3 syntax-check Key "foo" appears twice in this mapping (first on line 7); only one can be kept.',
      '16:9 syntax-check Key "VERSION_NAME" repeats "version_name" from line 15 (names here are not case-sensitive).',
      '19:7 syntax-check Key "DB" repeats "db" from line 18 (names here are not case-sensitive).',
      '24:11 syntax-check Key "Ref" repeats "ref" from line 23 (names here are not case-sensitive).',
      '27:11 syntax-check Key "PATH" repeats "Path" from line 26 (names here are not case-sensitive).',
    ]);
  });

  it('keeps case-sensitive mappings case-sensitive, and checks action.yml inputs', () => {
    const workflow = lint(['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo', '        name: x', '        Name: y']);
    // `Name` is an unknown step key (the schema says so); it is not a case repeat of `name`.
    assert.ok(!ofRule(workflow, 'syntax-check').some((line) => line.includes('repeats')));
    const action = lint(
      [
        'name: a',
        'description: b',
        'inputs:',
        '  token: {description: t}',
        '  TOKEN: {description: t}',
        'runs: {using: composite, steps: [{run: echo, shell: bash}]}',
      ],
      { path: 'action.yml', kind: 'github-action' },
    );
    assert.deepEqual(ofRule(action, 'syntax-check'), ['5:3 syntax-check Key "TOKEN" repeats "token" from line 4 (names here are not case-sensitive).']);
  });
});
