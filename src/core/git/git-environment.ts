/**
 * Git variables we pass on from the caller's environment: identity, TLS and
 * configuration-file settings a user may rely on. Every other GIT_* variable, and editors and
 * pagers (npm exports EDITOR into every script), is dropped: we never run git
 * interactively, and variables like GIT_DIR or GIT_INDEX_FILE (set inside
 * hooks) would point git away from the folder we were asked about.
 */
export const PASSED_GIT_VARIABLES = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_CEILING_DIRECTORIES',
  'GIT_TERMINAL_PROMPT',
  // Which configuration files git reads is the user's choice (and how tests run with none).
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
] as const;

/**
 * Variables that tell git which repository, index, objects or configuration to use instead of
 * the ones it finds from its folder (`git rev-parse --local-env-vars`, plus the namespace and the
 * numbered GIT_CONFIG_KEY_n/VALUE_n). Git exports several to hooks (GIT_DIR, GIT_INDEX_FILE in a
 * linked worktree), so whatever runs from a hook inherits them: never passed to our git nor to a
 * local run's steps, whose git must act on the folder it runs in.
 */
export const REPOSITORY_GIT_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_GRAFT_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_QUARANTINE_PATH',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
] as const;

const REPOSITORY = new Set<string>(REPOSITORY_GIT_VARIABLES);

/** Whether `key` is one of REPOSITORY_GIT_VARIABLES (or a numbered GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n). */
export function isRepositoryGitVariable(key: string): boolean {
  const upper = key.toUpperCase();
  return REPOSITORY.has(upper) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(upper);
}

const PASSED = new Set<string>(PASSED_GIT_VARIABLES);
const GUARDED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

/** Identity for commits Shipshape makes itself (snapshots), so they work without any user config. */
export const SNAPSHOT_IDENTITY: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: 'Shipshape',
  GIT_AUTHOR_EMAIL: 'shipshape@localhost',
  GIT_COMMITTER_NAME: 'Shipshape',
  GIT_COMMITTER_EMAIL: 'shipshape@localhost',
};

/**
 * The environment every git call gets: untranslated output (fsck and stash
 * messages are localised otherwise), never a prompt or an editor (":" is git's
 * own "no editor"), and no optional locks, so a background read never
 * rewrites the index under a git command the user is running.
 */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && key !== 'LANGUAGE' && (!GUARDED.test(key) || PASSED.has(key.toUpperCase())) && !isRepositoryGitVariable(key)) env[key] = value;
  }
  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_EDITOR = ':';
  env.GIT_SEQUENCE_EDITOR = ':';
  env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}
