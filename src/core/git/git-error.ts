import { ShipshapeError, type ErrorCode } from '../errors';

/**
 * What went wrong, read from git's own words (as VS Code's git extension
 * does), so callers branch on a code and never compare messages.
 */
export type GitErrorCode =
  | 'GitNotFound'
  | 'NotAGitRepository'
  | 'NotAWorkTree'
  | 'FolderMissing'
  | 'Cancelled'
  | 'BadRevision'
  | 'NoCommits'
  | 'RepositoryIsLocked'
  | 'CannotLockRef'
  | 'DubiousOwnership'
  | 'NoUserIdentity'
  | 'LocalChangesOverwritten'
  | 'Conflict'
  | 'RefExists'
  | 'Refused'
  | 'Unknown';

/** The first matching pattern names the failure; the order puts the specific before the general. */
const PATTERNS: ReadonlyArray<readonly [RegExp, GitErrorCode]> = [
  [/detected dubious ownership/i, 'DubiousOwnership'],
  [/not a git repository/i, 'NotAGitRepository'],
  [/must be run in a work tree|this operation must be run in a work tree/i, 'NotAWorkTree'],
  [/does not have any commits yet|bad default revision 'HEAD'/i, 'NoCommits'],
  [/index\.lock': File exists|Unable to create '.*\.lock'/i, 'RepositoryIsLocked'],
  [/cannot lock ref/i, 'CannotLockRef'],
  [/Please tell me who you are|unable to auto-detect email address|empty ident name/i, 'NoUserIdentity'],
  [/would be overwritten by|Your local changes to the following files/i, 'LocalChangesOverwritten'],
  [/^CONFLICT|needs merge|you need to resolve your current index first/im, 'Conflict'],
  [/already exists/i, 'RefExists'],
  [
    /unknown revision|bad revision|ambiguous argument|Needed a single revision|bad object|not a valid object name|invalid reference|not a valid ref/i,
    'BadRevision',
  ],
];

export function classifyGitFailure(stderr: string): GitErrorCode {
  return PATTERNS.find(([pattern]) => pattern.test(stderr))?.[1] ?? 'Unknown';
}

const HINTS: Partial<Record<GitErrorCode, string>> = {
  GitNotFound: 'Install git, or set "shipshape.git.path" to the git executable.',
  NotAGitRepository: 'Open a folder that is a Git repository, or run "git init" there.',
  NotAWorkTree: 'Open the folder of a clone or worktree instead.',
  FolderMissing: 'Open a folder that exists and is a Git repository.',
  RepositoryIsLocked:
    'Another git command is running here (or one crashed and left its .lock file): wait for it, or remove the .lock file git names once nothing runs.',
  DubiousOwnership: 'Git refuses repositories owned by another user: add it with "git config --global --add safe.directory <path>" if you trust it.',
  Refused: 'Trust the workspace (in the CLI: drop --untrusted) to do this.',
  NoUserIdentity: 'Set your name and email: git config --global user.name "..." and user.email "...".',
};

/** The code every layer above git understands, for each git failure. */
function shipshapeCode(code: GitErrorCode): ErrorCode {
  switch (code) {
    case 'GitNotFound':
      return 'git-missing';
    case 'NotAGitRepository':
    case 'NotAWorkTree':
    case 'FolderMissing':
      return 'not-a-repository';
    case 'Cancelled':
      return 'cancelled';
    case 'Refused':
      return 'untrusted';
    default:
      return 'git-failed';
  }
}

export interface GitFailure {
  readonly gitCode: GitErrorCode;
  readonly args: readonly string[];
  readonly dir: string;
  readonly exitCode: number | null;
  /** Everything git wrote to stderr, for the log (the message keeps only the line that matters). */
  readonly stderr: string;
  readonly message?: string;
}

/** A git call that failed: its arguments, exit code and whole stderr, with a code read from them. */
export class GitError extends ShipshapeError {
  readonly gitCode: GitErrorCode;
  readonly args: readonly string[];
  readonly dir: string;
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(failure: GitFailure) {
    super(shipshapeCode(failure.gitCode), failure.message ?? describeFailure(failure), HINTS[failure.gitCode]);
    this.name = 'GitError';
    this.gitCode = failure.gitCode;
    this.args = failure.args;
    this.dir = failure.dir;
    this.exitCode = failure.exitCode;
    this.stderr = failure.stderr;
  }

  /** For the log: the command, where, how it ended and all git said. */
  override get details(): string {
    return `git ${this.args.join(' ')} (in ${this.dir}) exited ${this.exitCode ?? 'by signal'}: ${this.stderr.trim() || '(nothing on stderr)'}`;
  }
}

function describeFailure(failure: GitFailure): string {
  switch (failure.gitCode) {
    case 'GitNotFound':
      return 'Git could not be started.';
    case 'FolderMissing':
      return `${failure.dir} does not exist or is not a folder.`;
    case 'NotAGitRepository':
      return `${failure.dir} is not inside a Git repository.`;
    case 'NotAWorkTree':
      return `${failure.dir} has no working tree (a bare repository or a .git folder).`;
    case 'Cancelled':
      return 'The git command was cancelled.';
    default:
      return `Git failed: ${keyLine(failure.stderr) || `git ${failure.args[0] ?? ''} exited with code ${failure.exitCode}`}`;
  }
}

const MAX_LISTED = 5;

/**
 * The line of stderr that says what went wrong: git's "fatal:"/"error:" line, else the first one.
 * A line that ends in ':' introduces the indented names below it ("would be overwritten by merge:"):
 * they are the point of the message, so the first few come with it.
 */
export function keyLine(stderr: string): string {
  const lines = stderr.split('\n');
  const index = lines.findIndex((line) => /^\s*(fatal|error):/.test(line));
  const at = index >= 0 ? index : lines.findIndex((line) => line.trim() !== '');
  if (at < 0) return '';
  const line = (lines[at] as string).trim();
  if (!line.endsWith(':')) return line;
  const listed: string[] = [];
  for (const next of lines.slice(at + 1)) {
    if (!/^\s+\S/.test(next)) break;
    listed.push(next.trim());
  }
  if (listed.length === 0) return line;
  const more = listed.length > MAX_LISTED ? ` (and ${listed.length - MAX_LISTED} more)` : '';
  return `${line} ${listed.slice(0, MAX_LISTED).join(', ')}${more}`;
}

export function isGitError(error: unknown, code?: GitErrorCode): error is GitError {
  return error instanceof GitError && (code === undefined || error.gitCode === code);
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ShipshapeError && error.code === 'cancelled';
}

/** Between git calls of a longer read: a cancel stops it there, with the code every layer knows. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ShipshapeError('cancelled', 'Reading the repository was cancelled.');
}
