import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/corpus next to the project, or undefined when this machine does not have it. */
export const CORPUS_ROOT = join(__dirname, '..', '..', '..', 'shared', 'corpus');
export const corpusAvailable = existsSync(CORPUS_ROOT);
/** Suffix for test titles: says visibly why a corpus test is skipped. */
export const corpusSkipReason = corpusAvailable ? '' : ' (skipped: ../shared/corpus is not on this machine)';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
