import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStore } from '../../../src/core/runs/run-store';
import { tempFolder } from '../../support/temp';
import { job, logOf, repositoryFingerprint, runIn, step } from './helpers';
import { repoWithWorkflow } from '../../support/repos';

describe('local runs: real workflows in real repositories', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-runs-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  it('runs steps with outputs across steps and jobs, env precedence and multi-line values', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'outputs',
      `name: CI
on: push
env:
  LEVEL: workflow
  KEEP: from-workflow
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      LEVEL: job
    outputs:
      version: \${{ steps.ver.outputs.version }}
      notes: \${{ steps.ver.outputs.notes }}
    steps:
      - id: ver
        run: |
          echo "version=1.2.3" >> "$GITHUB_OUTPUT"
          { echo "notes<<EOF"; echo "line one"; echo "line two"; echo "EOF"; } >> "$GITHUB_OUTPUT"
          echo "FROM_FILE=set-by-step" >> "$GITHUB_ENV"
      - id: env
        env:
          LEVEL: step
        run: echo "level=$LEVEL keep=$KEEP file=$FROM_FILE ci=$CI ref=$GITHUB_REF_NAME"
      - run: echo "job level is $LEVEL and the output was \${{ steps.ver.outputs.version }}"
  test:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "got \${{ needs.build.outputs.version }}"
          test "\${{ needs.build.outputs.version }}" = 1.2.3
          printf '%s\\n' "\${{ needs.build.outputs.notes }}" | wc -l | grep -q 2
`,
    );
    const { record, updates } = await runIn(repo, store);
    assert.equal(
      record.status,
      'success',
      JSON.stringify(
        record.jobs.map((j) => [j.key, j.status, j.reason]),
        null,
        1,
      ),
    );
    const build = job(record, 'build');
    assert.equal(build.outputs.version, '1.2.3');
    assert.equal(build.outputs.notes, 'line one\nline two');
    assert.deepEqual(
      logOf(updates, 'build', 1).filter((line) => line.startsWith('level=')),
      ['level=step keep=from-workflow file=set-by-step ci=true ref=main'],
    );
    assert.ok(logOf(updates, 'build', 2).includes('job level is job and the output was 1.2.3'));
    assert.equal(job(record, 'test').status, 'success');
    assert.ok(logOf(updates, 'test', 0).includes('got 1.2.3'));
  });

  it('leaves the working tree, index, branches and stashes exactly as they were, and removes the worktree', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'untouched',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo changed > README.md && touch new-file && git add -A\n',
    );
    writeFileSync(join(repo, 'README.md'), 'uncommitted edit\n');
    writeFileSync(join(repo, 'untracked.txt'), 'mine\n');
    const before = repositoryFingerprint(repo);
    const { record } = await runIn(repo, store, { includeUncommitted: true });
    assert.equal(record.status, 'success', record.problem);
    assert.equal(repositoryFingerprint(repo), before);
    assert.equal(readFileSync(join(repo, 'README.md'), 'utf8'), 'uncommitted edit\n');
    assert.equal(existsSync(join(repo, 'new-file')), false);
    assert.equal(readFileSync(join(repo, '.git', 'HEAD'), 'utf8').trim(), 'ref: refs/heads/main');
    assert.ok(!existsSync(join(repo, '.git', 'worktrees')) || readdirSync(join(repo, '.git', 'worktrees')).length === 0, 'the worktree is pruned');
  });

  it('copies uncommitted changes in only when asked', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'copy',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - id: read\n        run: echo "text=$(cat notes.txt 2>/dev/null || echo missing)" >> "$GITHUB_OUTPUT"\n',
    );
    writeFileSync(join(repo, 'notes.txt'), 'draft\n');
    const without = await runIn(repo, store);
    assert.equal(step(job(without.record, 'a'), 'read').outputs.text, 'missing');
    const withChanges = await runIn(repo, store, { includeUncommitted: true });
    assert.equal(step(job(withChanges.record, 'a'), 'read').outputs.text, 'draft');
  });

  it('fails a step with its exit code, skips the rest, and honours continue-on-error and status functions', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'failing',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: soft
        continue-on-error: true
        run: exit 3
      - id: after-soft
        run: echo still running
      - id: hard
        run: |
          false
          echo never printed
      - id: skipped
        run: echo skipped
      - id: on-failure
        if: failure()
        run: echo cleaning up
      - id: always
        if: always()
        run: echo always
  b:
    needs: a
    runs-on: ubuntu-latest
    steps:
      - run: echo should not run
  c:
    needs: a
    if: failure()
    runs-on: ubuntu-latest
    steps:
      - run: echo reporting the failure
`,
    );
    const { record, updates } = await runIn(repo, store);
    assert.equal(record.status, 'failure');
    const a = job(record, 'a');
    assert.deepEqual(
      a.steps.map((s) => [s.id, s.status, s.outcome]),
      [
        ['soft', 'success', 'failure'],
        ['after-soft', 'success', 'success'],
        ['hard', 'failure', 'failure'],
        ['skipped', 'skipped', 'skipped'],
        ['on-failure', 'success', 'success'],
        ['always', 'success', 'success'],
      ],
    );
    assert.equal(step(a, 'soft').exitCode, 3);
    assert.ok(!logOf(updates, 'a', 2).includes('never printed'), 'bash -e stops at the first failing command');
    assert.equal(job(record, 'b').status, 'skipped');
    assert.equal(job(record, 'c').status, 'success');
  });

  it('masks secrets and ::add-mask:: values in every log line and on disk', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'masking',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - env:
          TOKEN: \${{ secrets.API_TOKEN }}
        run: |
          echo "token is $TOKEN"
          echo "::add-mask::runtime-value-42"
          echo "later runtime-value-42 appears"
      - run: echo "not given the secret [$TOKEN]"
`,
    );
    const { record, updates } = await runIn(repo, store, { secrets: { API_TOKEN: 's3cr3t-value', UNUSED: 'other-secret' } });
    assert.equal(record.status, 'success', record.problem);
    const lines = logOf(updates, 'a', 0);
    assert.ok(lines.includes('token is ***'), lines.join('\n'));
    assert.ok(lines.includes('later *** appears'), lines.join('\n'));
    assert.ok(logOf(updates, 'a', 1).includes('not given the secret []'));
    const disk = readFileSync(job(record, 'a').steps[0]?.logFile as string, 'utf8');
    assert.ok(!disk.includes('s3cr3t-value') && !disk.includes('runtime-value-42'), disk);
    assert.ok(!JSON.stringify(new RunStore(store).read(record.runId)).includes('s3cr3t-value'));
  });

  it('expands a matrix with include and exclude, and fail-fast cancels the other legs', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'matrix',
      `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        os: [linux, mac]
        node: [18, 20]
        exclude:
          - os: mac
            node: 18
        include:
          - os: linux
            node: 20
            extra: yes
    steps:
      - run: echo "leg \${{ matrix.os }}-\${{ matrix.node }} extra=\${{ matrix.extra }} of \${{ strategy.job-total }}"
  fragile:
    runs-on: ubuntu-latest
    strategy:
      max-parallel: 1
      matrix:
        n: [1, 2, 3]
    steps:
      - run: test "\${{ matrix.n }}" != 1
`,
    );
    const { record, updates } = await runIn(repo, store);
    const legs = record.jobs.filter((j) => j.jobId === 'test').map((j) => j.key);
    assert.deepEqual(legs, ['test (linux, 18)', 'test (linux, 20, yes)', 'test (mac, 20)']);
    assert.ok(logOf(updates, 'test (linux, 20, yes)', 0).includes('leg linux-20 extra=yes of 3'));
    const fragile = record.jobs.filter((j) => j.jobId === 'fragile');
    assert.deepEqual(
      fragile.map((j) => j.status),
      ['failure', 'cancelled', 'cancelled'],
    );
  });

  it('records the run with its plan, logs on disk, and keeps only the newest runs', async () => {
    const repo = repoWithWorkflow(temp.path, 'store', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hello\n');
    const ownStore = join(temp.path, 'own-store', 'runs');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await runIn(repo, ownStore, { retain: 2 })).record.runId);
    const kept = new RunStore(ownStore).list();
    assert.deepEqual(
      kept.map((r) => r.runId),
      [ids[2], ids[1]],
    );
    const first = kept[0];
    assert.ok(first?.plan.jobs.length === 1);
    assert.match(readFileSync(first?.jobs[0]?.steps[0]?.logFile as string, 'utf8'), /hello/);
  });

  it('refuses to run a workflow with validation errors, and says why', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'invalid',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nothere\n    steps:\n      - run: echo hi\n',
    );
    const { record } = await runIn(repo, store);
    assert.equal(record.status, 'failure');
    assert.match(record.problem ?? '', /cannot run/);
    assert.match(record.plan.problems.join('\n'), /nothere/);
    assert.equal(record.jobs.length, 0);
  });

  it("reports validation errors at the committed file's own lines, leading blank lines included", async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'blank-lines',
      '\n\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nothere\n    steps:\n      - run: echo hi\n',
    );
    const { record } = await runIn(repo, store);
    assert.match(record.plan.problems.join('\n'), /ci\.yml:7:/);
  });
});

