import type { InProgressOperation } from '../repo-summary';

/** One entry of HEAD's reflog, newest first. */
export interface ReflogEntry {
  /** 0 for the newest entry (HEAD@{0}). */
  readonly index: number;
  /** Where HEAD pointed after this entry. */
  readonly sha: string;
  /** The parents of that commit. */
  readonly parents: readonly string[];
  /** Git's description of the move, e.g. "reset: moving to HEAD~2". */
  readonly message: string;
  /** When the entry was written, in seconds since the epoch. */
  readonly time: number;
  /** The subject of the commit HEAD pointed at. */
  readonly subject: string;
}

export interface CommitInfo {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Committer time, in seconds since the epoch. */
  readonly time: number;
  readonly subject: string;
}

export interface RefInfo {
  /** Full name, e.g. refs/heads/main. */
  readonly name: string;
  readonly sha: string;
  /** For symbolic refs such as refs/remotes/origin/HEAD: the full name they point at. */
  readonly target?: string;
}

/** A path with uncommitted changes (staged, unstaged or untracked). */
export interface LocalChange {
  readonly path: string;
  /** The path before a staged rename or copy. */
  readonly originalPath?: string;
  readonly untracked: boolean;
}

export interface StatusFacts {
  /** The branch HEAD points at (short name), undefined when HEAD is detached. */
  readonly branch: string | undefined;
  /** HEAD's commit, undefined before the first commit. */
  readonly head: string | undefined;
  /** e.g. "origin/main"; undefined when the branch tracks nothing. */
  readonly upstream: string | undefined;
  /** False when the upstream is configured but its ref is gone. */
  readonly upstreamExists: boolean;
  readonly ahead: number;
  readonly behind: number;
  readonly changes: readonly LocalChange[];
  /** Paths with unresolved conflicts. */
  readonly conflicts: readonly string[];
}

export interface InProgressFacts {
  readonly operation: InProgressOperation;
  /** The branch being rebased, or the branch HEAD is on for the other operations. */
  readonly branch: string | undefined;
  /** The commit being merged, cherry-picked or reverted (MERGE_HEAD and friends). */
  readonly incoming: string | undefined;
  /** Rebase progress, when git records it. */
  readonly step: { readonly done: number; readonly total: number } | undefined;
  /** When the operation started (the marker's modification time), in seconds. */
  readonly since: number | undefined;
}

/** Everything the fast detectors look at, read once. */
export interface RecoveryFacts {
  /** Seconds since the epoch: "now" for relative times. */
  readonly now: number;
  readonly gitDir: string;
  readonly status: StatusFacts;
  readonly inProgress: InProgressFacts | undefined;
  readonly refs: readonly RefInfo[];
  /** HEAD's reflog, newest first, at most REFLOG_DEPTH entries. */
  readonly headReflog: readonly ReflogEntry[];
  /**
   * The reflogs of local and remote-tracking branches, newest entry first, by
   * full ref name (at most REF_REFLOGS_LIMIT entries in all): how a ref moved
   * when HEAD did not (`branch -f`, `checkout -B`, a push).
   */
  readonly refReflogs: ReadonlyMap<string, readonly ReflogEntry[]>;
  /** Commits reachable only from reflogs (no branch, tag, remote, stash or HEAD holds them). */
  readonly reflogOnly: ReadonlyMap<string, CommitInfo>;
  /** Commits of HEAD that no other branch, remote-tracking branch or tag holds, newest first. */
  readonly headOnly: readonly CommitInfo[];
  /** True when HEAD is reachable from some refs/remotes/* ref. */
  readonly headPublished: boolean;
  /** The snapshots of Shipshape fixes still applied: what their backups hold was left behind on purpose (absent: none). */
  readonly appliedFixes?: readonly string[];
}
