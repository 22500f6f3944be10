import type { Situation } from '../model';
import type { RecoveryFacts } from '../facts/types';
import { detectAmend } from './amend';
import { detectDeletedBranch } from './deleted-branch';
import { detectDetachedCommits } from './detached-commits';
import { detectInProgress } from './in-progress';
import { detectLostCommits } from './lost-commits';
import { detectMerge } from './merge';
import { detectRebase } from './rebase';
import { detectWrongBranch } from './wrong-branch';

export type Detector = (facts: RecoveryFacts) => Situation[];

/** The fast pass: every detector that needs only the cheap facts (no object scan). */
export const FAST_DETECTORS: readonly Detector[] = [
  detectInProgress,
  detectWrongBranch,
  detectAmend,
  detectMerge,
  detectRebase,
  detectLostCommits,
  detectDeletedBranch,
  detectDetachedCommits,
];

export { detectAmend, detectDeletedBranch, detectDetachedCommits, detectInProgress, detectLostCommits, detectMerge, detectRebase, detectWrongBranch };
export { guardFixes, keepResetTargets } from './reset-guard';
