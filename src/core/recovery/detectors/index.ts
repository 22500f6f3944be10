import type { Situation } from '../model';
import type { RecoveryFacts } from '../facts/types';
import type { DeepFacts } from '../deep/types';
import { detectAmend } from './amend';
import { detectDeletedBranch } from './deleted-branch';
import { detectDetachedCommits } from './detached-commits';
import { detectDroppedStash } from './dropped-stash';
import { detectInProgress } from './in-progress';
import { detectLostCommits } from './lost-commits';
import { detectLostStaged } from './lost-staged';
import { detectMerge } from './merge';
import { detectPicked } from './picked';
import { detectRebase } from './rebase';
import { detectRiskyCommits } from './risky-commit';
import { detectWrongBranch } from './wrong-branch';

export type Detector = (facts: RecoveryFacts) => Situation[];

/** The fast pass: every detector that needs only the cheap facts (no object scan). */
export const FAST_DETECTORS: readonly Detector[] = [
  detectInProgress,
  detectWrongBranch,
  detectAmend,
  detectMerge,
  detectPicked,
  detectRebase,
  detectLostCommits,
  detectDeletedBranch,
  detectDetachedCommits,
];

export type DeepDetector = (facts: RecoveryFacts, deep: DeepFacts) => Situation[];

/**
 * The deep pass: detectors over what the unpushed-commit scan and fsck found,
 * in the order their situations are listed (after the fast pass's).
 */
export const DEEP_DETECTORS: readonly DeepDetector[] = [detectRiskyCommits, detectDroppedStash, detectLostStaged];

export {
  detectAmend,
  detectDeletedBranch,
  detectDetachedCommits,
  detectDroppedStash,
  detectInProgress,
  detectLostCommits,
  detectLostStaged,
  detectMerge,
  detectPicked,
  detectRebase,
  detectRiskyCommits,
  detectWrongBranch,
};
export { guardFixes, keepResetTargets } from './reset-guard';
