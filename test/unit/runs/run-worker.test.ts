import { strict as assert } from 'node:assert';
import { existsSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isShipshapeError } from '../../../src/core/errors';
import type { RunRequest } from '../../../src/core/runs/local-run';
import type { RunRecord, RunUpdate } from '../../../src/core/runs/run-types';
import { runInWorker } from '../../../src/core/runs/worker/run-worker-client';
import type { FromWorker } from '../../../src/core/runs/worker/run-worker-protocol';
import { tempFolder } from '../../support/temp';
import { git } from '../../support/git';
import { job, runIn } from './helpers';
import { repoWithWorkflow } from '../../support/repos';

const WORKER = join(__dirname, '..', '..', '..', 'src', 'core', 'runs', 'worker', 'run-worker-main.ts');
const TSX = ['--require', require.resolve('tsx/cjs')];

async function runInChild(
  repo: string,
  store: string,
  options: Partial<RunRequest> = {},
  onMessage?: (message: FromWorker) => void,
): Promise<{ record: RunRecord; updates: RunUpdate[] }> {
  const updates: RunUpdate[] = [];
  const { onUpdate, ...rest } = options;
  const record = await runInWorker(
    { repo, workflow: '.github/workflows/ci.yml', storeDir: store, onUpdate: (update) => (updates.push(update), onUpdate?.(update)), ...rest },
    { workerPath: WORKER, execArgv: TSX, ...(onMessage ? { onMessage } : {}) },
  );
  return { record, updates };
}

/** Whether a process is still there (a zombie waiting for its parent counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Updates with what differs from run to run (ids, times, paths) left out; log updates one line each, however they were grouped. */
function comparable(updates: readonly RunUpdate[]): string[] {
  return updates.flatMap((update) => {
    switch (update.type) {
      case 'run-started':
        return `run-started ${update.plan.jobs.map((j) => j.key).join(',')}`;
      case 'log':
        return update.lines.map((line) => `log ${update.key}#${update.index} ${update.stream} ${line}`);
      case 'step-finished':
        return `step-finished ${update.key}#${update.result.index} ${update.result.status} ${JSON.stringify(update.result.outputs)}`;
      case 'job-finished':
        return `job-finished ${update.key} ${update.result.status} ${JSON.stringify(update.result.outputs)}`;
      case 'run-finished':
        return `run-finished ${update.record.status}`;
      default:
        return `${update.type} ${update.key}`;
    }
  });
}

