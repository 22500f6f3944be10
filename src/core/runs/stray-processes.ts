import { readdir, readFile } from 'node:fs/promises';

/**
 * The variable every step's environment carries: `<run id>/<leg>`. A process that left its step's
 * process group (`setsid cmd &`, a daemon's double fork) still has it, since children inherit
 * their environment, so it is how the end of a job finds what the job started.
 */
export const RUN_MARKER_VARIABLE = 'SHIPSHAPE_RUN_ID';

/** The marker of one job leg; `runMarkerPrefix` covers every leg of the run. */
export const jobMarker = (runId: string, ordinal: number): string => `${runId}/${ordinal}`;
export const runMarkerPrefix = (runId: string): string => `${runId}/`;

export interface ProcessEnviron {
  readonly pid: number;
  /** /proc/<pid>/environ: NAME=value entries, each ended by a NUL. */
  readonly environ: string;
}

/** Whether an environment carries `marker`: exactly, or under it when it ends in '/' (a whole run). */
export function carriesMarker(environ: string, marker: string): boolean {
  const prefix = `${RUN_MARKER_VARIABLE}=`;
  for (const entry of environ.split('\0')) {
    if (!entry.startsWith(prefix)) continue;
    const value = entry.slice(prefix.length);
    if (value === marker || (marker.endsWith('/') && value.startsWith(marker))) return true;
  }
  return false;
}

/** The pids carrying `marker`, this process never among them. */
export function markedProcesses(processes: Iterable<ProcessEnviron>, marker: string): number[] {
  const pids: number[] = [];
  for (const { pid, environ } of processes) if (pid !== process.pid && carriesMarker(environ, marker)) pids.push(pid);
  return pids;
}

/**
 * Every process's initial environment this user may read, from /proc (Linux). Elsewhere (macOS
 * has no /proc, and `ps eww` mixes arguments and environment) there is none: only the steps'
 * process groups are killed there.
 */
export async function readProcessEnvirons(procDir = '/proc'): Promise<ProcessEnviron[]> {
  let names: string[];
  try {
    names = await readdir(procDir);
  } catch {
    return [];
  }
  const read = async (name: string): Promise<ProcessEnviron | undefined> => {
    try {
      return { pid: Number(name), environ: await readFile(`${procDir}/${name}/environ`, 'latin1') };
    } catch {
      return undefined; // gone since, or another user's
    }
  };
  const pids = names.filter((name) => /^\d+$/.test(name));
  const found: ProcessEnviron[] = [];
  // A few dozen reads at once: thousands of processes read in tens of milliseconds, no fd flood.
  for (let at = 0; at < pids.length; at += 64) {
    for (const entry of await Promise.all(pids.slice(at, at + 64).map(read))) if (entry) found.push(entry);
  }
  return found;
}

/**
 * SIGKILLs every process carrying `marker`, again until none is left (one may fork while we
 * look), at most a few rounds. Resolves with the pids killed. A step that clears its environment
 * (`env -i`) is beyond it.
 */
export async function killStrayProcesses(marker: string, procDir = '/proc'): Promise<number[]> {
  const killed: number[] = [];
  for (let round = 0; round < 5; round++) {
    const pids = markedProcesses(await readProcessEnvirons(procDir), marker).filter((pid) => !killed.includes(pid));
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // ESRCH: it ended on its own.
      }
    }
  }
  return killed;
}
