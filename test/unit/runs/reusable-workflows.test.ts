import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planJson, runJson } from '../../../src/cli/run-commands';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { MAX_WORKFLOW_LEVELS } from '../../../src/core/runs/reusable-workflows';
import { tempFolder } from '../../support/temp';
import { job, logOf, runIn, step } from './helpers';
import { repoWithWorkflow } from '../../support/repos';

const called = (body: string) => `on:\n  workflow_call:\n${body}`;

describe('local runs: local reusable workflows', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-reusable-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  const BUILD = called(`    inputs:
      greeting: { type: string, required: true }
      count: { type: number }
      verbose: { type: boolean, default: false }
      level: { type: string, default: basic }
    secrets:
      TOKEN: { required: true }
    outputs:
      artifact:
        value: \${{ jobs.package.outputs.file }}
env:
  CALLED: from-called
jobs:
  compile:
    name: Compile
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo 'greeting=\${{ inputs.greeting }} count=\${{ toJSON(inputs.count) }} verbose=\${{ toJSON(inputs.verbose) }} level=\${{ inputs.level }}'
          echo "token=\${{ secrets.TOKEN }}"
          echo "event=\${{ github.event_name }} caller_env=[$CALLER_ONLY] called_env=$CALLED job=$GITHUB_JOB"
  package:
    needs: compile
    runs-on: ubuntu-latest
    outputs:
      file: \${{ steps.pack.outputs.file }}
    steps:
      - id: pack
        run: echo "file=\${{ inputs.greeting }}-\${{ inputs.count }}.tgz" >> "$GITHUB_OUTPUT"
`);

  const CALLER = `name: CI
on: push
env:
  CALLER_ONLY: from-caller
jobs:
  prepare:
    runs-on: ubuntu-latest
    outputs:
      greeting: \${{ steps.g.outputs.greeting }}
    steps:
      - id: g
        run: echo "greeting=hello" >> "$GITHUB_OUTPUT"
  build:
    name: Build
    needs: prepare
    uses: ./.github/workflows/build.yml
    with:
      greeting: \${{ needs.prepare.outputs.greeting }}
      count: '3'
      verbose: 'true'
    secrets: inherit
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "artifact=\${{ needs.build.outputs.artifact }} result=\${{ needs.build.result }}"
          test "\${{ needs.build.outputs.artifact }}" = hello-3.tgz
`;

  it('runs the called jobs with typed inputs and an inherited secret, and hands its outputs back through needs', async () => {
    const repo = repoWithWorkflow(temp.path, 'call', CALLER, { '.github/workflows/build.yml': BUILD });
    const { record, updates } = await runIn(repo, store, { secrets: { TOKEN: 's3cr3t-value' } });
    assert.equal(record.status, 'success', `${record.problem ?? ''} ${JSON.stringify(record.jobs.map((j) => [j.key, j.status, j.reason]))}`);
    assert.deepEqual(
      record.jobs.map((j) => [j.key, j.jobId, j.name, j.needs]),
      [
        ['prepare', 'prepare', 'prepare', []],
        ['build/compile', 'build/compile', 'Build / Compile', ['prepare']],
        ['build/package', 'build/package', 'Build / package', ['build/compile']],
        ['deploy', 'deploy', 'deploy', ['build/package']],
      ],
    );
    const lines = logOf(updates, 'build/compile', 0);
    assert.ok(lines.includes('greeting=hello count=3 verbose=true level=basic'), lines.join('\n'));
    assert.ok(lines.includes('token=***'), 'the inherited secret arrives, masked');
    // The caller's event stays; the caller's workflow env does not reach the called workflow, its own env does.
    assert.ok(lines.includes('event=push caller_env=[] called_env=from-called job=compile'), lines.join('\n'));
    assert.equal(job(record, 'build/package').outputs.file, 'hello-3.tgz');
    assert.ok(logOf(updates, 'deploy', 0).includes('artifact=hello-3.tgz result=success'));
    const runDir = join(store, record.runId);
    const onDisk = readdirSync(join(runDir, 'jobs')).flatMap((leg) =>
      readdirSync(join(runDir, 'jobs', leg))
        .filter((file) => file.endsWith('.log'))
        .map((file) => readFileSync(join(runDir, 'jobs', leg, file), 'utf8')),
    );
    assert.ok(onDisk.some((text) => text.includes('token=***')) && !onDisk.some((text) => text.includes('s3cr3t-value')), 'logs on disk are masked');
  });

  it('shows the expanded jobs in the plan and its JSON', async () => {
    const repo = repoWithWorkflow(temp.path, 'plan', CALLER, { '.github/workflows/build.yml': BUILD });
    const { plan } = await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml' });
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(
      plan.jobs.map((j) => [j.key, j.name, j.needs, j.willRun, j.file ?? null]),
      [
        ['prepare', 'prepare', [], true, null],
        ['build/compile', 'Build / Compile', ['prepare'], true, '.github/workflows/build.yml'],
        ['build/package', 'Build / package', ['build/compile'], true, '.github/workflows/build.yml'],
        ['deploy', 'deploy', ['build/package'], true, null],
      ],
    );
    assert.deepEqual(
      planJson(plan).jobs.map((j) => j.id),
      ['prepare', 'build/compile', 'build/package', 'deploy'],
    );
  });

  it("calls once per leg of a matrix caller, honours the caller's if:, and passes mapped secrets only", async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'matrix',
      `on: push
jobs:
  test:
    strategy:
      matrix:
        node: [18, 20]
    uses: ./.github/workflows/unit.yml
    with:
      version: \${{ matrix.node }}
    secrets:
      KEY: \${{ secrets.MAPPED }}
  never:
    if: github.event_name == 'pull_request'
    uses: ./.github/workflows/unit.yml
    with:
      version: none
`,
      {
        '.github/workflows/unit.yml': called(`    inputs:
      version: { type: string, required: true }
    secrets:
      KEY: { required: false }
jobs:
  unit:
    runs-on: ubuntu-latest
    steps:
      - run: echo "node=\${{ inputs.version }} key=[\${{ secrets.KEY }}] other=[\${{ secrets.OTHER }}]"
`),
      },
    );
    const { record, updates } = await runIn(repo, store, { secrets: { MAPPED: 'mapped-value', OTHER: 'other-value' } });
    assert.equal(record.status, 'success', record.problem);
    assert.deepEqual(
      record.jobs.map((j) => [j.key, j.name, j.status]),
      [
        ['test (18)/unit', 'test (18) / unit', 'success'],
        ['test (20)/unit', 'test (20) / unit', 'success'],
        ['never', 'never', 'skipped'],
      ],
    );
    // Both legs call the same job id; the JSON's key tells them apart.
    assert.deepEqual(
      runJson(record).jobs.map((j) => [j.id, j.key]),
      [
        ['test/unit', 'test (18)/unit'],
        ['test/unit', 'test (20)/unit'],
        ['never', 'never'],
      ],
    );
    assert.match(job(record, 'never').reason ?? '', /if: github\.event_name == 'pull_request' is false/);
    assert.ok(logOf(updates, 'test (20)/unit', 0).includes('node=20 key=[***] other=[]'), logOf(updates, 'test (20)/unit', 0).join('\n'));
  });

  it('fails the caller when a called job fails: needs.<caller>.result is failure and dependants skip', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'failing',
      `on: push
jobs:
  build:
    uses: ./.github/workflows/build.yml
  later:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: echo never
  report:
    needs: build
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo "build=\${{ needs.build.result }}"
`,
      { '.github/workflows/build.yml': called('jobs:\n  broken:\n    runs-on: ubuntu-latest\n    steps:\n      - run: exit 4\n') },
    );
    const { record, updates } = await runIn(repo, store);
    assert.equal(record.status, 'failure');
    assert.equal(step(job(record, 'build/broken'), 'Run exit 4').exitCode, 4);
    assert.equal(job(record, 'later').status, 'skipped');
    assert.ok(logOf(updates, 'report', 0).includes('build=failure'));
  });

  it('refuses a call without a required input, and one to a workflow that is not callable', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'refused',
      'on: push\njobs:\n  a:\n    uses: ./.github/workflows/needs-input.yml\n  b:\n    uses: ./.github/workflows/plain.yml\n',
      {
        '.github/workflows/needs-input.yml': called(
          '    inputs:\n      target: { type: string, required: true }\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.target }}\n',
        ),
        '.github/workflows/plain.yml': 'on: push\njobs:\n  y:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo plain\n',
      },
    );
    const { record } = await runIn(repo, store);
    assert.equal(record.status, 'failure', 'a workflow that cannot run fails');
    // Validation's workflow-call rule says both, at their places; the planner's own words would say them twice.
    assert.deepEqual(record.plan.problems, [
      '.github/workflows/ci.yml:4:11: Job "a" does not pass the required input "target" of "./.github/workflows/needs-input.yml". [workflow-call]',
      '.github/workflows/ci.yml:6:11: Job "b" calls "./.github/workflows/plain.yml", which has no "workflow_call" trigger under "on:", so it cannot be called. [workflow-call]',
    ]);
    assert.equal(record.problem, 'The workflow cannot run: 2 problems.', 'one line; the plan lists each');
  });

  it('refuses a call that passes no secrets to a workflow requiring one, and masks mapped secrets whatever their source', async () => {
    const unit = called(`    secrets:
      KEY: { required: true }
jobs:
  unit:
    runs-on: ubuntu-latest
    steps:
      - run: echo "key=[\${{ secrets.KEY }}]"
`);
    const omitted = repoWithWorkflow(temp.path, 'no-secrets', 'on: push\njobs:\n  test:\n    uses: ./.github/workflows/unit.yml\n', {
      '.github/workflows/unit.yml': unit,
    });
    const { plan } = await prepareLocalPlan({ repo: omitted, workflow: '.github/workflows/ci.yml' });
    assert.ok(
      plan.problems.some((problem) => /required secret "KEY"/.test(problem)),
      plan.problems.join('\n'),
    );
    assert.equal(plan.willRun, false);

    // On GitHub a called workflow's secrets are masked in its logs, even one mapped from a variable.
    const mapped = repoWithWorkflow(
      temp.path,
      'mapped-from-var',
      'on: push\njobs:\n  test:\n    uses: ./.github/workflows/unit.yml\n    secrets:\n      KEY: ${{ vars.PLAIN }}\n',
      { '.github/workflows/unit.yml': unit },
    );
    const { record, updates } = await runIn(mapped, store, { vars: { PLAIN: 'plain-but-passed-as-secret' } });
    assert.equal(record.status, 'success', record.problem);
    const lines = logOf(updates, 'test/unit', 0);
    assert.ok(lines.includes('key=[***]') && !lines.some((line) => line.includes('plain-but-passed-as-secret')), lines.join('\n'));
  });

  it('refuses a cycle of calls, runs ten levels of workflows (the github.com limit) and refuses an eleventh', async () => {
    const cycle = repoWithWorkflow(temp.path, 'cycle', 'on: push\njobs:\n  loop:\n    uses: ./.github/workflows/a.yml\n', {
      '.github/workflows/a.yml': called('jobs:\n  back:\n    uses: ./.github/workflows/b.yml\n'),
      '.github/workflows/b.yml': called('jobs:\n  again:\n    uses: ./.github/workflows/a.yml\n'),
    });
    const { plan } = await prepareLocalPlan({ repo: cycle, workflow: '.github/workflows/ci.yml' });
    assert.ok(
      plan.problems.includes(
        'job "loop/back/again" calls "./.github/workflows/a.yml", which is already being called: a cycle (.github/workflows/ci.yml -> .github/workflows/a.yml -> .github/workflows/b.yml -> .github/workflows/a.yml)',
      ),
      plan.problems.join('\n'),
    );
    assert.equal(plan.willRun, false);

    // Levels 2..n call each other; the deepest runs a step. The top workflow is level 1.
    const level = (n: number, next?: number) =>
      called(
        `jobs:\n  l${n}:\n${next ? `    uses: ./.github/workflows/l${next}.yml\n` : '    runs-on: ubuntu-latest\n    steps:\n      - run: echo deepest\n'}`,
      );
    const chain = (deepest: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: deepest - 1 }, (_, i) => [`.github/workflows/l${i + 2}.yml`, level(i + 2, i + 2 < deepest ? i + 3 : undefined)]));
    const keyOf = (deepest: number) => ['top', ...Array.from({ length: deepest - 1 }, (_, i) => `l${i + 2}`)].join('/');
    const top = 'on: push\njobs:\n  top:\n    uses: ./.github/workflows/l2.yml\n';
    const deepestAllowed = repoWithWorkflow(temp.path, 'ten', top, chain(MAX_WORKFLOW_LEVELS));
    const { record, updates } = await runIn(deepestAllowed, store);
    assert.equal(record.status, 'success', record.problem);
    assert.deepEqual(
      record.jobs.map((j) => j.key),
      [keyOf(MAX_WORKFLOW_LEVELS)],
    );
    assert.ok(logOf(updates, keyOf(MAX_WORKFLOW_LEVELS), 0).includes('deepest'));

    const tooDeepRepo = repoWithWorkflow(temp.path, 'eleven', top, chain(MAX_WORKFLOW_LEVELS + 1));
    const tooDeep = await prepareLocalPlan({ repo: tooDeepRepo, workflow: '.github/workflows/ci.yml' });
    const expected = `job "${keyOf(MAX_WORKFLOW_LEVELS)}" calls "./.github/workflows/l${MAX_WORKFLOW_LEVELS + 1}.yml" at level ${MAX_WORKFLOW_LEVELS + 1}`;
    assert.ok(
      tooDeep.plan.problems.some((problem) => problem.startsWith(expected)),
      tooDeep.plan.problems.join('\n'),
    );
  });

  it('skips a remote reusable workflow with the reason, and runs the rest', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'remote',
      'on: push\njobs:\n  shared:\n    uses: octo-org/shared/.github/workflows/ci.yml@v1\n  local:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo local\n',
    );
    const { record } = await runIn(repo, store);
    assert.equal(record.status, 'success', record.problem);
    const shared = job(record, 'shared');
    assert.equal(shared.status, 'skipped');
    assert.match(shared.reason ?? '', /"octo-org\/shared\/\.github\/workflows\/ci\.yml@v1" is a remote reusable workflow/);
    assert.equal(record.plan.jobs.find((j) => j.key === 'shared')?.reason, shared.reason);
  });
});
