import { spawn } from 'node:child_process';

const GROUPS = process.platform !== 'win32';

export interface ExecRequest {
  readonly binary: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly input?: string | Buffer;
  readonly signal?: AbortSignal;
}

export interface ExecResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  /** null when git did not exit by itself (killed, or never started). */
  readonly exitCode: number | null;
  /** Set when the process could not be started (ENOENT: no such executable or folder). */
  readonly spawnError?: NodeJS.ErrnoException;
  readonly cancelled: boolean;
  readonly durationMs: number;
}

/**
 * Runs git once, with no shell: arguments go to git as they are, whatever
 * they hold. Standard input is always closed (written first when there is
 * input), so git never waits for it. Resolves when the process has closed
 * its streams; never rejects.
 */
export function execGit(request: ExecRequest): Promise<ExecResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let cancelled = false;
    let settled = false;
    const finish = (exitCode: number | null, spawnError?: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', abort);
      resolve({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode,
        cancelled,
        durationMs: performance.now() - started,
        ...(spawnError ? { spawnError } : {}),
      });
    };
    if (request.signal?.aborted) {
      cancelled = true;
      finish(null);
      return;
    }
    let child: ReturnType<typeof spawn>;
    try {
      // Its own process group (POSIX), so a cancel also stops what git started (hooks, filters, gc).
      child = spawn(request.binary, [...request.args], {
        cwd: request.cwd,
        env: request.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        shell: false,
        detached: GROUPS,
      });
    } catch (error) {
      // A cwd that is a file fails at once (ENOTDIR), not through the 'error' event.
      finish(null, error as NodeJS.ErrnoException);
      return;
    }
    function abort(): void {
      cancelled = true;
      try {
        if (GROUPS && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
        else child.kill();
      } catch {
        child.kill(); // the group is already gone
      }
    }
    request.signal?.addEventListener('abort', abort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    // git may exit before reading all of its input (a failed command): that is not our error.
    child.stdin?.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => finish(null, error));
    child.on('close', (code) => finish(code));
    // Cancelled: done when git exits, even if something it started still holds its output open.
    child.on('exit', () => {
      if (cancelled) finish(null);
    });
    if (request.input === undefined) child.stdin?.end();
    else child.stdin?.end(request.input);
  });
}
