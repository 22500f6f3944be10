import type { CommitInfo, RefInfo, ReflogEntry } from './types';

/** Fields are NUL-separated and records newline-separated: subjects and reflog messages are one line. */
export const COMMIT_FORMAT = '--format=%H%x00%P%x00%ct%x00%s';
export const REFLOG_FORMAT = '--format=%H%x00%P%x00%gd%x00%gs%x00%s';
/** As REFLOG_FORMAT, with the full ref name in the selector (%gD). */
export const REF_REFLOG_FORMAT = '--format=%H%x00%P%x00%gD%x00%gs%x00%s';
export const REF_FORMAT = '--format=%(refname)%00%(objectname)%00%(symref)';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Parses `git log COMMIT_FORMAT` output. */
export function parseCommits(text: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  for (const line of text.split('\n')) {
    const [sha = '', parents = '', time = '', ...subject] = line.split('\0');
    if (!SHA.test(sha)) continue;
    commits.push({ sha, parents: splitParents(parents), time: Number(time) || 0, subject: subject.join(' ') });
  }
  return commits;
}

/**
 * Parses `git log -g --date=unix REFLOG_FORMAT HEAD`. With --date=unix the
 * selector reads HEAD@{<seconds>}: the time the entry was written, which is
 * not the commit's own date (a checkout of an old commit is still recent).
 */
export function parseReflog(text: string): ReflogEntry[] {
  const entries: ReflogEntry[] = [];
  for (const line of text.split('\n')) {
    const [sha = '', parents = '', selector = '', message = '', ...subject] = line.split('\0');
    if (!SHA.test(sha)) continue;
    const time = Number(/@\{(\d+)\}$/.exec(selector)?.[1] ?? 0);
    entries.push({ index: entries.length, sha, parents: splitParents(parents), message, time, subject: subject.join(' ') });
  }
  return entries;
}

/** Parses `git log -g --date=unix REF_REFLOG_FORMAT --glob=...`: the entries of each ref, newest first. */
export function parseRefReflogs(text: string): Map<string, ReflogEntry[]> {
  const byRef = new Map<string, ReflogEntry[]>();
  for (const line of text.split('\n')) {
    const name = /^(refs\/.+)@\{\d+\}$/.exec(line.split('\0')[2] ?? '')?.[1];
    const [entry] = parseReflog(line);
    if (!name || !entry) continue;
    const entries = byRef.get(name) ?? [];
    entries.push({ ...entry, index: entries.length });
    byRef.set(name, entries);
  }
  return byRef;
}

/** Parses `git for-each-ref REF_FORMAT`. */
export function parseRefs(text: string): RefInfo[] {
  const refs: RefInfo[] = [];
  for (const line of text.split('\n')) {
    const [name = '', sha = '', target = ''] = line.split('\0');
    if (!name.startsWith('refs/') || !SHA.test(sha)) continue;
    refs.push(target ? { name, sha, target } : { name, sha });
  }
  return refs;
}

function splitParents(text: string): string[] {
  return text.split(' ').filter((parent) => SHA.test(parent));
}
