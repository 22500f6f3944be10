/**
 * A `uses:` that names a folder or workflow of this repository, as `./path`: `./path` itself (from the
 * workspace, after a checkout) or `$/path` (GitHub's self-repository form: the running commit, no
 * checkout). Undefined for anything else.
 */
export function sameRepositoryPath(uses: string): string | undefined {
  if (uses.startsWith('./') || uses === '.') return uses;
  if (uses.startsWith('$/')) return `./${uses.slice(2)}`;
  return undefined;
}

/** `$/path`: the target is read from the running commit, so a missing one is a certain failure. */
export const isSelfReference = (uses: string): boolean => uses.startsWith('$/');
