import type { InProgressOperation } from '../recovery/repo-summary';
import type { RawCommit } from '../recovery/deep/parse-raw-log';

/** What preflight found, in the words of `shipshape preflight --json`. */
export type PreflightKind =
  | 'secret'
  | 'large-file'
  | 'conflict-marker'
  | 'env-file'
  | 'pipeline-error'
  | 'behind-upstream'
  | 'diverged'
  | 'default-branch'
  | 'force-push'
  | 'detached-head'
  | 'in-progress';

export type PreflightSeverity = 'block' | 'warn' | 'info';
export type PreflightVerdict = 'pass' | 'warn' | 'block';

export interface PreflightFinding {
  readonly kind: PreflightKind;
  readonly severity: PreflightSeverity;
  /** One sentence for a person; a secret in it is always masked. */
  readonly message: string;
  /** What helps: the command to run or the fix to apply. */
  readonly action?: string;
  readonly commit?: string;
  /** Repository-relative. */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
}

export interface JobForecast {
  readonly id: string;
  readonly willRun: boolean;
  readonly reason: string;
}

/** The planner's answer for one pipeline, for a push of this branch with exactly the changed paths. */
export interface PipelineForecast {
  readonly file: string;
  readonly kind: string;
  readonly willRun: boolean;
  readonly reason: string;
  readonly jobs: readonly JobForecast[];
}

export interface PreflightReport {
  readonly verdict: PreflightVerdict;
  /** The commits the push sends (newest first), at most COMMIT_LIMIT. */
  readonly commits: readonly string[];
  readonly findings: readonly PreflightFinding[];
  readonly pipelines: readonly PipelineForecast[];
}

/** One ref a push updates: from `git push`'s pre-push input, or what a plain `git push` would do. */
export interface PushTarget {
  /** e.g. refs/heads/feature; undefined for a deletion. */
  readonly localRef: string | undefined;
  /** The commit pushed; undefined for a deletion. */
  readonly localSha: string | undefined;
  /** e.g. refs/heads/feature on the remote. */
  readonly remoteRef: string;
  /** What the remote has now; undefined when the ref is new there. */
  readonly remoteSha: string | undefined;
}

/** What a push would do to one remote ref, as git facts. */
export interface TargetFacts extends PushTarget {
  /**
   * Commits the remote has on that ref and the push would drop (a force push); 0 for a fast-forward,
   * undefined when the remote's commit is not here to count (never fetched).
   */
  readonly dropped: number | undefined;
}

/** A line a commit added, as `git log -p -U0` shows it. */
export interface AddedLine {
  readonly commit: string;
  readonly file: string;
  /** 1-based, in the file as the commit left it. */
  readonly line: number;
  readonly text: string;
}

/** A pipeline file to validate: its text as pushed, or as it is in the working tree. */
export interface PipelineText {
  readonly file: string;
  readonly text: string;
  /** True when it is part of the push; false for a change only in the working tree. */
  readonly pushed: boolean;
}

/** Everything the pure check looks at, read once by readPreflightFacts. */
export interface PreflightFacts {
  readonly root: string;
  /** The branch HEAD is on; undefined when detached. */
  readonly branch: string | undefined;
  readonly head: string | undefined;
  readonly remote: string | undefined;
  /** The remote's default branch (short name), when known. */
  readonly defaultBranch: string | undefined;
  /** e.g. origin/main; undefined when the branch tracks nothing. */
  readonly upstream: string | undefined;
  readonly ahead: number;
  readonly behind: number;
  readonly inProgress: InProgressOperation | undefined;
  /** True when running as git's pre-push hook: the targets are git's, and a rejected push never reaches us. */
  readonly hook: boolean;
  readonly targets: readonly TargetFacts[];
  /** The commits sent, newest first, with the files each changed. */
  readonly commits: readonly RawCommit[];
  /** True when there were more commits than were read. */
  readonly truncated: boolean;
  /** Size in bytes of each added or modified blob. */
  readonly sizes: ReadonlyMap<string, number>;
  readonly added: readonly AddedLine[];
  readonly pipelines: readonly PipelineText[];
  /** Every GitHub workflow at the pushed commit (path and text), for the forecast. */
  readonly workflows: readonly { readonly file: string; readonly text: string }[];
  /** The Azure Pipelines files (found by name) at the pushed commit, for the forecast. */
  readonly azurePipelines: readonly { readonly file: string; readonly text: string }[];
  /** The repository's `.gitlab-ci.yml` at the pushed commit, when there is one. */
  readonly gitlabConfig: { readonly file: string; readonly text: string } | undefined;
}
