import type { AddedLine } from './types';

/** Each commit of `git log -p` starts with \x01 and its sha (see ADDED_LINES_ARGS). */
export const PATCH_FORMAT = '--format=%x01%H';

/**
 * The added lines of the commits `git log -p -U0` printed, with their line
 * numbers in the new file. Binary files ("Binary files ... differ", which
 * includes files over core.bigFileThreshold) and deletions add nothing. Pure.
 */
export function parseAddedLines(patch: string): AddedLine[] {
  const added: AddedLine[] = [];
  let commit = '';
  let file: string | undefined;
  let inHunk = false;
  let line = 0;
  for (const text of patch.split('\n')) {
    if (text.startsWith('\x01')) {
      commit = text.slice(1).trim();
      file = undefined;
      inHunk = false;
    } else if (text.startsWith('diff --git ')) {
      file = undefined;
      inHunk = false;
    } else if (!inHunk && text.startsWith('+++ ')) {
      const target = text.slice(4);
      file = target === '/dev/null' ? undefined : stripPrefix(unquote(target));
    } else if (text.startsWith('@@ ')) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      inHunk = match !== null;
      line = Number(match?.[1] ?? 0);
    } else if (inHunk && file !== undefined && text.startsWith('+')) {
      added.push({ commit, file, line, text: text.slice(1) });
      line++;
    }
  }
  return added;
}

const stripPrefix = (path: string): string => (path.startsWith('b/') ? path.slice(2) : path);

const ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

/** git's C-style quoting of unusual paths ("a\tb", octal bytes for UTF-8), undone. */
export function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"') || path.length < 2) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(ESCAPES[next] ?? next, 'utf8'));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
