import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShipshapeError } from '../errors';
import type { RunRecord } from './run-types';

/**
 * Every run is kept on disk: `<root>/<runId>/run.json` with the plan and results, and each
 * step's full (masked) log beside it. The oldest runs go once there are more than `retain`.
 */
export class RunStore {
  constructor(
    readonly root: string,
    private readonly retain = 20,
  ) {}

  /** A new run id that sorts by time, and its folder. */
  createRun(): { runId: string; runDir: string } {
    const stamp = new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 17);
    const runId = `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
    const runDir = join(this.root, runId);
    try {
      // Only the user reads a run: its logs and files may hold what a step printed.
      mkdirSync(runDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTDIR' && code !== 'EEXIST' && code !== 'EACCES') throw error;
      throw new ShipshapeError(
        'usage',
        `Runs cannot be recorded in ${this.root}: ${code === 'EACCES' ? 'it may not be written to' : 'a file is in the way of that folder'}.`,
        'Choose another folder (shipshape run --store DIR), or move the file away.',
      );
    }
    return { runId, runDir };
  }

  runDir(runId: string): string {
    return join(this.root, runId.replace(/[^\w-]/g, ''));
  }

  save(record: RunRecord): void {
    const dir = this.runDir(record.runId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
    this.prune();
  }

  /** Runs, newest first; unreadable records are skipped. */
  list(): RunRecord[] {
    if (!existsSync(this.root)) return [];
    const records: RunRecord[] = [];
    for (const id of readdirSync(this.root).sort().reverse()) {
      const record = this.read(id);
      if (record) records.push(record);
    }
    return records;
  }

  read(runId: string): RunRecord | undefined {
    try {
      return JSON.parse(readFileSync(join(this.runDir(runId), 'run.json'), 'utf8')) as RunRecord;
    } catch {
      return undefined;
    }
  }

  /** How many runs there have been, for github.run_number. */
  nextRunNumber(): number {
    return (existsSync(this.root) ? readdirSync(this.root).length : 0) + 1;
  }

  delete(runId: string): void {
    rmSync(this.runDir(runId), { recursive: true, force: true });
  }

  private prune(): void {
    const ids = readdirSync(this.root).sort().reverse();
    for (const id of ids.slice(this.retain)) rmSync(join(this.root, id), { recursive: true, force: true });
  }
}
