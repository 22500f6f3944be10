import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ShipshapeError } from '../errors';
import { createGit, type GitOptions } from '../git/git';

/** The line that marks a hook, or a block in Husky's file, as Shipshape's. */
export const HOOK_MARKER = '# shipshape-preflight-hook';
const BLOCK_END = '# end shipshape-preflight-hook';
/** Where an existing pre-push hook goes when ours takes its place; ours runs it first. */
export const CHAINED_NAME = 'pre-push.shipshape-chained';

export interface HookPlace {
  /** The file git runs (or, with Husky, the file Husky runs). */
  readonly file: string;
  /** Husky's own pre-push script: ours is a block inside it, never a replacement. */
  readonly husky: boolean;
}

export interface HookChange {
  readonly file: string;
  /** Set when an existing hook was moved aside and is chained (install), or put back (uninstall). */
  readonly chained?: string;
  readonly husky: boolean;
}

/** Where the pre-push hook lives: git's hooks folder, honouring core.hooksPath; Husky's `.husky/pre-push` when hooksPath is Husky's. */
export async function findHookPlace(dir: string, options: GitOptions = {}): Promise<HookPlace> {
  const git = createGit(dir, options);
  const root = (await git.tryRaw(['rev-parse', '--show-toplevel']))?.trim();
  if (!root) throw new ShipshapeError('not-a-repository', `${dir} is not inside a git working tree.`, 'Run it in a clone, or pass --repo DIR.');
  const hooks = (await createGit(root, options).raw(['rev-parse', '--git-path', 'hooks'])).trim();
  const folder = isAbsolute(hooks) ? hooks : resolve(root, hooks);
  // Husky 9 points hooksPath at .husky/_ (generated, ignored); Husky 4-8 at .husky itself. Its user script is .husky/pre-push either way.
  const huskyRoot = basename(folder) === '_' && basename(dirname(folder)) === '.husky' ? dirname(folder) : basename(folder) === '.husky' ? folder : undefined;
  if (huskyRoot) return { file: join(huskyRoot, 'pre-push'), husky: true };
  return { file: join(folder, 'pre-push'), husky: false };
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** The shell lines that run the check: the recorded CLI when it is still there, else `shipshape` on PATH, else a note and the push goes on. */
function checkLines(command: readonly string[]): string[] {
  const [program = '', ...rest] = command;
  const script = rest.at(-1) ?? '';
  const recorded = command.map(quote).join(' ');
  return [
    `if [ -x ${quote(program)} ] && [ -f ${quote(script)} ]; then`,
    `  feed | ${recorded} preflight --hook "$@" || exit $?`,
    'elif command -v shipshape >/dev/null 2>&1; then',
    '  feed | shipshape preflight --hook "$@" || exit $?',
    'else',
    `  echo "shipshape: ${script.replace(/["$`\\]/g, '')} is gone, so this push is not checked (shipshape hook install records the new place)." >&2`,
    'fi',
  ];
}

/** The hook file: runs the hook it replaced first (with the same input), then the check. */
export function hookScript(command: readonly string[]): string {
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Checks what this push sends before git sends it (shipshape preflight).',
    '# "shipshape hook uninstall" removes it; "git push --no-verify" skips it.',
    'input=$(cat)',
    'feed() { if [ -n "$input" ]; then printf \'%s\\n\' "$input"; fi; }',
    `chained="$(dirname "$0")/${CHAINED_NAME}"`,
    'if [ -x "$chained" ]; then',
    '  feed | "$chained" "$@" || exit $?',
    'fi',
    ...checkLines(command),
    'exit 0',
    '',
  ].join('\n');
}

/** The block appended to Husky's pre-push script. */
function huskyBlock(command: readonly string[]): string {
  return [HOOK_MARKER, 'input=$(cat)', 'feed() { if [ -n "$input" ]; then printf \'%s\\n\' "$input"; fi; }', ...checkLines(command), BLOCK_END, ''].join('\n');
}

const isOurs = (text: string): boolean => text.includes(HOOK_MARKER);

/** Installs (or refreshes) the hook. An existing hook that is not ours is chained, never overwritten. */
export function installHook(place: HookPlace, command: readonly string[]): HookChange {
  mkdirSync(dirname(place.file), { recursive: true });
  const existing = existsSync(place.file) ? readFileSync(place.file, 'utf8') : undefined;
  if (place.husky) {
    const kept = existing === undefined ? '#!/bin/sh\n' : removeBlock(existing);
    writeFileSync(place.file, `${kept}${kept.endsWith('\n') ? '' : '\n'}${huskyBlock(command)}`);
    chmodSync(place.file, 0o755);
    return { file: place.file, husky: true };
  }
  const chained = join(dirname(place.file), CHAINED_NAME);
  let moved: string | undefined;
  if (existing !== undefined && !isOurs(existing)) {
    if (existsSync(chained)) throw new ShipshapeError('usage', `${place.file} is not Shipshape's and ${chained} already exists: move one of them first`);
    renameSync(place.file, chained);
    moved = chained;
  }
  writeFileSync(place.file, hookScript(command));
  chmodSync(place.file, 0o755);
  return { file: place.file, husky: false, ...(moved ? { chained: moved } : {}) };
}

/** Removes the hook and puts back the one it chained. Refuses to touch a hook that is not Shipshape's. */
export function uninstallHook(place: HookPlace): HookChange | undefined {
  if (!existsSync(place.file)) return undefined;
  const text = readFileSync(place.file, 'utf8');
  if (!isOurs(text)) return undefined;
  if (place.husky) {
    const kept = removeBlock(text);
    if (kept.trim() === '' || kept.trim() === '#!/bin/sh') rmSync(place.file);
    else writeFileSync(place.file, kept);
    return { file: place.file, husky: true };
  }
  const chained = join(dirname(place.file), CHAINED_NAME);
  if (existsSync(chained)) {
    renameSync(chained, place.file);
    return { file: place.file, husky: false, chained };
  }
  rmSync(place.file);
  return { file: place.file, husky: false };
}

/** The text without our block (and the blank line it brought). */
function removeBlock(text: string): string {
  const start = text.indexOf(HOOK_MARKER);
  if (start < 0) return text;
  const end = text.indexOf(BLOCK_END, start);
  const after = end < 0 ? text.length : text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end) + 1;
  return text.slice(0, start) + text.slice(after);
}
