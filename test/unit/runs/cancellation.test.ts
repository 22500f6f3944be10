import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunUpdate } from '../../../src/core/runs/run-types';
import { tempFolder } from '../../support/temp';
import { job, runIn, step } from './helpers';
import { repoWithWorkflow } from '../../support/repos';

/** Whether a process is still there (a zombie waiting for its parent counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A step that starts `sleep 30`, says its pid, and waits for it. */
const SLEEP = (label: string) => `sleep 30 &\n          echo "${label}=$!"\n          wait`;

/** Calls `act` once a log line starts with `label=`, and remembers the pid it names. */
function onChild(label: string, pids: number[], act: () => void): (update: RunUpdate) => void {
  return (update) => {
    const line = update.type === 'log' ? update.lines.find((text) => text.startsWith(`${label}=`)) : undefined;
    if (line === undefined) return;
    pids.push(Number(line.slice(label.length + 1)));
    act();
  };
}

describe('local runs: cancellation with always()', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-cancel-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  it('kills the running step, skips the next, and still runs the always() and cancelled() steps', async () => {
    const marker = join(temp.path, 'always-ran');
    const repo = repoWithWorkflow(
      temp.path,
      'step',
      `on: push
jobs:
  work:
    runs-on: ubuntu-latest
    steps:
      - id: sleep
        run: |
          ${SLEEP('child')}
      - id: next
        run: echo "never" > "${marker}.next"
      - id: cleanup
        if: always()
        run: echo always > "${marker}"
      - id: on-cancel
        if: cancelled()
        run: echo cancelled >> "${marker}"
      - id: on-success
        if: success()
        run: echo success >> "${marker}"
`,
    );
    const controller = new AbortController();
    const pids: number[] = [];
    const { record } = await runIn(repo, store, { signal: controller.signal, onUpdate: onChild('child', pids, () => controller.abort()) });
    assert.equal(record.status, 'cancelled', record.problem);
    const work = job(record, 'work');
    assert.equal(work.status, 'cancelled');
    assert.deepEqual(
      work.steps.map((s) => [s.id, s.status]),
      [
        ['sleep', 'cancelled'],
        ['next', 'cancelled'],
        ['cleanup', 'success'],
        ['on-cancel', 'success'],
        ['on-success', 'cancelled'],
      ],
    );
    assert.equal(readFileSync(marker, 'utf8'), 'always\ncancelled\n');
    assert.equal(existsSync(`${marker}.next`), false);
    assert.equal(pids.length, 1);
    assert.equal(alive(pids[0] as number), false, 'the sleep was killed with its step');
  });

  it('keeps a running always() step going, and starts a job whose if: has always() after its need was cancelled', async () => {
    const marker = join(temp.path, 'report-ran');
    const repo = repoWithWorkflow(
      temp.path,
      'needs',
      `on: push
jobs:
  long:
    runs-on: ubuntu-latest
    steps:
      - run: |
          ${SLEEP('child')}
  guard:
    runs-on: ubuntu-latest
    steps:
      - id: keeps
        if: always()
        run: |
          echo "started=1"
          sleep 1
          echo done > "${marker}.guard"
  after:
    needs: long
    runs-on: ubuntu-latest
    steps:
      - run: echo never > "${marker}.after"
  report:
    needs: long
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo "long=\${{ needs.long.result }}" > "${marker}"
      - run: echo "second step" >> "${marker}"
`,
      {},
    );
    const controller = new AbortController();
    const pids: number[] = [];
    let started = 0;
    const cancelWhenBothRun = () => {
      if (++started === 2) controller.abort();
    };
    const { record } = await runIn(repo, store, {
      signal: controller.signal,
      maxParallel: 4,
      onUpdate: (update) => {
        onChild('child', pids, cancelWhenBothRun)(update);
        if (update.type === 'log' && update.lines.includes('started=1')) cancelWhenBothRun();
      },
    });
    assert.equal(record.status, 'cancelled');
    assert.equal(job(record, 'long').status, 'cancelled');
    assert.equal(job(record, 'after').status, 'cancelled');
    assert.equal(existsSync(`${marker}.after`), false);
    assert.equal(job(record, 'report').status, 'success', job(record, 'report').reason);
    assert.equal(readFileSync(marker, 'utf8'), 'long=cancelled\nsecond step\n');
    assert.equal(step(job(record, 'guard'), 'keeps').status, 'success', 'an always() step running when the run is cancelled finishes');
    assert.equal(readFileSync(`${marker}.guard`, 'utf8'), 'done\n');
    assert.equal(alive(pids[0] as number), false);
  });

  it('force-cancel (a second cancel) stops the always() steps too', async () => {
    const marker = join(temp.path, 'forced');
    const repo = repoWithWorkflow(
      temp.path,
      'force',
      `on: push
jobs:
  work:
    runs-on: ubuntu-latest
    steps:
      - run: |
          ${SLEEP('child')}
      - id: cleanup
        if: always()
        run: |
          ${SLEEP('cleanup')}
          echo finished > "${marker}"
      - id: last
        if: always()
        run: echo last > "${marker}.last"
  report:
    needs: work
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo report > "${marker}.report"
`,
    );
    const cancel = new AbortController();
    const force = new AbortController();
    const pids: number[] = [];
    const { record } = await runIn(repo, store, {
      signal: cancel.signal,
      forceSignal: force.signal,
      onUpdate: (update) => {
        onChild('child', pids, () => cancel.abort())(update);
        onChild('cleanup', pids, () => force.abort())(update);
      },
    });
    assert.equal(record.status, 'cancelled');
    const work = job(record, 'work');
    assert.equal(work.reason, 'force-cancelled');
    assert.equal(step(work, 'cleanup').status, 'cancelled');
    assert.equal(step(work, 'last').status, 'cancelled');
    assert.equal(step(work, 'last').reason, 'force-cancelled');
    assert.equal(job(record, 'report').status, 'cancelled');
    for (const file of [marker, `${marker}.last`, `${marker}.report`]) assert.equal(existsSync(file), false, file);
    assert.equal(pids.length, 2, 'the always() step had started');
    for (const pid of pids) assert.equal(alive(pid), false);
  });
});
