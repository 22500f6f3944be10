import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { guardedWriter } from '../../src/cli/io';
import type { RunRecord } from '../../src/core/runs/run-types';
import { repoWithWorkflow } from '../support/repos';
import { tempFolder } from '../support/temp';

const MAIN = join(__dirname, '..', '..', 'src', 'cli', 'main.ts');

/** `shipshape run` as its own process (the CLI's entry through tsx), with a temp dir of its own so its run copy can be looked for. */
function startRun(repo: string, store: string, tmp: string): ChildProcess {
  return spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), MAIN, 'run', '--store', store], {
    cwd: repo,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the first match of `pattern` in the child's stdout, read line by line. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = text.match(pattern);
      if (!match) return;
      child.stdout?.off('data', onData);
      resolve(match);
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error(`the run ended before printing ${String(pattern)}:\n${text}`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stderr })));
}

function records(store: string): RunRecord[] {
  if (!existsSync(store)) return [];
  return readdirSync(store)
    .map((id) => join(store, id, 'run.json'))
    .filter((path) => existsSync(path))
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as RunRecord);
}

/** The run copies left in a temp dir (runWorkspacePath puts each in shipshape-run-<id>). */
const runCopies = (tmp: string): string[] => readdirSync(tmp).filter((name) => name.startsWith('shipshape-run-'));

/** Whether a process is still there (a zombie waiting for its parent counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('shipshape run: a closed output and signals', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-cli-lifetime-');
  after(() => temp.remove());
  const leftovers: number[] = [];
  after(() => {
    for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('runs to the end when its reader closes the pipe early (run | head -2): record written, copy removed, exit code of the run', async () => {
    const finished = join(temp.path, 'second-step-ran');
    const repo = repoWithWorkflow(
      temp.path,
      'pipe',
      `on: push
jobs:
  talk:
    runs-on: ubuntu-latest
    steps:
      - run: |
          for i in $(seq 1 20); do echo "line $i"; done
          sleep 1
          for i in $(seq 1 500); do echo "more $i"; done
      - run: echo done > "${finished}"
`,
    );
    const store = join(temp.path, 'pipe-store');
    const tmp = join(temp.path, 'pipe-tmp');
    mkdirSync(tmp);
    const child = startRun(repo, store, tmp);
    const ended = exited(child);
    await waitForLine(child, /line 2\n/);
    child.stdout?.destroy(); // the reader goes away, as head does after two lines
    const { code, signal, stderr } = await ended;
    assert.equal(signal, null);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error/);
    assert.equal(readFileSync(finished, 'utf8'), 'done\n', 'the run went on after the pipe closed');
    const [record, ...more] = records(store);
    assert.equal(more.length, 0);
    assert.equal(record?.status, 'success');
    assert.deepEqual(runCopies(tmp), []);
  });

  it('cancels on SIGHUP: the step is killed, the run recorded as cancelled, the copy removed, exit 128+1', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'hup',
      `on: push
jobs:
  wait:
    runs-on: ubuntu-latest
    steps:
      - run: |
          sleep 300 &
          echo "sleeper=$!"
          wait
`,
    );
    const store = join(temp.path, 'hup-store');
    const tmp = join(temp.path, 'hup-tmp');
    mkdirSync(tmp);
    const child = startRun(repo, store, tmp);
    const ended = exited(child);
    const sleeper = Number((await waitForLine(child, /sleeper=(\d+)\n/))[1]);
    leftovers.push(sleeper);
    assert.ok(alive(sleeper));
    child.kill('SIGHUP');
    const { code, stderr } = await ended;
    assert.equal(code, 129, stderr);
    const [record] = records(store);
    assert.equal(record?.status, 'cancelled', stderr);
    assert.equal(record?.jobs[0]?.status, 'cancelled');
    assert.deepEqual(runCopies(tmp), []);
    assert.equal(alive(sleeper), false, 'the step process is gone');
  });

  it('cancels on SIGTERM the same way, exit 128+15', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'term',
      `on: push
jobs:
  wait:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "ready-$((40 + 2))"
          sleep 300
`,
    );
    const store = join(temp.path, 'term-store');
    const tmp = join(temp.path, 'term-tmp');
    mkdirSync(tmp);
    const child = startRun(repo, store, tmp);
    const ended = exited(child);
    await waitForLine(child, /ready-42\n/);
    child.kill('SIGTERM');
    const { code, stderr } = await ended;
    assert.equal(code, 143, stderr);
    assert.equal(records(store)[0]?.status, 'cancelled');
    assert.deepEqual(runCopies(tmp), []);
  });

  it('drops what is written after its stream failed, and tells only a failure other than a reader leaving', async () => {
    for (const code of ['EPIPE', 'ENOSPC']) {
      const written: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written.push(chunk.toString());
          callback(Object.assign(new Error(`write ${code}`), { code }));
        },
      });
      const lost: string[] = [];
      const write = guardedWriter(stream, (error) => lost.push(error.code ?? ''));
      write('first\n');
      await new Promise((resolve) => setImmediate(resolve));
      write('second\n');
      write('third\n');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(written, ['first\n']);
      assert.deepEqual(lost, code === 'EPIPE' ? [] : ['ENOSPC']);
    }
  });
});
