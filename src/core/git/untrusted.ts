import { devNull } from 'node:os';

/**
 * Hardening for a repository whose workspace is not trusted: git runs
 * programs named by the repository's own configuration (fsmonitor, filter
 * drivers through .gitattributes, textconv and external diff drivers, hooks,
 * signature programs, pagers, transport helpers), and in Restricted Mode none
 * of them may run. Every git call made for an untrusted workspace goes
 * through here, in git.ts; pure functions, so each rule is unit-tested.
 */

/** `-c` settings that take precedence over any repository config (and reach submodules and child gits). */
export const UNTRUSTED_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  `core.hooksPath=${devNull}`,
  'log.showSignature=false',
  'diff.ignoreSubmodules=all',
  'submodule.recurse=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  // Transports would run helpers (ssh, credential, proxy, ext::): none is allowed at all.
  'protocol.allow=never',
];

const DRIVER_KEY = /^filter\.(.+)\.(clean|smudge|process|required)$/is;

/**
 * Overrides that switch off every filter driver the configuration defines
 * (from any file, includes too): an empty command means "no filter" to git,
 * and `required=false` keeps git from failing for want of one. Throws for a
 * driver name `-c` cannot express, so such a repository is refused rather
 * than half protected.
 */
export function filterDriverOverrides(configNames: readonly string[]): string[] {
  const drivers = new Set<string>();
  for (const key of configNames) {
    const name = DRIVER_KEY.exec(key)?.[1];
    if (name !== undefined) drivers.add(name);
  }
  const overrides: string[] = [];
  for (const driver of [...drivers].sort()) {
    if (/[=\n\0]/.test(driver)) throw new Error(`the filter driver name "${driver.replace(/\n/g, '\\n')}" cannot be overridden safely`);
    overrides.push(`filter.${driver}.clean=`, `filter.${driver}.smudge=`, `filter.${driver}.process=`, `filter.${driver}.required=false`);
  }
  return overrides;
}

/** Subcommands that only read, and so may run for an untrusted workspace (with the flags below). */
const READ_ONLY = new Set([
  'cat-file',
  'check-ignore',
  'config',
  'count-objects',
  'diff',
  'diff-files',
  'diff-index',
  'diff-tree',
  'for-each-ref',
  'fsck',
  'grep',
  'hash-object',
  'log',
  'ls-files',
  'ls-tree',
  'merge-base',
  'name-rev',
  'reflog',
  'remote',
  'rev-list',
  'rev-parse',
  'show',
  'show-ref',
  'stash',
  'status',
  'symbolic-ref',
  'var',
  'version',
  'worktree',
]);

/** Sub-subcommands that read, for the subcommands that also write. */
const READING_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  stash: ['list', 'show'],
  reflog: ['show', 'exists'],
  remote: ['get-url'],
  worktree: ['list'],
};

/** Options that would start a program, or write, whatever the subcommand. */
const REFUSED_OPTIONS = /^(--textconv|--filters|--ext-diff|--show-signature|--lost-found|--upload-pack|--exec|--receive-pack|-O|--open-files-in-pager)(=|$)/;

/** Format placeholders that verify signatures, which runs gpg.program (or ssh's). */
const SIGNATURE_FORMAT = /^--(format|pretty)=.*(%G|%\(signature)/s;

/** Options of `git config` that read, or shape what it prints. */
const CONFIG_READS =
  /^(--get|--get-all|--get-regexp|--list|-l|--name-only|-z|--null|--includes|--show-origin|--show-scope|--default|--type|--bool|--int|--path)(=|$)/;

/** `git config NAME` or `--get*`/`--list` forms only: a second value (or --add, --edit...) writes. */
function isConfigRead(rest: readonly string[]): boolean {
  const options = rest.filter((arg) => arg.startsWith('-'));
  const values = rest.filter((arg) => !arg.startsWith('-'));
  if (!options.every((arg) => CONFIG_READS.test(arg))) return false;
  const getsRegexp = options.some((arg) => /^(--get-regexp|--get-all|--get)$/.test(arg));
  return values.length <= (getsRegexp ? 2 : 1);
}

/** Extra flags per subcommand: no external diff, no textconv, no look inside submodules (their config is not ours to override). */
const ADDED_FLAGS: Readonly<Record<string, readonly string[]>> = {
  diff: ['--no-ext-diff', '--no-textconv', '--ignore-submodules=all'],
  log: ['--no-ext-diff', '--no-textconv'],
  show: ['--no-ext-diff', '--no-textconv'],
  'diff-files': ['--ignore-submodules=all'],
  'diff-index': ['--ignore-submodules=all'],
  'diff-tree': ['--ignore-submodules=all', '--no-textconv', '--no-ext-diff'],
  status: ['--ignore-submodules=all'],
};

/** The subcommand and where it sits: the first argument that is not an option. */
function subcommandAt(args: readonly string[]): number {
  return args.findIndex((arg) => !arg.startsWith('-'));
}

/** Why these arguments may not run for an untrusted workspace, or undefined when they may. */
export function untrustedRefusal(args: readonly string[]): string | undefined {
  const at = subcommandAt(args);
  const subcommand = at < 0 ? '' : (args[at] as string);
  if (!READ_ONLY.has(subcommand)) return `"git ${subcommand}" can change the repository or run its programs`;
  const rest = args.slice(at + 1);
  const refused = rest.find((arg) => REFUSED_OPTIONS.test(arg) || SIGNATURE_FORMAT.test(arg));
  if (refused) return `"git ${subcommand} ${refused}" can run the repository's programs or write`;
  const actions = READING_ACTIONS[subcommand];
  if (actions) {
    const action = rest.find((arg) => !arg.startsWith('-'));
    // Bare `git stash`/`git reflog` default to push/show; only listed actions (or bare reflog) read.
    const reads = action === undefined ? subcommand === 'reflog' : actions.includes(action);
    if (!reads) return `"git ${subcommand} ${action ?? ''}" can change the repository`;
  }
  if (subcommand === 'hash-object' && rest.some((arg) => arg === '-w')) return '"git hash-object -w" writes objects';
  if (subcommand === 'config' && !isConfigRead(rest)) return '"git config" may only read here';
  if (
    subcommand === 'symbolic-ref' &&
    (rest.some((arg) => arg === '-d' || arg === '--delete' || arg === '-m') || rest.filter((arg) => !arg.startsWith('-')).length > 1)
  )
    return '"git symbolic-ref" may only read here';
  return undefined;
}

/** The arguments as run for an untrusted workspace: the subcommand's added flags right after it. */
export function hardenArguments(args: readonly string[]): string[] {
  const at = subcommandAt(args);
  if (at < 0) return [...args];
  const subcommand = args[at] as string;
  // `stash show` is a diff: it gets diff's flags after "show".
  const key = subcommand === 'stash' && args[at + 1] === 'show' ? 'diff' : subcommand;
  const flags = ADDED_FLAGS[key];
  if (!flags) return [...args];
  const insertAt = subcommand === 'stash' ? at + 2 : at + 1;
  return [...args.slice(0, insertAt), ...flags, ...args.slice(insertAt)];
}
