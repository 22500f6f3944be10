import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project `dir` is in when git cannot say (not a repository, or git missing): the nearest
 * folder, `dir` or above, holding `.github` or `.git` (a folder, or a submodule's file), so
 * `shipshape lint` run from `.github/workflows` or `src/` finds the workflows as it does with git.
 * `dir` itself when no folder above has either.
 */
export function findProjectRoot(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.github')) || existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return dir;
  }
}
