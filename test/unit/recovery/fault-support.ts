import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { GitOptions } from '../../../src/core/git/git';
import { readJournal, type JournalEntry } from '../../../src/core/recovery/safety/journal';
import { openRepository } from '../../../src/core/recovery/safety';
import { gitPath, missingObjects, reachableObjects, repoState, type RepoState } from './safety-support';

/**
 * Fault injection for safety-faults.test.ts: a "kill" in-process, through the
 * git layer's checkpoint, and a real SIGKILL of the CLI process.
 */

export type Moment = 'start' | 'end';

/**
 * Stops the work it is given to at git call `at` (counted from 0), just before the process
 * starts or just after it ended: from then on no checkpoint settles, so nothing after runs,
 * not even a parallel branch. What a SIGKILL leaves: git calls already running finish
 * (the CLI starts each in a process group of its own), no line of ours runs after.
 */
export class KillSwitch {
  calls = 0;
  killed = false;
  /** Git processes started and not yet ended: a kill lets them finish. */
  private running = 0;
  private trip: () => void = () => undefined;
  private readonly tripped = new Promise<'killed'>((done) => (this.trip = () => done('killed')));

  /** `at`: the call's number, or the first call whose arguments it accepts. */
  constructor(
    readonly at: number | ((args: readonly string[]) => boolean) = Number.POSITIVE_INFINITY,
    readonly moment: Moment = 'start',
  ) {}

  readonly checkpoint: NonNullable<GitOptions['checkpoint']> = (args, moment) => {
    const here = typeof this.at === 'number' ? this.calls === this.at : this.at(args);
    if (!this.killed && here && moment === this.moment) {
      this.killed = true;
      this.trip();
    }
    if (moment === 'start' && !this.killed) this.running += 1;
    if (moment === 'end') this.running -= 1;
    if (moment === 'end' && !this.killed) this.calls += 1;
    return this.killed ? new Promise<void>(() => undefined) : Promise.resolve();
  };

  /**
   * Runs `work` under the switch: its result, or 'killed' as soon as the switch trips
   * (the work then hangs for good). Its lock then names a process that is gone, as after a kill.
   */
  async run<T>(repo: string, work: (options: GitOptions) => Promise<T>): Promise<Outcome<T>> {
    const finished = work({ checkpoint: this.checkpoint }).then(
      (value) => ({ outcome: 'done' as const, value }),
      (error: unknown) => ({ outcome: 'failed' as const, error }),
    );
    const result = await Promise.race([finished, this.tripped]);
    if (result !== 'killed') return result;
    while (this.running > 0) await new Promise((done) => setTimeout(done, 2));
    markLockOwnerGone(repo);
    return { outcome: 'killed' };
  }
}

export type Outcome<T> = { outcome: 'done'; value: T } | { outcome: 'failed'; error: unknown } | { outcome: 'killed' };

/** The journal's lock as a killed process leaves it: it names a process id that no longer exists. */
export function markLockOwnerGone(repo: string): void {
  const lock = gitPath(repo, 'shipshape/lock');
  if (existsSync(lock)) writeFileSync(lock, `999999999 ${hostname()}\n`); // above any pid_max: no such process
}

export async function journalOf(repo: string): Promise<JournalEntry[]> {
  return readJournal(await openRepository(repo));
}

/** Everything the person had: refs, HEAD, index, every file (untracked and ignored too), stashes, operation files; and every object reachable. */
export interface Fingerprint {
  readonly state: RepoState;
  readonly reachable: readonly string[];
}

export function fingerprint(repo: string): Fingerprint {
  return { state: repoState(repo), reachable: reachableObjects(repo) };
}

/** Objects reachable before that no ref or reflog (ours included) reaches now, or that are gone. */
export function lostObjects(repo: string, before: Fingerprint, also: readonly string[] = []): string[] {
  const now = new Set(reachableObjects(repo));
  return [...before.reachable.filter((sha) => !now.has(sha)), ...missingObjects(repo, also)];
}

const MAIN = resolve(__dirname, '../../../src/cli/main.ts');

/**
 * Runs `shipshape <args>` in a process of its own and SIGKILLs it `delayMs` after it took the
 * journal's lock (its work has begun); 'finished' when it ended before that.
 */
export async function killCli(
  repo: string,
  args: readonly string[],
  delayMs: number,
): Promise<{ readonly outcome: 'killed' } | { readonly outcome: 'finished'; readonly code: number | null }> {
  const lock = gitPath(repo, 'shipshape/lock');
  // Its own process group: the git processes it starts join it, so the wait below knows when the last has ended.
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN, ...args, '--repo', repo], {
    stdio: 'ignore',
    cwd: resolve(__dirname, '../../..'),
    detached: true,
  });
  let code: number | null | undefined;
  const exited = new Promise<void>((done) =>
    child.once('exit', (exitCode) => {
      code = exitCode;
      done();
    }),
  );
  while (code === undefined && !existsSync(lock)) await new Promise((done) => setTimeout(done, 1));
  if (code === undefined) await new Promise((done) => setTimeout(done, delayMs));
  if (code !== undefined) return { outcome: 'finished', code };
  child.kill('SIGKILL');
  await exited;
  await gitSettled(repo, child.pid);
  return { outcome: 'killed' };
}

/**
 * The git processes a killed CLI had started run on: wait until the last of its process group has
 * ended (a git call just spawned may not have taken its lock yet: waiting for locks alone once let
 * the undo start before a late git took index.lock, and the undo rightly refused), then until their
 * lock files are gone. Up to 30 s each; a lock that stays still fails the test, as it should.
 */
async function gitSettled(repo: string, group: number | undefined): Promise<void> {
  const groupAlive = (): boolean => {
    if (group === undefined || process.platform === 'win32') return false;
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let waited = 0; waited < 30_000 && groupAlive(); waited += 10) await new Promise((done) => setTimeout(done, 10));
  const locks = ['index.lock', 'HEAD.lock', 'packed-refs.lock'].map((name) => gitPath(repo, name));
  for (let waited = 0; waited < 30_000 && locks.some((path) => existsSync(path)); waited += 10) await new Promise((done) => setTimeout(done, 10));
  await new Promise((done) => setTimeout(done, 100));
}
