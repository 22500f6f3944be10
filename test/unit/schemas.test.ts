import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

// The schemas feed a validator that must raise no false errors, so they are checked against
// real-world files (the shared corpus) and must still catch the classic mistakes below.

const schemaFolder = resolve(__dirname, '../../schemas');
const corpusFolder = resolve(__dirname, '../../../shared/corpus/github');

type SchemaName = 'github-workflow' | 'github-action' | 'shipshape-config';

function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaFolder, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

function compile(name: SchemaName): ValidateFunction {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(readSchema(name));
}

function parseYaml(text: string): unknown {
  return parse(text, { merge: true, maxAliasCount: 10000 });
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `  ${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else found.push(path);
  }
  return found.sort();
}

const isWorkflowFile = (path: string) => /[\\/]\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/.test(path);
const isActionFile = (path: string) => /[\\/]action\.ya?ml$/.test(path);

const validators = {
  'github-workflow': compile('github-workflow'),
  'github-action': compile('github-action'),
  'shipshape-config': compile('shipshape-config'),
};

/** Whether `error` reports the finding at `path`: an error at or below it, or a combinator above it that failed because of it. */
function isPartOfFinding(error: ErrorObject, path: string): boolean {
  if (error.instancePath === path || error.instancePath.startsWith(`${path}/`)) return true;
  return ['if', 'anyOf', 'oneOf'].includes(error.keyword) && path.startsWith(`${error.instancePath}/`);
}

/** Paths of properties without a description; subschemas under `if` only test values and are skipped. */
function undescribedProperties(node: unknown, at: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => undescribedProperties(item, `${at}/${index}`));
  if (typeof node !== 'object' || node === null) return [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'if') continue;
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [property, schema] of Object.entries(value)) {
        const described = typeof schema === 'boolean' || (typeof schema === 'object' && schema !== null && 'description' in schema);
        if (!described) problems.push(`${at}/properties/${property}`);
      }
    }
    problems.push(...undescribedProperties(value, `${at}/${key}`));
  }
  return problems;
}

interface Mistake {
  schema: SchemaName;
  title: string;
  /** The instancePath where an error must be reported. */
  path: string;
  yaml: string;
}

/** A workflow with one job `build` whose body is `job` (indented by the caller as YAML under the job). */
const workflowWithJob = (job: string) => `on: push\njobs:\n  build:\n${indent(job, 4)}`;
const workflowWithStep = (step: string) => workflowWithJob(`runs-on: ubuntu-latest\nsteps:\n${indent(step, 2)}`);
const workflowOn = (on: string) => `on:\n${indent(on, 2)}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo }]\n`;
const action = (rest: string) => `name: A\ndescription: B\n${rest}`;

function indent(text: string, spaces: number): string {
  return (
    text
      .trim()
      .split('\n')
      .map((line) => ' '.repeat(spaces) + line)
      .join('\n') + '\n'
  );
}

const wf = (title: string, path: string, yaml: string): Mistake => ({ schema: 'github-workflow', title, path, yaml });
const act = (title: string, path: string, yaml: string): Mistake => ({ schema: 'github-action', title, path, yaml });
const cfg = (title: string, path: string, yaml: string): Mistake => ({ schema: 'shipshape-config', title, path, yaml });

const mistakes: Mistake[] = [
  // Workflow: keys, required keys, empty collections.
  wf('runs_on typo', '/jobs/build', workflowWithJob('runs_on: ubuntu-latest\nsteps: [{ run: echo }]')),
  wf('Runs-on in the wrong case', '/jobs/build', workflowWithJob('Runs-on: ubuntu-latest\nsteps: [{ run: echo }]')),
  wf('missing runs-on', '/jobs/build', workflowWithJob('steps: [{ run: echo }]')),
  wf('missing steps', '/jobs/build', workflowWithJob('runs-on: ubuntu-latest')),
  wf('empty steps', '/jobs/build/steps', workflowWithJob('runs-on: ubuntu-latest\nsteps: []')),
  wf('unknown top-level key', '', `on: push\njob: {}\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n`),
  wf('missing on', '', 'jobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  wf('missing jobs', '', 'on: push\n'),
  wf('empty jobs', '/jobs', 'on: push\njobs: {}\n'),
  wf('job id starting with a digit', '/jobs', 'on: push\njobs:\n  1build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  // Workflow: scalar types and expressions.
  wf('timeout-minutes: 4 minutes', '/jobs/build/timeout-minutes', workflowWithJob('runs-on: x\ntimeout-minutes: 4 minutes\nsteps: [{ run: echo }]')),
  wf(
    'continue-on-error that is neither boolean nor expression',
    '/jobs/build/continue-on-error',
    workflowWithJob('runs-on: x\ncontinue-on-error: maybe\nsteps: [{ run: echo }]'),
  ),
  wf('strategy.fail-fast: "yes"', '/jobs/build/strategy/fail-fast', workflowWithJob('runs-on: x\nstrategy:\n  fail-fast: "yes"\nsteps: [{ run: echo }]')),
  wf('max-parallel: two', '/jobs/build/strategy/max-parallel', workflowWithJob('runs-on: x\nstrategy:\n  max-parallel: two\nsteps: [{ run: echo }]')),
  wf(
    'matrix variable that is not a list',
    '/jobs/build/strategy/matrix/os',
    workflowWithJob('runs-on: x\nstrategy:\n  matrix:\n    os: ubuntu-latest\nsteps: [{ run: echo }]'),
  ),
  wf('unknown strategy key', '/jobs/build/strategy', workflowWithJob('runs-on: x\nstrategy:\n  failfast: false\nsteps: [{ run: echo }]')),
  wf('env value that is a map', '/env/FOO', 'on: push\nenv:\n  FOO: { a: 1 }\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  wf('needs that is a number', '/jobs/build/needs', workflowWithJob('runs-on: x\nneeds: 5\nsteps: [{ run: echo }]')),
  wf('empty runs-on list', '/jobs/build/runs-on', workflowWithJob('runs-on: []\nsteps: [{ run: echo }]')),
  wf('runs-on map with label instead of labels', '/jobs/build/runs-on', workflowWithJob('runs-on: { group: g, label: x }\nsteps: [{ run: echo }]')),
  // Workflow: steps.
  wf('step with both uses and run', '/jobs/build/steps/0', workflowWithStep('- uses: actions/checkout@v4\n  run: echo')),
  wf('step with neither uses nor run', '/jobs/build/steps/0', workflowWithStep('- name: nothing')),
  wf('shell on a uses step', '/jobs/build/steps/0/shell', workflowWithStep('- uses: actions/checkout@v4\n  shell: bash')),
  wf('with on a run step', '/jobs/build/steps/0/with', workflowWithStep('- run: echo\n  with: { a: 1 }')),
  wf('Shell in the wrong case', '/jobs/build/steps/0', workflowWithStep('- run: echo\n  Shell: bash')),
  wf('step timeout-minutes as text', '/jobs/build/steps/0/timeout-minutes', workflowWithStep('- run: echo\n  timeout-minutes: ten')),
  // Workflow: permissions, concurrency, environment, containers, defaults.
  wf(
    'bad permission level',
    '/permissions/contents',
    'on: push\npermissions:\n  contents: admin\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n',
  ),
  wf('permissions: read (not read-all)', '/permissions', 'on: push\npermissions: read\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  wf('unknown permission scope', '/permissions', 'on: push\npermissions:\n  content: read\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  wf('id-token: read', '/jobs/build/permissions/id-token', workflowWithJob('runs-on: x\npermissions:\n  id-token: read\nsteps: [{ run: echo }]')),
  wf(
    'concurrency without group',
    '/concurrency',
    'on: push\nconcurrency:\n  cancel-in-progress: true\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n',
  ),
  wf(
    'cancel-in-progres typo',
    '/jobs/build/concurrency',
    workflowWithJob('runs-on: x\nconcurrency:\n  group: g\n  cancel-in-progres: true\nsteps: [{ run: echo }]'),
  ),
  wf('environment without name', '/jobs/build/environment', workflowWithJob('runs-on: x\nenvironment:\n  url: https://example.com\nsteps: [{ run: echo }]')),
  wf(
    'environment.deployment: "no"',
    '/jobs/build/environment/deployment',
    workflowWithJob('runs-on: x\nenvironment:\n  name: prod\n  deployment: "no"\nsteps: [{ run: echo }]'),
  ),
  wf('container imag typo', '/jobs/build/container', workflowWithJob('runs-on: x\ncontainer:\n  imag: node:22\nsteps: [{ run: echo }]')),
  wf(
    'service with unknown key',
    '/jobs/build/services/redis',
    workflowWithJob('runs-on: x\nservices:\n  redis:\n    image: redis\n    port: [6379]\nsteps: [{ run: echo }]'),
  ),
  wf('defaults.run shel typo', '/defaults/run', 'on: push\ndefaults:\n  run:\n    shel: bash\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  // Workflow: reusable workflows.
  wf('reusable-workflow job with steps', '/jobs/call', 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/r.yml\n    steps: [{ run: echo }]\n'),
  wf('reusable-workflow job with runs-on', '/jobs/call', 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/r.yml\n    runs-on: ubuntu-latest\n'),
  wf('reusable-workflow secrets: all', '/jobs/call/secrets', 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/r.yml\n    secrets: all\n'),
  wf('workflow_call input without type', '/on/workflow_call/inputs/version', workflowOn('workflow_call:\n  inputs:\n    version:\n      required: true')),
  wf('workflow_call input of type choice', '/on/workflow_call/inputs/version/type', workflowOn('workflow_call:\n  inputs:\n    version:\n      type: choice')),
  wf('workflow_call output without value', '/on/workflow_call/outputs/result', workflowOn('workflow_call:\n  outputs:\n    result:\n      description: r')),
  // Workflow: events.
  wf(
    'workflow_dispatch choice input without options',
    '/on/workflow_dispatch/inputs/env',
    workflowOn('workflow_dispatch:\n  inputs:\n    env:\n      type: choice'),
  ),
  wf(
    'workflow_dispatch input of unknown type',
    '/on/workflow_dispatch/inputs/env/type',
    workflowOn('workflow_dispatch:\n  inputs:\n    env:\n      type: text'),
  ),
  wf('unknown event in a map', '/on', workflowOn('pushh:\n  branches: [main]')),
  wf('unknown event as a string', '/on', 'on: pullrequest\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  wf('unknown event in a list', '/on/1', 'on: [push, pull-request]\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
  wf('push with a types filter', '/on/push', workflowOn('push:\n  types: [created]')),
  wf('branch filter misspelled', '/on/pull_request', workflowOn('pull_request:\n  branch: [main]')),
  wf('schedule entry without cron', '/on/schedule/0', workflowOn('schedule:\n  - crontab: "0 0 * * *"')),
  wf('create with a filter', '/on/create', workflowOn('create:\n  tags: ["v*"]')),
  // Action metadata.
  act('using: node10', '/runs/using', action('runs:\n  using: node10\n  main: index.js')),
  act('missing runs', '', action('inputs: {}')),
  act('missing name', '', 'description: B\nruns:\n  using: node20\n  main: index.js\n'),
  act('node action without main', '/runs', action('runs:\n  using: node20')),
  act('node action with steps', '/runs', action('runs:\n  using: node20\n  main: index.js\n  steps: []')),
  act('docker action with main', '/runs', action('runs:\n  using: docker\n  image: Dockerfile\n  main: index.js')),
  act('composite action with main', '/runs', action('runs:\n  using: composite\n  main: index.js\n  steps: []')),
  act('composite run step without shell', '/runs/steps/0', action('runs:\n  using: composite\n  steps:\n    - run: echo hi')),
  act(
    'composite step with both uses and run',
    '/runs/steps/0',
    action('runs:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n      run: echo\n      shell: bash'),
  ),
  act(
    'composite output without value',
    '/outputs/sum',
    action('outputs:\n  sum:\n    description: s\nruns:\n  using: composite\n  steps: [{ run: echo, shell: bash }]'),
  ),
  act('input defualt typo', '/inputs/who', action('inputs:\n  who:\n    defualt: me\nruns:\n  using: node20\n  main: index.js')),
  act('input required: "yes"', '/inputs/who/required', action('inputs:\n  who:\n    required: "yes"\nruns:\n  using: node20\n  main: index.js')),
  act('bad branding color', '/branding/color', action('branding:\n  color: pink\nruns:\n  using: node20\n  main: index.js')),
  act('branding icon that is not a Feather icon', '/branding/icon', action('branding:\n  icon: rocket\nruns:\n  using: node20\n  main: index.js')),
  // Shipshape config.
  cfg('severity warn instead of warning', '/rules/expression', 'rules:\n  expression: warn\n'),
  cfg('rule id in upper case', '/rules', 'rules:\n  Expression: off\n'),
  cfg('unknown top-level key', '', 'runner-labels: [gpu]\n'),
  cfg('labels that is not a list', '/self-hosted-runner/labels', 'self-hosted-runner:\n  labels: gpu\n'),
  cfg('config-variables that is a string', '/config-variables', 'config-variables: FOO\n'),
  cfg('paths ignore that is a string', '/paths/**~1*.yml/ignore', 'paths:\n  "**/*.yml":\n    ignore: "SC2086"\n'),
];

describe('JSON schemas', () => {
  describe('the schemas themselves', () => {
    for (const name of Object.keys(validators) as SchemaName[]) {
      it(`${name} compiles with ajv in strict mode`, () => {
        assert.equal(typeof compile(name), 'function');
      });

      it(`${name} describes every property and uses no markdownDescription`, () => {
        const schema = readSchema(name);
        assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
        const problems = undescribedProperties(schema, '#');
        assert.deepEqual(problems, []);
        assert.ok(!JSON.stringify(schema).includes('markdownDescription'));
      });
    }
  });

  it('the description check finds an undescribed property', () => {
    const sample = { properties: { a: { type: 'string' }, b: { description: 'B', type: 'string' }, c: false }, if: { properties: { d: {} } } };
    assert.deepEqual(undescribedProperties(sample, '#'), ['#/properties/a']);
  });

  describe('current syntax is accepted', () => {
    it('accepts a workflow using current features and expressions everywhere', () => {
      const workflow = parseYaml(`
