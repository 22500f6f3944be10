import { randomUUID } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { runProcess, type ProcessResult } from './process-runner';
import { scriptLoader, SHELLS_WITH_LOADER } from './script-loader';
import { resolveShell } from './shells';
import type { StepSession } from './step-session';

export interface ScriptRequest {
  readonly script: string;
  /** Whether a `${{ }}` of the script put a secret in it: then the file holds a loader, never the script (script-loader.ts). */
  readonly holdsSecret: boolean;
  readonly shell: string | undefined;
  readonly workingDirectory: string | undefined;
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal;
  readonly findExecutable: (name: string) => string | undefined;
  readonly session: StepSession;
  /** Told the process group of the step, whose background processes live until the job ends. */
  readonly onProcessGroup: (group: number) => void;
}

export interface ScriptOutcome {
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly reason: string | undefined;
}

/** Runs a `run:` script as the runner does: written to a file in RUNNER_TEMP, executed by the step's shell. */
export async function runScript(request: ScriptRequest): Promise<ScriptOutcome> {
  const scriptBase = join(request.runnerTemp, randomUUID());
  const resolution = resolveShell(request.shell, scriptBase, request.findExecutable);
  if (!resolution.ok) return { ok: false, exitCode: null, timedOut: false, cancelled: false, reason: resolution.reason };
  const { shell } = resolution;
  const scriptPath = scriptBase + shell.scriptExtension;
  // The shell's arguments name the script without its extension when the shell chose one.
  const args = shell.args.map((arg) => arg.split(scriptBase).join(scriptPath));
  const script = request.script.endsWith('\n') ? request.script : `${request.script}\n`;
  const loader = request.holdsSecret ? scriptLoader(shell.command, script) : undefined;
  if (request.holdsSecret && !loader) {
    const reason = `its script holds a secret from a \${{ }} expression, which Shipshape hands only to ${SHELLS_WITH_LOADER} without writing it to disk; pass the secret in the step's env: and read it from there`;
    return { ok: false, exitCode: null, timedOut: false, cancelled: false, reason };
  }
  const cwd = request.workingDirectory
    ? isAbsolute(request.workingDirectory)
      ? request.workingDirectory
      : join(request.workspace, request.workingDirectory)
    : request.workspace;
  // The runner fails the step when its folder is missing; creating it would hide a typo (or write outside the copy).
  const missing = folderProblem(cwd, request.workingDirectory);
  if (missing) return { ok: false, exitCode: null, timedOut: false, cancelled: false, reason: missing };
  writeFileSync(scriptPath, loader ? loader.file : script, { mode: 0o600, flag: 'wx' });
  request.session.note(shell.description); // it names itself: "default shell: bash -e {0}…", "shell \"python\": python {0}"
  const result: ProcessResult = await runProcess({
    command: shell.command,
    args,
    cwd,
    env: loader ? { ...request.env, ...loader.env } : request.env,
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    signal: request.signal,
    leaveBackgroundRunning: true,
    onLine: (stream, line) => request.session.handleLine(stream, line),
  });
  if (result.processGroup !== undefined) request.onProcessGroup(result.processGroup);
  if (result.spawnError) return { ok: false, exitCode: null, timedOut: false, cancelled: false, reason: result.spawnError };
  if (result.timedOut)
    return {
      ok: false,
      exitCode: result.exitCode,
      timedOut: true,
      cancelled: false,
      reason: `timed out after ${Math.round(((request.timeoutMs ?? 0) / 60000) * 10) / 10} minutes; its processes were stopped`,
    };
  if (result.cancelled) return { ok: false, exitCode: result.exitCode, timedOut: false, cancelled: true, reason: 'cancelled; its processes were stopped' };
  const exitCode = result.exitCode;
  return {
    ok: exitCode === 0,
    exitCode,
    timedOut: false,
    cancelled: false,
    reason: exitCode === 0 ? undefined : `exited with code ${exitCode ?? `signal ${result.signal ?? '?'}`}`,
  };
}

/** Why the step cannot start in `cwd`, or undefined when it is a folder. */
function folderProblem(cwd: string, written: string | undefined): string | undefined {
  const named = written ? `working-directory "${written}"` : 'the workspace';
  try {
    return statSync(cwd).isDirectory() ? undefined : `${named} is not a folder (${cwd})`;
  } catch {
    return `${named} does not exist (${cwd}); GitHub's runner fails the step too`;
  }
}
