import { readFile, stat } from 'node:fs/promises';

/** Pipeline files are small; a larger YAML file is data, not worth reading to sniff its kind. */
export const MAX_SNIFF_BYTES = 512 * 1024;

/** A file's text when it is at most MAX_SNIFF_BYTES; undefined when larger or unreadable. */
export async function readSmall(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > MAX_SNIFF_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