name: CI
run-name: Deploy by \${{ github.actor }}
on:
  push:
    branches: [main, 'releases/**']
    tags: ['v*']
    paths-ignore: ['docs/**']
  pull_request:
    types: [opened, synchronize]
  schedule:
    - cron: '30 5 * * 1-5'
      timezone: Europe/London
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [info, debug]
        default: info
      dry-run:
        type: boolean
      target:
        type: environment
      count:
        type: number
        default: 3
      plain:
  workflow_call:
    inputs:
      version: { type: string, required: true, default: '\${{ github.ref_name }}' }
    secrets:
      token: { required: false }
      other:
    outputs:
      result: { value: '\${{ jobs.build.outputs.result }}' }
permissions:
  contents: read
  id-token: write
  models: read
concurrency:
  group: ci-\${{ github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}
defaults:
  run:
    shell: bash
env:
  NUMBER: 3
  FLAG: true
  EMPTY:
jobs:
  runner-group:
    runs-on: { group: large-runners, labels: [linux, x64] }
    env: &shared-env { A: 1 }
    steps: [{ run: echo hi }]
  build:
    runs-on: &runner ubuntu-latest
    timeout-minutes: \${{ inputs.count }}
    env: { <<: *shared-env, B: 2 }
    if: \${{ !cancelled() }}
    continue-on-error: \${{ matrix.experimental }}
    environment: { name: production, url: 'https://example.com', deployment: false }
    strategy:
      fail-fast: false
      max-parallel: \${{ fromJSON(inputs.count) }}
      matrix:
        os: \${{ fromJSON(needs.plan.outputs.os) }}
        node: [20, 22]
        include:
          - os: windows-latest
            experimental: true
    container:
      image: node:22
      credentials: { username: me, password: '\${{ secrets.PASSWORD }}' }
      ports: [8080, '9090:90']
    services:
      redis:
        image: redis
        ports: ['6379:6379']
        command: redis-server --save ""
    outputs:
      result: \${{ steps.run.outputs.result }}
    snapshot:
      image-name: my-image
      version: 2
    steps:
      - uses: actions/checkout@v4
        with: { fetch-depth: 0, lfs: true }
      - uses: ./.github/actions/local
      - uses: $/.github/actions/self
      - uses: docker://alpine:3
      - id: run
        run: echo "result=1" >> "$GITHUB_OUTPUT"
        shell: bash
        working-directory: src
        timeout-minutes: 5
        env: { PORT: 8080 }
        if: success() && github.ref == 'refs/heads/main'
  anchored:
    runs-on: *runner
    steps: [{ run: echo hi }]
  call:
    needs: [build]
    uses: ./.github/workflows/reusable.yml
    with: { version: 1.2, flag: true }
    secrets: inherit
    permissions: write-all
    strategy:
      matrix: \${{ fromJSON(needs.build.outputs.result) }}
`);
      const validate = validators['github-workflow'];
      assert.ok(validate(workflow), describeErrors(validate.errors));
    });

    it('accepts node, composite and docker actions', () => {
      const actions = [
        `
name: Node action
description: Does things
author: me
inputs:
  token:
    description: The token
    required: true
    default: \${{ github.token }}
  old:
    deprecationMessage: Use token instead.
    type: string
outputs:
  id: { description: An id }
runs: { using: node24, main: dist/index.js, post: dist/post.js, post-if: success() }
branding: { icon: git-branch, color: gray-dark }
`,
        `
name: Composite
description: Runs steps
outputs:
  sum: { value: '\${{ steps.add.outputs.sum }}' }
runs:
  using: composite
  steps:
    - id: add
      run: echo "sum=3" >> "$GITHUB_OUTPUT"
      shell: bash
    - uses: actions/cache@v4
      with: { path: ~/.npm }
`,
        `
name: Docker
description: In a container
runs:
  using: docker
  image: Dockerfile
  args: ['\${{ inputs.who }}', 3]
  env: { MODE: fast }
  pre-entrypoint: /setup.sh
`,
      ];
      const validate = validators['github-action'];
      for (const text of actions) assert.ok(validate(parseYaml(text)), describeErrors(validate.errors));
    });

    it('accepts a Shipshape config, and an empty one', () => {
      const validate = validators['shipshape-config'];
      const config = parseYaml(`
self-hosted-runner:
  labels: [linux-*, gpu]
config-variables: [DEPLOY_TARGET]
paths:
  .github/workflows/**/*.yml:
    ignore: ['shellcheck reported issue .+SC2086']
rules:
  runner-label: off
  expression: warning
`);
      assert.ok(validate(config), describeErrors(validate.errors));
      assert.ok(validate(parseYaml('config-variables: null\n')), describeErrors(validate.errors));
      assert.ok(validate(parseYaml('')), describeErrors(validate.errors));
    });
  });

  describe('real-world files', () => {
    const corpusPresent = existsSync(corpusFolder);
    const skipReason = corpusPresent ? '' : ` (skipped: no corpus at ${corpusFolder})`;
    // Real mistakes in the corpus (see KNOWN-FINDINGS.md there) that are schema-level: they must be reported.
    const knownFindings: Record<string, string[]> = {
      'real/helm__helm/.github/workflows/release.yml': ['/on/create'],
    };

    const checkFolder = (folder: string, select: (path: string) => boolean, schema: SchemaName, minimum: number) =>
      function (this: Mocha.Context) {
        if (!corpusPresent) this.skip();
        const validate = validators[schema];
        const files = filesUnder(join(corpusFolder, folder)).filter(select);
        assert.ok(files.length >= minimum, `expected at least ${minimum} files, found ${files.length}`);
        const falseErrors: string[] = [];
        for (const file of files) {
          const name = relative(corpusFolder, file).split('\\').join('/');
          const expected = knownFindings[name] ?? [];
          const valid = validate(parseYaml(readFileSync(file, 'utf8')));
          const errors = valid ? [] : (validate.errors ?? []);
          const unexpected = errors.filter((error) => !expected.some((path) => isPartOfFinding(error, path)));
          if (unexpected.length > 0) falseErrors.push(`${name}\n${describeErrors(unexpected)}`);
          for (const path of expected) {
            if (!errors.some((error) => error.instancePath === path)) falseErrors.push(`${name}: the known mistake at ${path} was not reported`);
          }
        }
        assert.deepEqual(falseErrors, []);
      };

    it(
      `actionlint-ok workflows have no schema errors${skipReason}`,
      checkFolder('actionlint-ok', (path) => /\.ya?ml$/.test(path), 'github-workflow', 80),
    );
    it(`real-world workflows have no schema errors but the known ones${skipReason}`, checkFolder('real', isWorkflowFile, 'github-workflow', 360));
    it(`real-world action.yml files have no schema errors${skipReason}`, checkFolder('real', isActionFile, 'github-action', 40));
  });

  describe('mistakes are reported where they are', () => {
    for (const mistake of mistakes) {
      it(`${mistake.schema}: ${mistake.title} -> ${mistake.path || '(root)'}`, () => {
        const validate = validators[mistake.schema];
        const valid = validate(parseYaml(mistake.yaml));
        assert.equal(valid, false, `${mistake.title} was accepted`);
        assert.ok(
          validate.errors?.some((error) => error.instancePath === mistake.path),
          `no error at ${mistake.path || '(root)'}; errors were:\n${describeErrors(validate.errors)}`,
        );
      });
    }

    it('has at least 40 mistakes', () => assert.ok(mistakes.length >= 40));
  });
});
