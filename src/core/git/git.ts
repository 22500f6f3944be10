import { statSync } from 'node:fs';
import { silentLogger, type Logger } from '../logger';
import { errorMessage, ShipshapeError } from '../errors';
import { execGit, type ExecResult } from './exec-git';
import { SNAPSHOT_IDENTITY, gitEnvironment } from './git-environment';
import { GitError, classifyGitFailure } from './git-error';
import { UNTRUSTED_CONFIG, filterDriverOverrides, hardenArguments, untrustedRefusal } from './untrusted';

export interface GitOptions {
  /** The git executable; empty or undefined means `git` from PATH. */
  readonly binary?: string;
  /** Stops running git processes (VS Code's CancellationToken becomes this at the edge). */
  readonly signal?: AbortSignal;
  /**
   * The workspace is not trusted (Restricted Mode, `--untrusted`): only
   * reading subcommands run, and no program the repository configures does.
   */
  readonly untrusted?: boolean;
  /** Where each call is logged at debug level with its duration (else the one setGitLogger gave). */
  readonly logger?: Logger;
  /**
   * Awaited before each git process starts and after it ends. Only the fault-injection tests
   * set it: a promise that never settles stops the caller right there, as a kill would.
   */
  readonly checkpoint?: (args: readonly string[], moment: 'start' | 'end') => Promise<void>;
}

/** Settings for the safety net's own calls. */
export interface GitSessionOptions extends GitOptions {
  /** A temporary index: the user's own index is never read for writing nor written. */
  readonly indexFile?: string;
  /** Identity for commits we make ourselves (snapshots), so they work without user config. */
  readonly snapshotIdentity?: boolean;
}

export interface CallOptions {
  /** Written to git's standard input (object names for `--batch`, `update-ref --stdin`). */
  readonly input?: string | Buffer;
  /** Exit codes that are answers, not failures (`diff --quiet` exits 1 for "differs"). */
  readonly okExitCodes?: readonly number[];
}

/** The one way Shipshape runs git. Every failure is a GitError; a cancel is code 'cancelled'. */
export interface Git {
  readonly dir: string;
  readonly options: GitSessionOptions;
  /** Standard output as text (exact: not trimmed). */
  raw(args: readonly string[], call?: CallOptions): Promise<string>;
  /** Standard output as bytes (blob contents need not be UTF-8). */
  bytes(args: readonly string[], call?: CallOptions): Promise<Buffer>;
  /** Like raw, but undefined when git runs and fails ("is there a stash?"); a missing git or a cancel still throws. */
  tryRaw(args: readonly string[], call?: CallOptions): Promise<string | undefined>;
  /** Like raw, but a failing exit that still printed output is not an error (fsck on a damaged store). */
  lenient(args: readonly string[], call?: CallOptions): Promise<string>;
  /** The same repository with more settings (a temporary index, the snapshot identity). */
  with(more: Partial<GitSessionOptions>): Git;
}

let defaultLogger: Logger = silentLogger;

/** Where git calls are logged when the caller names no logger (the editor's log channel, the CLI's stderr). */
export function setGitLogger(logger: Logger): void {
  defaultLogger = logger;
}

export function createGit(dir: string, options: GitSessionOptions = {}): Git {
  let hardening: Promise<string[]> | undefined;
  const configArgs = (): Promise<string[]> => {
    if (!options.untrusted) return Promise.resolve([]);
    hardening ??= readHardening(dir, options);
    return hardening;
  };

  const run = async (args: readonly string[], call: CallOptions, lenient: boolean): Promise<Buffer> => {
    if (options.untrusted) {
      const refusal = untrustedRefusal(args);
      if (refusal) throw refused(dir, args, refusal);
    }
    const finalArgs = [...(await configArgs()), ...(options.untrusted ? hardenArguments(args) : args)];
    await options.checkpoint?.(args, 'start');
    const result = await execOnce(dir, finalArgs, options, call);
    await options.checkpoint?.(args, 'end');
    const ok = result.exitCode === 0 || (result.exitCode !== null && (call.okExitCodes?.includes(result.exitCode) ?? false));
    if (ok || (lenient && result.exitCode !== null && !result.cancelled && result.stdout.length > 0)) return result.stdout;
    throw failure(dir, args, result);
  };

  const git: Git = {
    dir,
    options,
    raw: async (args, call = {}) => (await run(args, call, false)).toString('utf8'),
    bytes: (args, call = {}) => run(args, call, false),
    lenient: async (args, call = {}) => (await run(args, call, true)).toString('utf8'),
    tryRaw: async (args, call = {}) => {
      try {
        return (await run(args, call, false)).toString('utf8');
      } catch (error) {
        if (error instanceof ShipshapeError && error.code === 'git-failed') return undefined;
        throw error;
      }
    },
    with: (more) => createGit(dir, { ...options, ...more }),
  };
  return git;
}

/** `-c` overrides for an untrusted repository: the fixed ones, then one set per filter driver its config defines. */
async function readHardening(dir: string, options: GitSessionOptions): Promise<string[]> {
  const fixed = UNTRUSTED_CONFIG.flatMap((setting) => ['-c', setting]);
  const args = ['config', '-z', '--name-only', '--list'];
  const result = await execOnce(dir, [...fixed, ...args], options, {});
  if (result.exitCode !== 0) throw failure(dir, args, result);
  let drivers: string[];
  try {
    drivers = filterDriverOverrides(result.stdout.toString('utf8').split('\0'));
  } catch (error) {
    throw refused(dir, args, errorMessage(error));
  }
  return ['--no-pager', ...fixed, ...drivers.flatMap((setting) => ['-c', setting])];
}

async function execOnce(dir: string, args: readonly string[], options: GitSessionOptions, call: CallOptions): Promise<ExecResult> {
  const env = gitEnvironment();
  if (options.indexFile !== undefined) env.GIT_INDEX_FILE = options.indexFile;
  if (options.snapshotIdentity) Object.assign(env, SNAPSHOT_IDENTITY);
  const result = await execGit({
    binary: options.binary || 'git',
    args,
    cwd: dir,
    env,
    ...(call.input !== undefined ? { input: call.input } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const logger = options.logger ?? defaultLogger;
  logger.debug(
    `git ${shorten(args.join(' '))} → ${result.cancelled ? 'cancelled' : `exit ${result.exitCode ?? result.spawnError?.code}`} in ${result.durationMs.toFixed(0)} ms${options.untrusted ? ' (untrusted)' : ''}`,
  );
  return result;
}

function failure(dir: string, args: readonly string[], result: ExecResult): GitError {
  if (result.cancelled) return new GitError({ gitCode: 'Cancelled', args, dir, exitCode: null, stderr: result.stderr });
  if (result.spawnError) {
    const gitCode = isFolder(dir) ? 'GitNotFound' : 'FolderMissing';
    return new GitError({ gitCode, args, dir, exitCode: null, stderr: `${result.spawnError.code ?? ''} ${result.spawnError.message}` });
  }
  return new GitError({ gitCode: classifyGitFailure(result.stderr), args, dir, exitCode: result.exitCode, stderr: result.stderr });
}

function refused(dir: string, args: readonly string[], reason: string): GitError {
  return new GitError({
    gitCode: 'Refused',
    args,
    dir,
    exitCode: null,
    stderr: reason,
    message: `Not run in an untrusted workspace: ${reason}.`,
  });
}

function shorten(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
