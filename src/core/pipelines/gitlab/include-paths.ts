/**
 * `include: local` paths: from the repository root (a leading `/` or not), with GitLab's
 * wildcards: `*` within one folder, `**` across folders. Matched in linear time (patterns/nfa).
 */
import { ANY_FOLDERS, buildNfa, runNfa, type GlobUnit } from '../../patterns/nfa';

export function isIncludeGlob(path: string): boolean {
  return path.includes('*');
}

export function normalizeLocal(path: string): string {
  return path
    .trim()
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '');
}

/** The repository files (relative, forward slashes) a wildcard `include: local` names, sorted. */
export function matchIncludeGlob(pattern: string, files: readonly string[]): string[] {
  const units: (GlobUnit | typeof ANY_FOLDERS)[] = [];
  const text = normalizeLocal(pattern);
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '*' && text[i + 1] === '*' && text[i + 2] === '/') {
      units.push(ANY_FOLDERS); // `**/`: any folders, or none
      i += 2;
    } else if (char === '*' && text[i + 1] === '*') {
      units.push({ test: () => true, repeat: 'any' });
      i++;
    } else if (char === '*') units.push({ test: (c) => c !== '/', repeat: 'any' });
    else units.push({ test: (c) => c === char, repeat: 'one' });
  }
  const nfa = buildNfa(units);
  return files.filter((file) => runNfa(nfa, file).matched).sort();
}
