import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FixPlan } from '../../../src/core/recovery/model';
import { git, gitWith } from '../../support/git';

/**
 * Everything an exact undo must bring back, as text that compares with
 * deepEqual: refs (ours excluded), HEAD, the index with stage numbers, every
 * working-tree file (untracked and ignored too) with mode and content hash,
 * the stash list and git's operation files.
 */
export interface RepoState {
  readonly refs: string;
  readonly head: string;
  readonly index: string;
  readonly files: readonly string[];
  readonly stashes: string;
  readonly operation: readonly string[];
}

export function repoState(dir: string): RepoState {
  const refs = git(dir, 'for-each-ref', '--format=%(refname) %(objectname)')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('refs/shipshape/'))
    .join('\n');
  return {
    refs,
    head: headOf(dir),
    index: git(dir, 'ls-files', '-s', '-z'),
    files: listFiles(dir),
    stashes: git(dir, 'stash', 'list', '--format=%H %gs'),
    operation: operationFiles(dir),
  };
}

const OPERATION_FILES = ['MERGE_HEAD', 'MERGE_MSG', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'rebase-merge', 'sequencer'];

/** Git's operation files that exist, with their content; their paths in one rev-parse (the fault test reads this hundreds of times). */
function operationFiles(dir: string): string[] {
  const paths = git(dir, 'rev-parse', ...OPERATION_FILES.flatMap((name) => ['--git-path', name])).split('\n');
  return OPERATION_FILES.flatMap((name, index) => {
    const path = resolve(dir, paths[index] ?? name);
    if (!existsSync(path)) return [];
    return [`${name}:${lstatSync(path).isFile() ? readFileSync(path, 'utf8') : 'dir'}`];
  });
}

/** `git symbolic-ref -q HEAD || git rev-parse HEAD` */
export function headOf(dir: string): string {
  try {
    return git(dir, 'symbolic-ref', '-q', 'HEAD').trim();
  } catch {
    return git(dir, 'rev-parse', 'HEAD').trim();
  }
}

export function gitPath(dir: string, name: string): string {
  return resolve(dir, git(dir, 'rev-parse', '--git-path', name).trim());
}

/** Every file under `root` except `.git`, as "path mode sha1" (symlinks by target). */
export function listFiles(root: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(root, prefix)).sort()) {
    if (prefix === '' && name === '.git') continue;
    const path = prefix === '' ? name : `${prefix}/${name}`;
    const info = lstatSync(join(root, path));
    if (info.isDirectory()) found.push(...listFiles(root, path));
    else if (info.isSymbolicLink()) found.push(`${path} link ${readlinkSync(join(root, path))}`);
    else {
      const mode = (info.mode & 0o111) !== 0 ? '755' : '644';
      found.push(
        `${path} ${mode} ${createHash('sha1')
          .update(readFileSync(join(root, path)))
          .digest('hex')}`,
      );
    }
  }
  return found;
}

/** Every object reachable from refs or reflogs. */
export function reachableObjects(dir: string): string[] {
  return git(dir, 'rev-list', '--objects', '--all', '--reflog')
    .split('\n')
    .map((line) => line.slice(0, 40))
    .filter((sha) => sha.length === 40);
}

/** The objects of `shas` that the repository no longer has. */
export function missingObjects(dir: string, shas: readonly string[]): string[] {
  if (shas.length === 0) return [];
  const output = gitWith(dir, { input: `${shas.join('\n')}\n` }, 'cat-file', '--batch-check=%(objectname) %(objecttype)');
  return output
    .split('\n')
    .filter((line) => line.endsWith(' missing'))
    .map((line) => line.split(' ')[0] ?? line);
}

/** A hand-written plan: only the steps matter to the safety net. */
export function planOf(title: string, steps: ReadonlyArray<readonly string[]>, extra: Partial<FixPlan> = {}): FixPlan {
  return {
    id: `test-${title}`,
    title,
    effect: title,
    steps: steps.map((args) => ({ args })),
    movesRefs: [],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: [],
    ...extra,
  };
}
