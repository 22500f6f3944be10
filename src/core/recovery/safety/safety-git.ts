import { simpleGit, type SimpleGit } from 'simple-git';
import { PASSED_GIT_VARIABLES, baseGitOptions, gitEnvironment, type GitOptions } from '../../git/git-client';

export interface SafetyGitOptions extends GitOptions {
  /** A temporary index: the user's own index is never read for writing nor written. */
  readonly indexFile?: string;
  /** Identity for commits we make ourselves (snapshots), so they work without user config. */
  readonly snapshotIdentity?: boolean;
  /** Written to git's standard input (for `update-ref --stdin`). */
  readonly input?: string;
}

/** Variables our own calls set, beyond the ones git-client passes on from the caller. */
const SAFETY_VARIABLES = ['GIT_INDEX_FILE', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR'] as const;

const SNAPSHOT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Shipshape',
  GIT_AUTHOR_EMAIL: 'shipshape@localhost',
  GIT_COMMITTER_NAME: 'Shipshape',
  GIT_COMMITTER_EMAIL: 'shipshape@localhost',
};

/**
 * Like createGit, with two differences the safety net needs: any non-zero exit
 * is an error (simple-git accepts a failing exit when stderr is empty, so
 * `git diff --quiet` or a silent hook failure would pass as success), and an
 * editor never opens (":" is git's own "no editor"), so no step can hang.
 */
export function createSafetyGit(dir: string, options: SafetyGitOptions = {}): SimpleGit {
  const env: Record<string, string> = { ...gitEnvironment(), GIT_EDITOR: ':', GIT_SEQUENCE_EDITOR: ':' };
  if (options.indexFile !== undefined) env.GIT_INDEX_FILE = options.indexFile;
  if (options.snapshotIdentity) Object.assign(env, SNAPSHOT_IDENTITY);
  return simpleGit({
    ...baseGitOptions(dir, options),
    allowEnvironment: [...PASSED_GIT_VARIABLES, ...SAFETY_VARIABLES],
    // The only editor we ever set is ":", which git treats as "no editor" and never runs.
    unsafe: { allowUnsafeEditor: true },
    input: () => options.input,
    errors: (error, result) => {
      if (error !== undefined || result.exitCode === 0) return error;
      const output = Buffer.concat([...result.stdErr, ...result.stdOut]).toString('utf8').trim();
      return new Error(output === '' ? `git exited with code ${result.exitCode}` : output);
    },
  }).env(env);
}

/** Runs git and returns stdout, or undefined when git exits non-zero (for questions like "is HEAD symbolic?"). */
export async function tryRaw(git: SimpleGit, args: readonly string[]): Promise<string | undefined> {
  try {
    return await git.raw([...args]);
  } catch {
    return undefined;
  }
}

/** One ref change for a transaction; null means "absent" (create when old, delete when new). */
export interface RefUpdate {
  readonly name: string;
  readonly old: string | null;
  readonly new: string | null;
}

/**
 * All-or-nothing ref changes, each checked against its old value: git applies
 * the whole transaction or none of it, so a ref moved meanwhile stops them all.
 */
export async function updateRefs(dir: string, options: GitOptions, updates: readonly RefUpdate[], message: string): Promise<void> {
  if (updates.length === 0) return;
  const commands = updates.map((update) => {
    if (update.new === null) return `delete ${update.name}\0${update.old ?? ''}\0`;
    if (update.old === null) return `create ${update.name}\0${update.new}\0`; // fails if it exists
    return `update ${update.name}\0${update.new}\0${update.old}\0`;
  });
  await createSafetyGit(dir, { ...options, input: commands.join('') }).raw(['update-ref', '-m', message, '--stdin', '-z']);
}
