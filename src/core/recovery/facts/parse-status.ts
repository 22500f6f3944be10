import type { LocalChange, StatusFacts } from './types';

/**
 * Parses `git status --porcelain=v2 --branch -z`: headers give the branch,
 * HEAD, upstream and distance; entry lines give changed paths ("1", "2"),
 * conflicts ("u") and untracked files ("?"). With -z nothing is quoted, and a
 * rename ("2") carries its original path as the next NUL-separated field.
 */
export function parseStatusV2(text: string): StatusFacts {
  const fields = text.split('\0');
  let branch: string | undefined;
  let head: string | undefined;
  let upstream: string | undefined;
  let distance: { ahead: number; behind: number } | undefined;
  const changes: LocalChange[] = [];
  const conflicts: string[] = [];

  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (field.startsWith('# ')) {
      const [, key = '', value = ''] = /^# (\S+) (.*)$/s.exec(field) ?? [];
      if (key === 'branch.oid') head = value === '(initial)' ? undefined : value;
      else if (key === 'branch.head') branch = value === '(detached)' ? undefined : value;
      else if (key === 'branch.upstream') upstream = value;
      else if (key === 'branch.ab') {
        const match = /^\+(\d+) -(\d+)$/.exec(value);
        if (match) distance = { ahead: Number(match[1]), behind: Number(match[2]) };
      }
    } else if (field.startsWith('1 ')) {
      changes.push({ path: afterFields(field, 8), untracked: false });
    } else if (field.startsWith('2 ')) {
      const originalPath = fields[++i] ?? '';
      changes.push({ path: afterFields(field, 9), originalPath, untracked: false });
    } else if (field.startsWith('u ')) {
      const path = afterFields(field, 10);
      conflicts.push(path);
      changes.push({ path, untracked: false });
    } else if (field.startsWith('? ')) {
      changes.push({ path: field.slice(2), untracked: true });
    }
  }
  return {
    branch,
    head,
    upstream,
    // Git prints no distance when the upstream's ref no longer exists.
    upstreamExists: upstream !== undefined && distance !== undefined,
    ahead: distance?.ahead ?? 0,
    behind: distance?.behind ?? 0,
    changes,
    conflicts,
  };
}

/** The rest of a line after `count` space-separated fields (paths may hold spaces). */
function afterFields(line: string, count: number): string {
  let at = 0;
  for (let n = 0; n < count; n++) {
    const space = line.indexOf(' ', at);
    if (space < 0) return '';
    at = space + 1;
  }
  return line.slice(at);
}
