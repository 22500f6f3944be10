/**
 * Which Azure files may include a template, directly or through other templates: the editor checks
 * a template through them (as `shipshape lint` checks a repository's files together), so what is
 * only found by expanding it with its callers' parameters shows on it too, with the chain.
 */
import { basename } from 'node:path';

/**
 * The files among `files` whose text names `file`'s file name, and those naming one of them, and so
 * on. A superset of the includers (a name in a comment counts too; `validateAzureFiles` reads the
 * real references), without parsing: cheap enough for every edit.
 */
export function possibleIncluders(file: string, files: readonly string[], read: (file: string) => string | undefined): string[] {
  const found = new Set<string>();
  const texts = new Map<string, string>();
  const textOf = (candidate: string): string => {
    if (!texts.has(candidate)) texts.set(candidate, read(candidate) ?? '');
    return texts.get(candidate) as string;
  };
  const queue = [file];
  while (queue.length) {
    const name = basename(queue.shift() as string);
    for (const candidate of files) {
      if (candidate === file || found.has(candidate) || !textOf(candidate).includes(name)) continue;
      found.add(candidate);
      queue.push(candidate);
    }
  }
  return [...found];
}
