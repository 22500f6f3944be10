import { ANY_FOLDERS, buildNfa, runNfa, type GlobUnit, type Nfa } from '../../../patterns/nfa';
import type { DataProblem } from './suggest';

/**
 * GitHub's filter patterns for branches, tags and paths ("Filter pattern
 * cheat sheet"): `*` stops at `/`, `**` does not, `?` and `+` repeat the
 * character (or `[...]`) before them zero-or-one and one-or-more times,
 * `[...]` matches one letter or digit, `\` escapes, a leading `!` negates.
 * Everything else, `.` included, is literal.
 */
export type GlobKind = 'branch' | 'tag' | 'path';

type Atom =
  | { readonly kind: 'literal'; readonly char: string; readonly at: number; readonly escaped: boolean }
  | { readonly kind: 'star'; readonly at: number }
  | { readonly kind: 'globstar'; readonly at: number; readonly slash: boolean }
  | { readonly kind: 'class'; readonly source: string; readonly at: number; readonly end: number }
  | { readonly kind: 'repeat'; readonly char: '?' | '+'; readonly at: number };

interface Parsed {
  readonly atoms: Atom[];
  readonly problems: DataProblem[];
  /** Offset where the pattern proper starts (1 after a leading `!`). */
  readonly offset: number;
}

const isAlphanumeric = (char: string): boolean => /^[A-Za-z0-9]$/.test(char);
const sameClass = (a: string, b: string): boolean =>
  (/\d/.test(a) && /\d/.test(b)) || (/[a-z]/.test(a) && /[a-z]/.test(b)) || (/[A-Z]/.test(a) && /[A-Z]/.test(b));
/** Characters a backslash escapes; before anything else the backslash is an ordinary character. */
const ESCAPABLE = '[]?*+\\!';
const escapeInClass = (char: string): string => char.replace(/[\]\\^-]/g, '\\$&');

function parse(pattern: string): Parsed {
  const atoms: Atom[] = [];
  const problems: DataProblem[] = [];
  const error = (message: string, start: number, end: number): void => void problems.push({ message, severity: 'error', start, end });
  const offset = pattern.startsWith('!') ? 1 : 0;
  if (pattern.length === offset) {
    error(offset ? 'A "!" must be followed by the pattern to exclude.' : 'A filter pattern cannot be empty.', 0, pattern.length);
    return { atoms, problems, offset };
  }
  let i = offset;
  while (i < pattern.length) {
    const char = pattern[i] ?? '';
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== undefined && ESCAPABLE.includes(next)) {
        atoms.push({ kind: 'literal', char: next, at: i, escaped: true });
        i += 2;
      } else {
        // Before any other character "\\" is itself literal (paths may contain it).
        atoms.push({ kind: 'literal', char, at: i, escaped: false });
        i += 1;
      }
    } else if (char === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        atoms.push({ kind: 'globstar', at: i, slash });
        i += slash ? 3 : 2;
      } else {
        atoms.push({ kind: 'star', at: i });
        i += 1;
      }
    } else if (char === '?' || char === '+') {
      const previous = atoms[atoms.length - 1];
      if (!previous || (previous.kind !== 'literal' && previous.kind !== 'class')) {
        const meaning = char === '?' ? 'zero or one' : 'one or more';
        error(`"${char}" repeats the character before it (${meaning}), but nothing repeatable comes before it here.`, i, i + 1);
      } else {
        atoms.push({ kind: 'repeat', char, at: i });
      }
      i += 1;
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) {
        error('"[" is never closed with "]".', i, pattern.length);
        break;
      }
      if (close === i + 1) {
        error('"[]" is empty: list the letters or digits to match, e.g. [0-9].', i, close + 1);
        i = close + 1;
        continue;
      }
      const source = parseClass(pattern, i + 1, close, problems);
      if (source !== undefined) atoms.push({ kind: 'class', source, at: i, end: close + 1 });
      i = close + 1;
    } else {
      atoms.push({ kind: 'literal', char, at: i, escaped: false });
      i += 1;
    }
  }
  return { atoms, problems, offset };
}

/** The regex body of `[...]` between `from` and `to`, or undefined when it is broken. */
function parseClass(pattern: string, from: number, to: number, problems: DataProblem[]): string | undefined {
  let source = '';
  let ok = true;
  for (let i = from; i < to; i++) {
    const char = pattern[i] ?? '';
    const end = pattern[i + 2];
    if (pattern[i + 1] === '-' && i + 2 < to && end !== undefined) {
      if (char > end) {
        problems.push({ message: `The range "${char}-${end}" runs backwards; write "${end}-${char}".`, severity: 'error', start: i, end: i + 3 });
        ok = false;
      } else if (!isAlphanumeric(char) || !isAlphanumeric(end) || !sameClass(char, end)) {
        problems.push({ message: `Ranges in "[...]" can only be a-z, A-Z or 0-9; "${char}-${end}" is not one.`, severity: 'error', start: i, end: i + 3 });
        ok = false;
      }
      source += `${escapeInClass(char)}-${escapeInClass(end)}`;
      i += 2;
      continue;
    }
    if (!isAlphanumeric(char)) {
      problems.push({ message: `"[...]" is documented to match letters and digits only; "${char}" may not match.`, severity: 'warning', start: i, end: i + 1 });
    }
    source += escapeInClass(char);
  }
  return ok ? source : undefined;
}

