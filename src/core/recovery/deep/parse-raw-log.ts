/** Parsing `git log --raw -z --no-abbrev --no-renames` with RAW_LOG_FORMAT. */

/** Each commit starts with \x01 so records split cleanly; fields are NUL-separated. */
export const RAW_LOG_FORMAT = '--format=%x01%H%x00%P%x00%ct%x00%s';

/** One file a commit added (A), modified (M), deleted (D) or changed in type (T). */
export interface RawChange {
  readonly status: string;
  readonly path: string;
  readonly oldMode: string;
  readonly newMode: string;
  /** The blob before (all zeros when added). */
  readonly oldBlob: string;
  /** The blob after (all zeros when deleted). */
  readonly newBlob: string;
}

export interface RawCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly time: number;
  readonly subject: string;
  readonly changes: readonly RawChange[];
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const META = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;

/**
 * With -z git writes the header, a NUL and a newline, then per file
 * ":<modes> <blobs> <status>" NUL "<path>" NUL. Paths are never quoted.
 */
export function parseRawLog(text: string): RawCommit[] {
  const commits: RawCommit[] = [];
  for (const record of text.split('\x01')) {
    const fields = record.split('\0');
    const [sha = '', parents = '', time = '', subject = ''] = fields;
    if (!SHA.test(sha)) continue;
    const changes: RawChange[] = [];
    for (let i = 4; i < fields.length; i++) {
      const meta = META.exec((fields[i] ?? '').replace(/^\n/, ''));
      if (!meta) continue;
      const path = fields[++i] ?? '';
      const [, oldMode = '', newMode = '', oldBlob = '', newBlob = '', status = ''] = meta;
      changes.push({ status, path, oldMode, newMode, oldBlob, newBlob });
    }
    commits.push({ sha, parents: parents.split(' ').filter((parent) => SHA.test(parent)), time: Number(time) || 0, subject, changes });
  }
  return commits;
}
