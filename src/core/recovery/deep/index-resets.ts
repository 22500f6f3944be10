import type { ReflogEntry } from '../facts/types';
import type { IndexReset } from './types';

/** Seconds of slack between a reflog entry, a stash's commit time and an object's write time. */
export const CLOCK_SLACK = 2;

/**
 * Resets that left HEAD where it was (`git reset --hard`, or a plain `git reset`):
 * the only thing they can have thrown away is the index (and files). `git stash`
 * writes the same entry while saving everything, so entries at a stash's time are left out.
 */
export function indexResets(reflog: readonly ReflogEntry[], stashTimes: readonly number[]): IndexReset[] {
  const resets: IndexReset[] = [];
  reflog.forEach((entry, i) => {
    const before = reflog[i + 1];
    if (entry.message !== 'reset: moving to HEAD' || (before && before.sha !== entry.sha)) return;
    if (stashTimes.some((time) => Math.abs(time - entry.time) <= CLOCK_SLACK)) return;
    resets.push({ index: entry.index, sha: entry.sha, time: entry.time, since: before?.time ?? 0 });
  });
  return resets;
}

/** The newest reset whose window (HEAD's previous move, the reset] holds `time`. */
export function resetBefore(resets: readonly IndexReset[], time: number): IndexReset | undefined {
  return resets.find((reset) => time > reset.since - CLOCK_SLACK && time <= reset.time + CLOCK_SLACK);
}
