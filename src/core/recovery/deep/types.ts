import type { CommitInfo } from '../facts/types';
import type { FsckObjects } from './parse-fsck';

/** A commit no ref or reflog holds that is shaped like a stash (dropped, cleared, or popped). */
export interface StashCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  /** When it was stashed (committer time), in seconds. */
  readonly time: number;
  /** e.g. "On main: WIP: pagination" or "WIP on main: 1a2b3c4 Add search". */
  readonly subject: string;
  /** Tracked files the stash changed (against the commit it was made on). */
  readonly paths: readonly string[];
  /** Untracked files it saved (its third parent), when stashed with -u or -a. */
  readonly untrackedPaths: readonly string[];
  /** True when every file it saved is in the working tree as saved: it was applied (popped), nothing is lost. */
  readonly applied: boolean;
}

/** The reflog entry of a `reset` that kept HEAD where it was and threw away the index. */
export interface IndexReset {
  /** Its position in HEAD's reflog (0 = newest). */
  readonly index: number;
  readonly sha: string;
  readonly time: number;
  /** When HEAD last moved before it: changes staged since then were lost. */
  readonly since: number;
}

/** Where a lost blob most likely belonged: the tracked file whose lines it shares most. */
export interface PathGuess {
  readonly path: string;
  /** The file's mode in HEAD, e.g. 100644 or 100755. */
  readonly mode: string;
  /** 0..1: the share of lines the two have in common. */
  readonly similarity: number;
}

/** A file's content that was staged (`git add`) and then lost to a reset. */
export interface LostBlob {
  readonly sha: string;
  readonly size: number;
  /** When git wrote it (its loose object's modification time), in seconds. */
  readonly time: number;
  readonly reset: IndexReset;
  readonly binary: boolean;
  /** Line count of text content; 0 for binary or unread (too large) blobs. */
  readonly lines: number;
  /** The first few lines, for a person to recognise it; empty for binary or large blobs. */
  readonly preview: readonly string[];
  readonly guess: PathGuess | undefined;
}

export type RiskReason =
  | { readonly kind: 'large'; readonly size: number }
  | { readonly kind: 'name'; readonly what: string }
  | { readonly kind: 'secret'; readonly what: string; readonly masked: string };

/** A file a not-yet-pushed commit added or modified that should probably not be committed. */
export interface RiskyFile {
  readonly path: string;
  /** A (added) or M (modified). */
  readonly status: string;
  readonly blob: string;
  readonly size: number;
  readonly reasons: readonly RiskReason[];
}

export interface RiskyCommit {
  readonly commit: CommitInfo;
  readonly files: readonly RiskyFile[];
  /** Every path the commit changed (any status): a fix that takes out all of them empties the commit. */
  readonly changedPaths: readonly string[];
}

export interface RiskyFacts {
  /** Commits scanned: on HEAD and on no remote-tracking branch (nor the upstream), newest first, at most RISKY_COMMIT_LIMIT. */
  readonly scanned: number;
  readonly commits: readonly RiskyCommit[];
  /** Paths with staged changes now: an amend would take them in too. */
  readonly staged: readonly string[];
  /** Commits pushed to the upstream in the last week that hold a secret or a file named like one (large files left out). */
  readonly pushed: readonly RiskyCommit[];
}

/** The facts only an object scan finds, plus the unpushed-commit scan. */
export interface DeepFacts {
  readonly fsck: FsckObjects;
  /** Stash-shaped commits no ref holds, oldest first. */
  readonly stashes: readonly StashCommit[];
  /** Staged content lost to resets, newest first. */
  readonly lostBlobs: readonly LostBlob[];
  readonly risky: RiskyFacts;
  /** The repository's gc.pruneExpire (how long unreachable objects such as dropped stashes are kept); undefined when not set. */
  readonly pruneExpire: string | undefined;
}
