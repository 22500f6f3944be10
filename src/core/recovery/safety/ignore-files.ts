import { appendFile, lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../../git/git';
import { exactIgnorePattern } from '../ignore-pattern';

/**
 * Appends the paths git does not ignore yet to `<root>/.gitignore`. Only a
 * regular file (or none) is written: a link could point outside the work tree.
 * The fix's snapshot holds the file as it was, so an undo puts it back.
 */
export async function addToGitignore(git: Git, root: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const file = join(root, '.gitignore');
  const info = await lstat(file).catch(() => undefined);
  if (info && !info.isFile()) return;
  // check-ignore exits 1 when none is ignored; it prints the ignored ones.
  const ignored = new Set((await git.raw(['check-ignore', '--no-index', '-z', '--stdin'], { input: paths.join('\0'), okExitCodes: [0, 1] })).split('\0'));
  const patterns = paths.filter((path) => !ignored.has(path)).flatMap((path) => exactIgnorePattern(path) ?? []);
  if (patterns.length === 0) return;
  const text = info ? await readFile(file, 'utf8') : '';
  await appendFile(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${patterns.join('\n')}\n`);
}
