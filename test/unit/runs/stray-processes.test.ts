import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { carriesMarker, markedProcesses } from '../../../src/core/runs/stray-processes';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { job, logOf, runIn, step } from './helpers';

/** Whether a process is still there (a zombie waiting for its parent counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Live processes whose environment has `text` in it, read straight from /proc (not through the module under test). */
function processesWith(text: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(text) && alive(Number(name))) found.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

describe('local runs: processes that escape their step', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-stray-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());
  const leftovers: number[] = [];
  after(() => {
    for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('kills what a step started with setsid, nohup or a double fork when the job ends', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'escape',
      `on: push
jobs:
  first:
    runs-on: ubuntu-latest
    outputs:
      pids: \${{ steps.start.outputs.pids }}
    steps:
      - id: start
        run: |
          setsid sleep 300 > /dev/null 2>&1 &
          one=$!
          nohup sh -c 'sleep 300' > /dev/null 2>&1 &
          two=$!
          ( setsid sh -c 'echo $$ > "$RUNNER_TEMP/double"; exec sleep 300' > /dev/null 2>&1 & )
          while [ ! -s "$RUNNER_TEMP/double" ]; do sleep 0.05; done
          echo "pids=$one $two $(cat "$RUNNER_TEMP/double")" >> "$GITHUB_OUTPUT"
      - run: echo "marked $SHIPSHAPE_RUN_ID"
  second:
    needs: first
    runs-on: ubuntu-latest
    steps:
      - id: check
        run: |
          for pid in \${{ needs.first.outputs.pids }}; do
            if [ -e /proc/$pid ] && ! grep -q '^State:.*Z' /proc/$pid/status; then echo "still running: $pid"; exit 1; fi
          done
`,
    );
    const { record, updates } = await runIn(repo, store);
    const pids = (job(record, 'first').outputs.pids ?? '').split(' ').map(Number);
    leftovers.push(...pids);
    assert.equal(pids.length, 3, JSON.stringify(job(record, 'first')));
    assert.equal(step(job(record, 'second'), 'check').status, 'success', 'every escaped process was gone when the next job started');
    assert.equal(record.status, 'success');
    assert.deepEqual(pids.filter(alive), []);
    assert.ok(logOf(updates, 'first', 1).includes(`marked ${record.runId}/1`), 'each step carries its run and leg');
    assert.deepEqual(processesWith(`SHIPSHAPE_RUN_ID=${record.runId}/`), []);
  });

  it('tells marked environments from others, exactly or under a run, and never picks this process', () => {
    const environ = (...pairs: string[]) => `${pairs.join('\0')}\0`;
    assert.equal(carriesMarker(environ('PATH=/bin', 'SHIPSHAPE_RUN_ID=r1/2'), 'r1/2'), true);
    assert.equal(carriesMarker(environ('SHIPSHAPE_RUN_ID=r1/2'), 'r1/'), true, 'a run-wide marker covers its jobs');
    assert.equal(carriesMarker(environ('SHIPSHAPE_RUN_ID=r1/22'), 'r1/2'), false);
    assert.equal(carriesMarker(environ('SHIPSHAPE_RUN_ID=r11/2'), 'r1/'), false);
    assert.equal(carriesMarker(environ('X_SHIPSHAPE_RUN_ID=r1/2'), 'r1/2'), false);
    assert.equal(carriesMarker(environ('OTHER=SHIPSHAPE_RUN_ID=r1/2'), 'r1/2'), false);
    assert.equal(carriesMarker('', 'r1/2'), false);
    const processes = [
      { pid: 10, environ: environ('SHIPSHAPE_RUN_ID=r1/1') },
      { pid: 11, environ: environ('SHIPSHAPE_RUN_ID=r2/1') },
      { pid: process.pid, environ: environ('SHIPSHAPE_RUN_ID=r1/1') },
    ];
    assert.deepEqual(markedProcesses(processes, 'r1/'), [10]);
  });
});
