import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGit, type GitOptions } from '../git/git';
import { BLOCKED_PUSH_URL } from './run-repository';

/**
 * The beginnings a push URL can have. git rewrites a push URL by the longest matching
 * `pushInsteadOf` prefix (a plain string prefix), so the empty one catches every URL, scp-like
 * `user@host:path` and bare relative paths included; the others name the usual forms.
 */
export const PUSH_URL_PREFIXES = ['', 'https://', 'http://', 'ssh://', 'git://', 'file://', 'git@', '/', './', '../', '~'] as const;

/** The user's global git config files, in the order git reads them (the later wins). */
export function userGlobalConfigFiles(env: Readonly<Record<string, string | undefined>>): string[] {
  if (env.GIT_CONFIG_GLOBAL !== undefined) return env.GIT_CONFIG_GLOBAL === '' ? [] : [env.GIT_CONFIG_GLOBAL];
  const home = env.HOME;
  const xdg = env.XDG_CONFIG_HOME || (home ? join(home, '.config') : undefined);
  return [...(xdg ? [join(xdg, 'git', 'config')] : []), ...(home ? [join(home, '.gitconfig')] : [])];
}

const quoted = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n')}"`;

/** `url.<blocked>.pushInsteadOf` for each prefix: every push goes to a path that cannot exist. */
export function blockedPushRules(prefixes: Iterable<string>): string {
  const lines = [...new Set(prefixes)].map((prefix) => `\tpushInsteadOf = ${quoted(prefix)}\n`);
  return `[url ${quoted(`${BLOCKED_PUSH_URL}/`)}]\n${lines.join('')}`;
}

/**
 * Writes the global git config a run's steps get (GIT_CONFIG_GLOBAL): a copy of the user's, so
 * identity, credential helpers and aliases work, while `git config --global` in a step changes
 * only the copy. Unless pushes are allowed, rules come first that send every push URL to a path
 * that cannot exist; a prefix the user's own config rewrites is blocked too (on equal length git
 * keeps the first rule it read). Not covered: a system config's rewrite rule (read before ours),
 * relative include paths in the user's file (they now resolve next to the copy).
 */
export async function writeRunGitConfig(
  file: string,
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  options: GitOptions & { readonly allowPush: boolean },
): Promise<void> {
  const { allowPush, ...gitOptions } = options;
  const copied = userGlobalConfigFiles(env)
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path, 'utf8'))
    .map((text) => (text.endsWith('\n') || text === '' ? text : `${text}\n`))
    .join('');
  writeFileSync(file, copied, { mode: 0o600 });
  if (allowPush) return;
  const theirs = await createGit(workspace, gitOptions).tryRaw(['config', '--file', file, '--includes', '-z', '--get-regexp', '^url\\..*\\.pushinsteadof$']);
  const userPrefixes = (theirs ?? '')
    .split('\0')
    .filter((entry) => entry.includes('\n'))
    .map((entry) => entry.slice(entry.indexOf('\n') + 1));
  writeFileSync(file, `${blockedPushRules([...PUSH_URL_PREFIXES, ...userPrefixes])}${copied}`, { mode: 0o600 });
}
