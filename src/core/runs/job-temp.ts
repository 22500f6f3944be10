import { chmodSync, mkdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// A job's RUNNER_TEMP holds its environment files and scripts, which may hold what a step wrote
// there (a secret in GITHUB_ENV, say): only the user may read it (0700, its files 0600), and it
// goes when the job ends, whatever the ending. What is worth keeping was read from it by then:
// outputs, env, the step summary, which the run's record keeps, masked.

const TEMP = 'temp';

/** The leg's folder and its empty, private temp folder inside; returns the temp folder. */
export function createJobTemp(legDir: string): string {
  const temp = join(legDir, TEMP);
  mkdirSync(temp, { recursive: true, mode: 0o700 });
  chmodSync(temp, 0o700); // mkdir's mode leaves an existing folder as it was
  return temp;
}

/** Removes a job's temp folder; a file a dying background process still writes gets a few more tries. */
export async function removeJobTemp(temp: string): Promise<void> {
  await rm(temp, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
}

/** Every leg's temp folder of a run, for a run whose process died before its jobs could remove them. */
export async function removeJobTemps(runDir: string): Promise<void> {
  const legs = await readdir(join(runDir, 'jobs')).catch(() => [] as string[]);
  await Promise.all(legs.map((leg) => removeJobTemp(join(runDir, 'jobs', leg, TEMP))));
}