describe('local runs in a worker process', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-worker-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  it('sends the same updates and record as a run in this process', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'same',
      `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      word: \${{ steps.say.outputs.word }}
    steps:
      - id: say
        run: |
          for i in $(seq 1 300); do echo "line $i"; done
          echo "::warning::careful"
          echo "word=hello" >> "$GITHUB_OUTPUT"
  test:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: echo "got \${{ needs.build.outputs.word }}" && exit 3
        continue-on-error: true
      - run: echo done
`,
    );
    const inProcess = await runIn(repo, store);
    const inWorker = await runInChild(repo, store);
    assert.equal(inWorker.record.status, 'success', inWorker.record.problem);
    assert.deepEqual(comparable(inWorker.updates), comparable(inProcess.updates));
    // In this process each line is an update; across the IPC channel a batch's lines of a step travel together.
    const logUpdates = (updates: readonly RunUpdate[]) => updates.filter((update) => update.type === 'log');
    assert.ok(logUpdates(inProcess.updates).every((update) => update.lines.length === 1));
    assert.ok(
      logUpdates(inWorker.updates).length < logUpdates(inProcess.updates).length,
      `${logUpdates(inWorker.updates).length} log updates for ${logUpdates(inProcess.updates).length} lines`,
    );
    assert.deepEqual(job(inWorker.record, 'build').outputs, { word: 'hello' });
    assert.deepEqual(
      job(inWorker.record, 'build').annotations.map((a) => a.message),
      ['careful'],
    );
  });

  const built = join(__dirname, '..', '..', '..', 'dist', 'run-worker.js');
  (existsSync(built) ? it : it.skip)(
    `runs with the bundled worker the extension forks${existsSync(built) ? '' : ' (skipped: dist/run-worker.js not built)'}`,
    async () => {
      const repo = repoWithWorkflow(temp.path, 'bundled', 'on: push\njobs:\n  one:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo bundled\n');
      const updates: RunUpdate[] = [];
      const record = await runInWorker(
        { repo, workflow: '.github/workflows/ci.yml', storeDir: store, onUpdate: (update) => updates.push(update) },
        { workerPath: built },
      );
      assert.equal(record.status, 'success', record.problem);
      assert.ok(updates.some((update) => update.type === 'log' && update.lines.includes('bundled')));
    },
  );

  it('rejects with the error code when the run cannot start', async () => {
    await assert.rejects(runInChild(temp.path, store), (error: unknown) => isShipshapeError(error) && error.code === 'not-a-repository');
  });

  it('cancels as GitHub does (always() steps still run), and force-cancels them on a second cancel', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'cancel',
      `on: push
jobs:
  work:
    runs-on: ubuntu-latest
    steps:
      - run: echo started; sleep 30
      - if: always()
        run: echo cleanup-started; sleep 30
`,
    );
    const cancel = new AbortController();
    const force = new AbortController();
    const { record } = await runInChild(repo, store, {
      signal: cancel.signal,
      forceSignal: force.signal,
      onUpdate: (update) => {
        if (update.type !== 'log') return;
        if (update.lines.includes('started')) cancel.abort();
        if (update.lines.includes('cleanup-started')) force.abort();
      },
    });
    assert.equal(record.status, 'cancelled', record.problem);
    assert.deepEqual(
      job(record, 'work').steps.map((s) => s.status),
      ['cancelled', 'cancelled'],
    );
    assert.equal(job(record, 'work').reason, 'force-cancelled');
  });

  for (const keepWorktree of ['never', 'on-failure'] as const) {
    it(`ends the run as failed when the worker is killed mid-run, kills its steps and ${keepWorktree === 'never' ? 'removes' : 'keeps'} the isolated copy (keepWorktree: ${keepWorktree})`, async () => {
      const repo = repoWithWorkflow(
        temp.path,
        `killed-${keepWorktree}`,
        `on: push
jobs:
  first:
    runs-on: ubuntu-latest
    steps:
      - run: echo fine
  second:
    needs: first
    runs-on: ubuntu-latest
    steps:
      - run: |
          setsid sleep 60 > /dev/null 2>&1 &
          escaped=$!
          sleep 60 &
          echo "pids=$PPID $! $escaped $PWD $RUNNER_TEMP"
          wait
`,
      );
      const seen: { worker: number; sleeper: number; escaped: number; workspace: string; runnerTemp: string }[] = [];
      const { record, updates } = await runInChild(repo, store, {
        keepWorktree,
        onUpdate: (update) => {
          const line = update.type === 'log' ? update.lines.find((text) => text.startsWith('pids=')) : undefined;
          if (line === undefined) return;
          const [worker, sleeper, escaped, workspace, runnerTemp] = line.slice(5).split(' ');
          seen.push({
            worker: Number(worker),
            sleeper: Number(sleeper),
            escaped: Number(escaped),
            workspace: workspace as string,
            runnerTemp: runnerTemp as string,
          });
          process.kill(Number(worker), 'SIGKILL');
        },
      });
      assert.equal(seen.length, 1);
      const { sleeper, escaped, workspace, runnerTemp } = seen[0] as (typeof seen)[0];
      assert.equal(record.status, 'failure');
      assert.match(record.problem ?? '', /the process running the run was killed \(SIGKILL\)/);
      assert.deepEqual(
        record.jobs.map((j) => [j.key, j.status]),
        [
          ['first', 'success'],
          ['second', 'failure'],
        ],
      );
      assert.equal(job(record, 'second').steps[0]?.status, 'failure');
      assert.equal(updates.at(-1)?.type, 'run-finished');
      for (let wait = 0; wait < 50 && alive(sleeper); wait++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(alive(sleeper), false, 'the step the worker started was left running');
      assert.equal(alive(escaped), false, 'what the step started outside its process group was left running');
      const saved = JSON.parse(readFileSync(join(store, record.runId, 'run.json'), 'utf8')) as RunRecord;
      assert.equal(saved.status, 'failure');
      assert.ok(runnerTemp.startsWith(join(store, record.runId)), runnerTemp);
      assert.equal(existsSync(runnerTemp), false, 'the job temp folder the worker made was left behind');
      const worktrees = git(repo, 'worktree', 'list', '--porcelain');
      if (keepWorktree === 'never') {
        assert.equal(existsSync(workspace), false, 'the isolated copy was left behind');
        assert.equal(record.keptWorktree, undefined);
        assert.doesNotMatch(worktrees, /shipshape-run-/);
      } else {
        assert.equal(record.keptWorktree, workspace);
        assert.equal(existsSync(join(workspace, '.github', 'workflows', 'ci.yml')), true);
        assert.doesNotMatch(worktrees, /shipshape-run-/, 'the copy is a repository of its own');
        rmSync(workspace, { recursive: true, force: true });
      }
    });
  }

  it('masks secrets in everything that crosses the IPC channel', async () => {
    const secret = 'hunter2-s3cret';
    const repo = repoWithWorkflow(
      temp.path,
      'secrets',
      `on: push
jobs:
  leak:
    runs-on: ubuntu-latest
    outputs:
      token: \${{ steps.out.outputs.token }}
    steps:
      - id: out
        name: "named \${{ secrets.TOKEN }}"
        env:
          TOKEN: \${{ secrets.TOKEN }}
        run: |
          echo "plain $TOKEN"
          printf %s "$TOKEN" | base64
          echo "token=$TOKEN" >> "$GITHUB_OUTPUT"
          echo "::error::failed with $TOKEN"
          exit 1
`,
    );
    const wire: string[] = [];
    const { record, updates } = await runInChild(repo, store, { secrets: { TOKEN: secret } }, (message) => wire.push(JSON.stringify(message)));
    assert.equal(record.status, 'failure');
    const all = wire.join('\n');
    assert.ok(all.includes('plain ***'), 'the step did not print what the test expects');
    assert.equal(all.includes(secret), false, 'a secret crossed the IPC channel');
    assert.equal(all.includes(Buffer.from(secret).toString('base64')), false, 'an encoded secret crossed the IPC channel');
    assert.equal(JSON.stringify(updates).includes(secret), false);
  });
});
