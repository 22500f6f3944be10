import type { Situation } from './model';
import { FAST_DETECTORS, guardFixes, keepResetTargets } from './detectors';
import { readPathsChangedSince, readRecoveryFacts } from './facts/read-facts';
import type { RecoveryFacts } from './facts/types';

export interface DiagnoseOptions {
  readonly signal?: AbortSignal;
  /** The git executable; empty or undefined means `git` from PATH. */
  readonly binary?: string;
  /** "Now" in milliseconds since the epoch, for relative times; tests pass a fixed value. */
  readonly now?: number;
}

/**
 * What git mistake happened? Reads the cheap facts once, runs every fast
 * detector, marks fixes git would refuse now, and lists the situations most
 * likely first. Throws only ShipshapeError (not a repository, git missing,
 * cancelled, git failed).
 */
export async function diagnose(dir: string, options: DiagnoseOptions = {}): Promise<Situation[]> {
  const facts = await readRecoveryFacts(dir, options);
  const found = detectAll(facts);
  // Only with local changes can `reset --keep` refuse; a clean tree costs no extra git call.
  const targets = facts.status.changes.length > 0 && !facts.inProgress ? keepResetTargets(found) : [];
  const changed = new Map(await Promise.all(targets.map(async (target) => [target, await readPathsChangedSince(dir, target, options)] as const)));
  return guardFixes(found, facts, changed);
}

/** Every fast detector over the facts, most likely first (ties keep the detectors' order). */
export function detectAll(facts: RecoveryFacts): Situation[] {
  const found = FAST_DETECTORS.flatMap((detect) => detect(facts));
  return found.map((situation, order) => ({ situation, order })).sort((a, b) => b.situation.likelihood - a.situation.likelihood || a.order - b.order).map(({ situation }) => situation);
}
