import type { GitOptions } from '../git/git';
import type { Situation } from './model';
import { createGit } from '../git/git';
import { DEEP_DETECTORS, FAST_DETECTORS, detectRiskyCommits, guardFixes, keepResetTargets } from './detectors';
import { holdsSecret } from './detectors/risky-commit';
import { noteMovedSecrets } from './detectors/moved-secrets';
import { readRiskyFacts } from './deep/read-risky';
import { readDeepFacts } from './deep/read-deep-facts';
import type { DeepFacts } from './deep/types';
import { readPathsChangedSince, readRecoveryFacts } from './facts/read-facts';
import type { RecoveryFacts } from './facts/types';
import { detectionView } from './facts/undone-fixes';

export interface DiagnoseOptions extends GitOptions {
  /** "Now" in milliseconds since the epoch, for relative times; tests pass a fixed value. */
  readonly now?: number;
  /**
   * Also scan for what only the object store still holds (dropped stashes,
   * staged changes lost to a reset; one `git fsck`, ~0.1 s at 5,000 commits,
   * 0.7-2 s at 50,000) and for secrets and large files in commits not yet pushed.
   */
  readonly deep?: boolean;
  /**
   * Without `deep`, still look for secrets and large files in commits not yet pushed (bounded: at
   * most RISKY_COMMIT_LIMIT unpushed commits, no fsck). `shipshape doctor` sets it.
   */
  readonly unpushed?: boolean;
  /** Told what is being read, and how far along (0..1) when known. */
  readonly onProgress?: (message: string, fraction?: number) => void;
}

/**
 * What git mistake happened? Reads the cheap facts once, runs every fast
 * detector, marks fixes git would refuse now, and lists the situations most
 * likely first. With `deep`, the deep pass's situations follow, in this
 * order: unpushed commits holding secrets or large files, dropped stashes
 * (oldest first), staged changes lost to a reset. Throws only ShipshapeError
 * (not a repository, git missing, cancelled, git failed).
 */
export async function diagnose(dir: string, options: DiagnoseOptions = {}): Promise<Situation[]> {
  return (await diagnoseWithFacts(dir, options)).situations;
}

/** diagnose, also handing back the facts it read, so a caller can describe them too (recent actions) without reading them again. */
export async function diagnoseWithFacts(dir: string, options: DiagnoseOptions = {}): Promise<{ situations: Situation[]; facts: RecoveryFacts }> {
  options.onProgress?.('Reading the repository', 0);
  const read = await readRecoveryFacts(dir, options);
  // Detection looks past what Shipshape itself did and undid; callers get the reflog as it is.
  const facts = detectionView(read);
  const found = detectAll(facts);
  // Only with local changes can `reset --keep` refuse; a clean tree costs no extra git call.
  const targets = facts.status.changes.length > 0 && !facts.inProgress ? keepResetTargets(found) : [];
  const changed = new Map(await Promise.all(targets.map(async (target) => [target, await readPathsChangedSince(dir, target, options)] as const)));
  const fast = guardFixes(found, facts, changed);
  if (!options.deep) {
    const risky = options.unpushed ? await readRiskyFacts(createGit(dir, options), facts) : undefined;
    options.onProgress?.('Done', 1);
    const listed = risky ? [...noteMovedSecrets(fast, risky), ...guardFixes(detectRiskyCommits(facts, { risky }), facts, new Map())] : fast;
    return { situations: secretsFirst(listed), facts: read };
  }
  const deep = await readDeepFacts(dir, facts, options);
  // Deep fixes never reset --keep: only the in-progress guard applies to them.
  const situations = secretsFirst([...noteMovedSecrets(fast, deep.risky), ...guardFixes(detectDeep(facts, deep), facts, new Map())]);
  options.onProgress?.(`Done: ${situations.length === 1 ? '1 situation' : `${situations.length} situations`}`, 1);
  return { situations, facts: read };
}

/** Commits holding a secret before every other situation; the rest keep their order. */
const secretsFirst = (situations: readonly Situation[]): Situation[] => [
  ...situations.filter(holdsSecret),
  ...situations.filter((situation) => !holdsSecret(situation)),
];

/** Every deep detector over the facts, in the detectors' order (each lists its own situations in order). */
export function detectDeep(facts: RecoveryFacts, deep: DeepFacts): Situation[] {
  const view = detectionView(facts);
  return DEEP_DETECTORS.flatMap((detect) => detect(view, deep));
}

/** Every fast detector over the facts, most likely first (ties keep the detectors' order). */
export function detectAll(facts: RecoveryFacts): Situation[] {
  const view = detectionView(facts);
  const found = FAST_DETECTORS.flatMap((detect) => detect(view));
  return found
    .map((situation, order) => ({ situation, order }))
    .sort((a, b) => b.situation.likelihood - a.situation.likelihood || a.order - b.order)
    .map(({ situation }) => situation);
}
