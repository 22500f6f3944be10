import type { Git } from '../../git/git';

/**
 * The deep pass hands git thousands of object names on standard input
 * (`cat-file --batch`, `log --stdin`), never on a command line. With no
 * names there is no call: `log --stdin` given nothing would read HEAD.
 */
export function readWithNames(git: Git, args: readonly string[], names: string): Promise<string> {
  return names === '' ? Promise.resolve('') : git.raw(args, { input: names });
}

/** `git cat-file --batch` as bytes: blob contents need not be UTF-8, and sizes count bytes. */
export function catFileBatch(git: Git, names: string): Promise<Buffer> {
  return names === '' ? Promise.resolve(Buffer.alloc(0)) : git.bytes(['cat-file', '--batch'], { input: names });
}