/** Characters git-check-ref-format forbids anywhere in a ref name. */
const BAD_REF_CHARS: Readonly<Record<string, string>> = {
  ' ': 'a space',
  '\t': 'a tab',
  '~': '"~"',
  '^': '"^"',
  ':': '":"',
  '\\': '"\\"',
  '?': '"?"',
  '*': '"*"',
  '[': '"["',
};

/** Regex habits that mean something else (or nothing) in a filter pattern. */
function regexHabits(pattern: string, offset: number, kind: GlobKind, explained: Set<number>): DataProblem[] {
  const problems: DataProblem[] = [];
  const warn = (message: string, start: number, end: number): void => {
    problems.push({ message: `${message} Filter patterns are globs, not regular expressions.`, severity: 'warning', start, end });
    for (let i = start; i < end; i++) explained.add(i);
  };
  if (pattern[offset] === '^') warn('"^" is a literal character here, not a start anchor.', offset, offset + 1);
  if (pattern.length > offset + 1 && pattern.endsWith('$') && pattern[pattern.length - 2] !== '\\') {
    warn('"$" is a literal character here, not an end anchor.', pattern.length - 1, pattern.length);
  }
  for (const match of pattern.matchAll(/\\[dDwWsSb.]/g)) {
    const at = match.index ?? 0;
    const what =
      match[0] === '\\.'
        ? '"\\." is not an escaped dot here: "." is already literal and the "\\" stays in the pattern.'
        : `"${match[0]}" is not a character class here.`;
    warn(what, at, at + 2);
  }
  // In paths ".*" at the start or after "/" is a fine glob for dotfiles; elsewhere it is a regex habit.
  const dotStar = kind === 'path' ? /([-_(|])\.[*+]/g : /(^|[/\-_(|!])\.[*+]/g;
  for (const match of pattern.matchAll(dotStar)) {
    const at = (match.index ?? 0) + (match[1] ?? '').length;
    if (at < offset) continue;
    warn(
      `"${pattern.slice(at, at + 2)}" matches a literal "." followed by ${pattern[at + 1] === '*' ? 'anything' : 'more dots'}; use "*" for any characters.`,
      at,
      at + 2,
    );
  }
  for (const match of pattern.matchAll(/\([^()]*\|[^()]*\)/g)) {
    const at = match.index ?? 0;
    warn('"(a|b)" alternation is not supported; list each pattern separately.', at, at + match[0].length);
  }
  for (const match of pattern.matchAll(/\{[^{}]*,[^{}]*\}/g)) {
    const at = match.index ?? 0;
    warn('"{a,b}" braces are not expanded; list each pattern separately.', at, at + match[0].length);
  }
  return problems;
}

/** What git-check-ref-format forbids, outside glob syntax. */
function refProblems(pattern: string, atoms: readonly Atom[], offset: number, explained: Set<number>): DataProblem[] {
  const problems: DataProblem[] = [];
  const error = (message: string, start: number, end: number): void => void problems.push({ message, severity: 'error', start, end });
  const literals = atoms.filter((atom): atom is Extract<Atom, { kind: 'literal' }> => atom.kind === 'literal');
  for (const atom of literals) {
    if (explained.has(atom.at)) continue;
    const end = atom.at + (atom.escaped ? 2 : 1);
    const named = BAD_REF_CHARS[atom.char];
    if (named && atom.escaped && atom.char !== '\\') error(`A ref name cannot contain ${named}, so escaping it never matches.`, atom.at, end);
    else if (named) error(`A ref name cannot contain ${named}, so this pattern never matches.`, atom.at, end);
    else if (atom.char < ' ' || atom.char === '\x7f') error('A ref name cannot contain control characters.', atom.at, end);
  }
  const body = pattern.slice(offset);
  for (const match of body.matchAll(/\.\.|@\{|\/\//g)) {
    const at = offset + (match.index ?? 0);
    error(`A ref name cannot contain "${match[0]}".`, at, at + 2);
  }
  if (body.startsWith('/')) error('A ref name cannot start with "/".', offset, offset + 1);
  for (const match of body.matchAll(/(?:^|\/)\./g)) {
    const at = offset + (match.index ?? 0) + match[0].length - 1;
    if (!explained.has(at)) error('No part of a ref name can start with ".".', at, at + 1);
  }
  const last = atoms[atoms.length - 1];
  if (last?.kind === 'literal' && !last.escaped && (last.char === '/' || last.char === '.')) {
    error(`A ref name cannot end with "${last.char}".`, last.at, last.at + 1);
  }
  if (body.endsWith('.lock')) error('A ref name cannot end with ".lock".', pattern.length - 5, pattern.length);
  return problems;
}

/**
 * Problems with one filter pattern: syntax errors, characters a git ref can
 * never contain (branches and tags), path prefixes that never match, and
 * regular-expression habits (warnings). A leading `!` is valid.
 */
export function checkGlob(pattern: string, kind: GlobKind): DataProblem[] {
  if (pattern.includes('${{')) return [];
  const { atoms, problems, offset } = parse(pattern);
  if (pattern.length === offset) return problems;
  const explained = new Set<number>();
  const habits = regexHabits(pattern, offset, kind, explained);
  if (kind === 'path') {
    if (pattern.startsWith('./', offset)) {
      problems.push({
        message: 'Paths are matched from the repository root without "./", so this pattern never matches. Remove "./".',
        severity: 'warning',
        start: offset,
        end: offset + 2,
      });
    } else if (pattern.startsWith('/', offset)) {
      problems.push({
        message: 'Paths are matched from the repository root without a leading "/", so this pattern never matches. Remove "/".',
        severity: 'warning',
        start: offset,
        end: offset + 1,
      });
    }
  } else if (!problems.some((problem) => problem.severity === 'error')) {
    // After a syntax error the atoms are a guess: ref-name checks on them would only cascade.
    problems.push(...refProblems(pattern, atoms, offset, explained));
  }
  problems.push(...habits);
  return problems.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

const MAX_CACHED = 2000;
const compiled = new Map<string, Nfa | null>();

/** The unit an atom stands for; `?` and `+` change the repeat of the unit before them. */
function atomUnits(atoms: readonly Atom[]): (GlobUnit | typeof ANY_FOLDERS)[] {
  const units: (GlobUnit | typeof ANY_FOLDERS)[] = [];
  for (const atom of atoms) {
    if (atom.kind === 'literal') units.push({ test: (char) => char === atom.char, repeat: 'one' });
    else if (atom.kind === 'star') units.push({ test: (char) => char !== '/', repeat: 'any' });
    else if (atom.kind === 'globstar') units.push(atom.slash ? ANY_FOLDERS : { test: () => true, repeat: 'any' });
    else if (atom.kind === 'class') {
      const member = new RegExp(`^[${atom.source}]$`, 'u');
      units.push({ test: (char) => member.test(char), repeat: 'one' });
    } else {
      const previous = units.pop();
      // parse() only lets a repeat follow a literal or a class, which are single units.
      if (previous && previous !== ANY_FOLDERS) units.push({ test: previous.test, repeat: atom.char === '?' ? 'optional' : 'some' });
    }
  }
  return units;
}

/**
 * The automaton for a pattern (without its `!`), or null when the pattern has errors.
 * Not a RegExp: a pattern such as `a*a*a*…b` would backtrack exponentially.
 */
export function compileGlob(pattern: string): Nfa | null {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  const cached = compiled.get(body);
  if (cached !== undefined) return cached;
  const { atoms, problems } = parse(body);
  const nfa = !problems.some((problem) => problem.severity === 'error') && atoms.length > 0 ? buildNfa(atomUnits(atoms)) : null;
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(body, nfa);
  return nfa;
}

const REF_PREFIX: Readonly<Record<GlobKind, string | undefined>> = { branch: 'refs/heads/', tag: 'refs/tags/', path: undefined };

/**
 * Whether a value matches one pattern the way GitHub matches it. A leading
 * `!` is ignored: what a negated match means is the caller's business (see
 * matchFilterList). Branch and tag values may be given as full refs
 * (refs/heads/main); GitHub matches their short names. Broken patterns
 * match nothing.
 */
export function matchGlob(pattern: string, value: string, kind: GlobKind): boolean {
  const prefix = REF_PREFIX[kind];
  const name = prefix && value.startsWith(prefix) ? value.slice(prefix.length) : value;
  const nfa = compileGlob(pattern);
  return nfa ? runNfa(nfa, name).matched : false;
}

/**
 * GitHub's reading of a filter list: patterns are checked in order; a
 * match of a plain pattern includes the value, a later match of a `!`
 * pattern excludes it again, and a later plain one re-includes it.
 */
export function matchFilterList(patterns: readonly string[], value: string, kind: GlobKind): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (!matchGlob(pattern, value, kind)) continue;
    included = !pattern.startsWith('!');
  }
  return included;
}

/** Forgets every compiled pattern (cold measurements: see cross-file-caches.ts). */
export function forgetCompiledGlobs(): void {
  compiled.clear();
}
