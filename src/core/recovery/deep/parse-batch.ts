/** Parsing `git cat-file --batch` and `--batch-check` output. */

export interface BatchObject {
  readonly sha: string;
  readonly type: string;
  readonly size: number;
  readonly content: Buffer;
}

/**
 * `--batch` writes "<sha> <type> <size>\n<content>\n" per object, or
 * "<name> missing\n". Content is counted in bytes, so this reads a Buffer.
 */
export function parseBatch(output: Buffer): BatchObject[] {
  const objects: BatchObject[] = [];
  let at = 0;
  while (at < output.length) {
    const end = output.indexOf(0x0a, at);
    if (end < 0) break;
    const header = output.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    const [sha = '', type = '', sizeText = ''] = header;
    if (header.length !== 3 || !/^\d+$/.test(sizeText)) continue; // "<name> missing"
    const size = Number(sizeText);
    objects.push({ sha, type, size, content: output.subarray(at, at + size) });
    at += size + 1;
  }
  return objects;
}

/** `--batch-check='%(objectname) %(objecttype) %(objectsize)'`: sizes without reading contents. */
export const BATCH_CHECK_FORMAT = '--batch-check=%(objectname) %(objecttype) %(objectsize)';

export function parseBatchCheck(text: string): Map<string, { readonly type: string; readonly size: number }> {
  const sizes = new Map<string, { type: string; size: number }>();
  for (const line of text.split('\n')) {
    const [sha = '', type = '', size = ''] = line.split(' ');
    if (/^\d+$/.test(size)) sizes.set(sha, { type, size: Number(size) });
  }
  return sizes;
}

/** Git's own test for binary content: a NUL byte in the first 8,000 bytes. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
