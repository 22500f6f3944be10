/**
 * The recovery model: what happened (a Situation), with the evidence, and
 * what can be done about it (FixPlans). Plans are data: plain words, the
 * exact git arguments, and what they change. Nothing here runs git.
 */
export type SituationKind =
  | 'in-progress'
  | 'wrong-branch'
  | 'amend'
  | 'lost-commits'
  | 'lost-staged'
  | 'deleted-branch'
  | 'dropped-stash'
  | 'rebase'
  | 'merge'
  | 'cherry-pick'
  | 'revert'
  | 'detached-commits'
  | 'risky-commit';

/** One fact that supports a diagnosis, for a person to check. */
export interface Evidence {
  readonly kind: 'reflog' | 'commit' | 'ref' | 'stash' | 'file' | 'status';
  /** Plain words, e.g. "reset: moving to HEAD~2" or "Add search tests". */
  readonly label: string;
  readonly sha?: string;
  /** Seconds since the epoch, when known. */
  readonly time?: number;
}

/** A git invocation as an argument list: never a shell string. */
export interface GitStep {
  readonly args: readonly string[];
}

export interface FixPlan {
  /** Stable while the repository is unchanged: derived from the kind, the shas involved and the fix. */
  readonly id: string;
  readonly title: string;
  /** What the fix does, in plain words. */
  readonly effect: string;
  readonly steps: readonly GitStep[];
  /** Refs the fix creates, moves or deletes (full names, e.g. refs/heads/main). */
  readonly movesRefs: readonly string[];
  readonly changesIndex: boolean;
  readonly changesFiles: boolean;
  /** True when published commits would be rewritten; such fixes are never offered (revert instead). */
  readonly rewritesHistory: boolean;
  /** What could go wrong, in plain words; empty when nothing is at risk. */
  readonly risks: readonly string[];
  /**
   * Paths the fix adds to the .gitignore at the top of the work tree after its steps, as exact
   * patterns (those already ignored are left out): files it took out of git stay out of it.
   */
  readonly ignorePaths?: readonly string[];
  /** Set when the fix cannot be applied now, with the reason and what to do. */
  readonly refusal?: string;
}

export interface Situation {
  /** Stable while the repository is unchanged. */
  readonly id: string;
  readonly kind: SituationKind;
  /** One line, e.g. "2 commits on main belong on a branch". */
  readonly title: string;
  /** Plain words: what happened and when. */
  readonly explanation: string;
  readonly evidence: readonly Evidence[];
  readonly fixes: readonly FixPlan[];
  /** 0..1; situations are listed most likely first. */
  readonly likelihood: number;
}

/** Short stable ids: the first 12 hex digits of a SHA-1 over the parts. */
export function stableId(...parts: readonly string[]): string {
  // A tiny FNV-1a over the parts keeps this module free of Node imports.
  let hash = 0x811c9dc5;
  let hash2 = 0x01000193;
  for (const char of parts.join('\u0000')) {
    const code = char.codePointAt(0) ?? 0;
    hash = Math.imul(hash ^ code, 0x01000193) >>> 0;
    hash2 = Math.imul(hash2 ^ code, 0x811c9dc5) >>> 0;
  }
  return `${hash.toString(16).padStart(8, '0')}${hash2.toString(16).padStart(8, '0')}`.slice(0, 12);
}
