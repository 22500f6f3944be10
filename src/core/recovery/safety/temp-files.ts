import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private folder for temporary index files, removed whatever happens. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-safety-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Regular files under `path` (itself when it is a file), as paths relative to `path`'s parent, named from `name`. */
export async function listFilesUnder(path: string, name: string): Promise<Array<{ readonly name: string; readonly path: string }>> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return [];
  if (info.isFile()) return [{ name, path }];
  if (!info.isDirectory()) return [];
  const found: Array<{ name: string; path: string }> = [];
  for (const entry of await readdir(path)) found.push(...(await listFilesUnder(join(path, entry), `${name}/${entry}`)));
  return found;
}

export async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
