import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_LINE_LENGTH, runProcess, type ProcessResult, type ProcessRunOptions } from '../../../src/core/runs/process-runner';

interface Output {
  readonly result: ProcessResult;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Both streams interleaved as delivered, to check per-stream order. */
  readonly all: { stream: 'stdout' | 'stderr'; line: string }[];
}

const BASE_ENV = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

async function run(command: string, args: readonly string[], extra: Partial<Omit<ProcessRunOptions, 'onLine'>> = {}): Promise<Output> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const all: Output['all'] = [];
  const result = await runProcess({
    command,
    args,
    cwd: os.tmpdir(),
    env: BASE_ENV,
    ...extra,
    onLine: (stream, line) => {
      (stream === 'stdout' ? stdout : stderr).push(line);
      all.push({ stream, line });
    },
  });
  return { result, stdout, stderr, all };
}

const bash = (script: string, extra: Partial<Omit<ProcessRunOptions, 'onLine'>> = {}): Promise<Output> => run('bash', ['-c', script], extra);
const node = (script: string, extra: Partial<Omit<ProcessRunOptions, 'onLine'>> = {}): Promise<Output> => run(process.execPath, ['-e', script], extra);

/** Alive means signalable and not a zombie: with no reaping init here, killed orphans can linger as zombies. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self'); // no /proc (macOS): the signal check is all we have
  }
}

/** The pids still alive after giving the kernel a moment to finish killing them. */
async function survivors(pids: readonly number[], withinMs = 1000): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function readPids(file: string): number[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
}