describe('local runs: processes, actions and artifacts', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-runs2-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return !/^\d+ \(.*\) Z/.test(stat);
    } catch {
      return false;
    }
  };

  it('stops a step at timeout-minutes and a cancelled run, leaving no process behind', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'timeouts',
      `on: push
jobs:
  slow:
    runs-on: ubuntu-latest
    steps:
      - id: loop
        timeout-minutes: 0.02
        run: |
          while true; do sleep 0.1; done
      - id: cleanup
        if: always()
        run: echo cleanup ran
`,
    );
    const { record } = await runIn(repo, store);
    const slow = job(record, 'slow');
    assert.equal(step(slow, 'loop').status, 'failure');
    assert.match(step(slow, 'loop').reason ?? '', /timed out/);
    assert.equal(step(slow, 'cleanup').status, 'success');

    const cancelRepo = repoWithWorkflow(
      temp.path,
      'cancel',
      'on: push\njobs:\n  spin:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          sleep 30 &\n          echo "child=$!"\n          while true; do sleep 0.1; done\n',
    );
    const controller = new AbortController();
    const pids: number[] = [];
    const running = runIn(cancelRepo, store, {
      signal: controller.signal,
      onUpdate: (update) => {
        const line = update.type === 'log' ? update.lines.find((text) => text.startsWith('child=')) : undefined;
        if (line !== undefined) {
          pids.push(Number(line.slice(6)));
          controller.abort();
        }
      },
    });
    const { record: cancelled } = await running;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(pids.length, 1);
    assert.equal(alive(pids[0] as number), false, 'the background sleep was killed with its step');
  });

  it('fails a job or step whose timeout-minutes cannot be evaluated, while the other jobs run to their end', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'bad-timeouts',
      `on: push
jobs:
  slow:
    runs-on: ubuntu-latest
    steps:
      - run: |
          sleep 1 &
          echo "child=$!"
          wait
  bad-job:
    runs-on: ubuntu-latest
    timeout-minutes: \${{ fromJSON(github.ref_name) }}
    steps:
      - run: echo never
  bad-step:
    runs-on: ubuntu-latest
    steps:
      - id: first
        timeout-minutes: \${{ fromJSON(github.ref_name) }}
        run: echo never
      - id: second
        run: echo skipped
`,
    );
    const pids: number[] = [];
    const { record } = await runIn(repo, store, {
      onUpdate: (update) => update.type === 'log' && update.lines.forEach((line) => line.startsWith('child=') && pids.push(Number(line.slice(6)))),
    });
    assert.equal(record.problem, undefined, 'no exception escapes the run');
    assert.equal(record.status, 'failure');
    assert.equal(job(record, 'slow').status, 'success', 'the other job ran to its end before the worktree went');
    assert.equal(job(record, 'bad-job').status, 'failure');
    assert.match(step(job(record, 'bad-job'), 'Run echo never').reason ?? '', /timeout-minutes cannot be evaluated: fromJSON/);
    const badStep = job(record, 'bad-step');
    assert.equal(badStep.status, 'failure');
    assert.equal(step(badStep, 'first').status, 'failure');
    assert.match(step(badStep, 'first').reason ?? '', /fromJSON/);
    assert.equal(step(badStep, 'second').status, 'skipped');
    assert.equal(pids.length, 1);
    assert.equal(alive(pids[0] as number), false);
  });

  it('keeps a background process of one step for the next, and stops it when the job ends', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'background',
      `on: push
jobs:
  serve:
    runs-on: ubuntu-latest
    steps:
      - id: start
        run: |
          (sleep 30; echo late) > /dev/null 2>&1 &
          echo "pid=$!" >> "$GITHUB_OUTPUT"
      - run: kill -0 \${{ steps.start.outputs.pid }}
`,
    );
    const { record } = await runIn(repo, store);
    const serve = job(record, 'serve');
    assert.equal(serve.status, 'success', serve.steps.map((s) => `${s.name}: ${s.reason}`).join('\n'));
    assert.equal(alive(Number(step(serve, 'start').outputs.pid)), false);
  });

  it('runs a local composite action with inputs and outputs, and hands artifacts from one job to the next', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'composite',
      `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: greet
        uses: ./.github/actions/greet
        with:
          who: World
      - run: test "\${{ steps.greet.outputs.greeting }}" = "Hello, World"
      - run: mkdir -p out/sub && echo built > out/sub/app.txt
      - uses: actions/upload-artifact@v4
        with:
          name: app
          path: out/
  test:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: app
          path: got
      - run: test "$(cat got/sub/app.txt)" = built
`,
      {
        '.github/actions/greet/action.yml': `name: greet
inputs:
  who:
    required: true
  punctuation:
    default: ''
outputs:
  greeting:
    value: \${{ steps.make.outputs.text }}
runs:
  using: composite
  steps:
    - id: make
      shell: bash
      run: echo "text=Hello, \${{ inputs.who }}\${{ inputs.punctuation }}" >> "$GITHUB_OUTPUT"
    - shell: bash
      run: echo "composite says hi"
`,
      },
    );
    const { record, updates } = await runIn(repo, store);
    assert.equal(
      record.status,
      'success',
      JSON.stringify(
        record.jobs.map((j) => j.steps.map((s) => [s.name, s.status, s.reason])),
        null,
        1,
      ),
    );
    assert.equal(step(job(record, 'build'), 'greet').outputs.greeting, 'Hello, World');
    const greetIndex = step(job(record, 'build'), 'greet').index;
    assert.ok(
      updates.some(
        (update) =>
          update.type === 'log' &&
          update.key === 'build' &&
          update.index === greetIndex &&
          update.stream === 'stdout' &&
          update.lines.includes('composite says hi'),
      ),
      "the composite's output is the step's own output, not a runner note",
    );
  });

  it('does not run when the trigger filters do not match, and says why', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'filters',
      'on:\n  push:\n    branches: [release/**]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    );
    const { record } = await runIn(repo, store);
    assert.equal(record.status, 'skipped');
    assert.match(record.problem ?? '', /does not run for this event/);
    assert.match(record.problem ?? '', /release\/\*\*/);
    const { record: onRelease } = await runIn(repo, store, { ref: 'release/1.0' });
    assert.equal(onRelease.status, 'success', onRelease.problem);
  });
});