describe('runProcess', () => {
  let dir: string;
  const strays: number[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-proc-'));
  });
  afterEach(() => {
    for (const pid of strays.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the exit code', async () => {
    const failed = await bash('exit 3');
    assert.deepEqual(
      { ...failed.result, durationMs: 0, processGroup: 0 },
      { exitCode: 3, signal: null, timedOut: false, cancelled: false, durationMs: 0, processGroup: 0 },
    );
    assert.equal((await bash('true')).result.exitCode, 0);
  });

  it('reports a process that died of a signal', async () => {
    const { result } = await bash('kill -USR1 $$');
    assert.equal(result.exitCode, null);
    assert.equal(result.signal, 'SIGUSR1');
  });

  it('joins lines split across chunks and flushes a final partial line', async () => {
    const { stdout } = await bash(`printf 'ab'; sleep 0.1; printf 'c\\nd\\r\\ne'; sleep 0.1; printf 'f'`);
    assert.deepEqual(stdout, ['abc', 'd', 'ef']);
  });

  it('keeps empty lines', async () => {
    assert.deepEqual((await bash(`printf 'a\\n\\nb\\n'`)).stdout, ['a', '', 'b']);
  });

  it('decodes a UTF-8 character split across two chunks', async () => {
    const { stdout } = await node(`
      process.stdout.write(Buffer.from([0xe2, 0x82]));
      setTimeout(() => process.stdout.write(Buffer.from([0xac, 0x20, 0x6f, 0x6b, 0x0a])), 100);`);
    assert.deepEqual(stdout, ['€ ok']);
  });

  it('keeps stdout and stderr apart, each in order', async () => {
    const { stdout, stderr, all } = await bash('echo out1; echo err1 >&2; echo out2; echo err2 >&2');
    assert.deepEqual(stdout, ['out1', 'out2']);
    assert.deepEqual(stderr, ['err1', 'err2']);
    assert.deepEqual(
      all.filter((entry) => entry.stream === 'stderr').map((entry) => entry.line),
      ['err1', 'err2'],
    );
  });

  it('passes exactly the given environment and working directory', async () => {
    const { stdout } = await bash('pwd -P; echo "$GREETING"; echo "${HOME-unset}"', { cwd: dir, env: { ...BASE_ENV, GREETING: 'hi there' } });
    assert.deepEqual(stdout, [realpathSync(dir), 'hi there', 'unset']);
  });

  it('splits lines longer than 64 KiB', async () => {
    const { stdout } = await node(`process.stdout.write('x'.repeat(150000) + '\\n' + 'y'.repeat(10))`);
    assert.equal(MAX_LINE_LENGTH, 65536);
    assert.deepEqual(
      stdout.map((line) => line.length),
      [65536, 65536, 150000 - 2 * 65536, 10],
    );
    assert.ok(stdout.slice(0, 3).every((line) => /^x+$/.test(line)));
  });

  it('kills the whole process group on timeout', async () => {
    const pidFile = path.join(dir, 'pids');
    const started = Date.now();
    const { result } = await bash(`sleep 30 & echo $! >> "${pidFile}"; sleep 30 & echo $! >> "${pidFile}"; echo $$ >> "${pidFile}"; wait`, { timeoutMs: 500 });
    assert.equal(result.timedOut, true);
    assert.equal(result.cancelled, false);
    assert.equal(result.signal, 'SIGTERM');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    const pids = readPids(pidFile);
    assert.equal(pids.length, 3);
    assert.deepEqual(await survivors(pids), []);
  });

  it('kills the whole process group on abort', async () => {
    const pidFile = path.join(dir, 'pids');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 400);
    const { result } = await bash(`sleep 30 & echo $! >> "${pidFile}"; sleep 30 & echo $! >> "${pidFile}"; echo $$ >> "${pidFile}"; wait`, {
      signal: controller.signal,
    });
    assert.equal(result.cancelled, true);
    assert.equal(result.timedOut, false);
    assert.ok(result.durationMs < 3000, `took ${result.durationMs} ms`);
    const pids = readPids(pidFile);
    assert.equal(pids.length, 3);
    assert.deepEqual(await survivors(pids), []);
  });

  it('does not start anything when the signal is already aborted', async () => {
    const marker = path.join(dir, 'ran');
    const controller = new AbortController();
    controller.abort();
    const { result } = await bash(`touch "${marker}"`, { signal: controller.signal });
    assert.equal(result.cancelled, true);
    assert.equal(result.exitCode, null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(existsSync(marker), false);
  });

  it('sends SIGKILL after the grace when SIGTERM is ignored', async () => {
    const pidFile = path.join(dir, 'pids');
    // An ignored signal stays ignored in children, so neither bash nor its sleeps stop on SIGTERM.
    const { result } = await bash(`trap "" TERM; echo $$ > "${pidFile}"; while :; do sleep 0.05; done`, { timeoutMs: 300, killGraceMs: 400 });
    assert.equal(result.timedOut, true);
    assert.equal(result.signal, 'SIGKILL');
    assert.ok(result.durationMs >= 650 && result.durationMs < 3000, `took ${result.durationMs} ms`);
    assert.deepEqual(await survivors(readPids(pidFile)), []);
  });

  it('does not wait for a background child that keeps stdout open, and kills it', async () => {
    const pidFile = path.join(dir, 'pids');
    const { result, stdout } = await bash(`sleep 30 & echo $! > "${pidFile}"; echo started`);
    assert.equal(result.exitCode, 0);
    assert.deepEqual(stdout, ['started']);
    assert.ok(result.durationMs < 2000, `took ${result.durationMs} ms`);
    assert.deepEqual(await survivors(readPids(pidFile)), []);
  });

  it('kills background children left running when the process exits', async () => {
    const pidFile = path.join(dir, 'pids');
    const { result } = await bash(`sleep 30 >/dev/null 2>&1 & echo $! > "${pidFile}"`);
    assert.equal(result.exitCode, 0);
    assert.deepEqual(await survivors(readPids(pidFile)), []);
  });

  it('does not hang on a grandchild that left the group and holds stdout open', async () => {
    const pidFile = path.join(dir, 'pids');
    // A detached grandchild is in its own session, out of reach of the group kill.
    const { result, stdout } = await node(`
      const child = require('child_process').spawn('sleep', ['30'], { detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
      require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
      child.unref();
      console.log('left it running');`);
    strays.push(...readPids(pidFile));
    assert.equal(result.exitCode, 0);
    assert.deepEqual(stdout, ['left it running']);
    assert.ok(result.durationMs < 2000, `took ${result.durationMs} ms`);
  });

  it('reports a missing program as a spawn error instead of rejecting', async () => {
    const { result } = await run('shipshape-no-such-program', []);
    assert.equal(result.exitCode, null);
    assert.equal(result.spawnError, '"shipshape-no-such-program" was not found (is it installed and on PATH?)');
  });

  it('reports a missing working directory as such', async () => {
    const missing = path.join(dir, 'gone');
    const { result } = await bash('true', { cwd: missing });
    assert.equal(result.spawnError, `the working directory "${missing}" does not exist`);
  });

  it('delivers 200,000 lines completely, in order and quickly', async () => {
    const { result, stdout } = await run('seq', ['1', '200000']);
    assert.equal(result.exitCode, 0);
    assert.equal(stdout.length, 200000);
    assert.ok(
      stdout.every((line, index) => line === String(index + 1)),
      'lines out of order or altered',
    );
    assert.ok(result.durationMs < 5000, `took ${result.durationMs} ms`);
  });

  it('streams 100 MB of output without holding it', async () => {
    let lines = 0;
    let bytes = 0;
    let wrong = 0;
    const result = await runProcess({
      command: 'bash',
      args: ['-c', `yes "$(printf '%01023d' 0)" | head -c ${100 * 1024 * 1024}`],
      cwd: dir,
      env: BASE_ENV,
      onLine: (_stream, line) => {
        lines += 1;
        bytes += line.length + 1;
        if (line.length !== 1023) wrong += 1;
      },
    });
    assert.equal(result.exitCode, 0);
    assert.equal(lines, 102400);
    assert.equal(bytes, 100 * 1024 * 1024);
    assert.equal(wrong, 0);
  });
});
