import { join } from 'node:path';
import { buildNfa, runNfa, type CharTest, type GlobUnit, type Nfa } from '../patterns/nfa';

/**
 * The patterns of hashFiles() as the runner reads them (@actions/glob): one per line of each
 * argument, trimmed, `#` lines skipped; a leading `!` negates; relative to the workspace;
 * `*`, `?` and `[...]` within a segment, `**` as a whole segment for any depth, dot files
 * included, no braces. A pattern also matches everything below what it names (`src` hashes
 * the files under src), and the patterns apply in order, so a later one can include again.
 * Not GitHub's filter-pattern syntax (globs.ts), where `?` and `+` repeat the character before.
 */
export interface HashPattern {
  readonly negate: boolean;
  /** Absolute: the first segment is '' (the root). */
  readonly segments: readonly Segment[];
}

type Segment = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'globstar' } | { readonly kind: 'glob'; readonly nfa: Nfa };

export interface HashFilesRequest {
  readonly patterns: readonly HashPattern[];
  /** `--follow-symbolic-links` as the first argument. */
  readonly followSymbolicLinks: boolean;
}

const FOLLOW = '--follow-symbolic-links';

/** Reads hashFiles()'s arguments; throws, as the runner does, on an unknown option, a `..` segment or a bare `!`. */
export function readHashPatterns(args: readonly string[], workspace: string, home: string): HashFilesRequest {
  let followSymbolicLinks = false;
  let rest = args;
  const first = args[0] ?? '';
  if (first.startsWith('--')) {
    if (first.toLowerCase() !== FOLLOW) throw new Error(`Invalid glob option ${first}, available option: '${FOLLOW}'.`);
    followSymbolicLinks = true;
    rest = args.slice(1);
  }
  const patterns: HashPattern[] = [];
  for (const line of rest.flatMap((arg) => arg.split('\n')).map((text) => text.trim())) {
    if (!line || line.startsWith('#')) continue;
    const pattern = readPattern(line, workspace, home);
    patterns.push(pattern);
    // Implicit descendants: what a pattern names, it names with everything below.
    if (pattern.segments[pattern.segments.length - 1]?.kind !== 'globstar')
      patterns.push({ negate: pattern.negate, segments: [...pattern.segments, { kind: 'globstar' }] });
  }
  return { patterns, followSymbolicLinks };
}

/** One pattern; a trailing `/` names folders only, so for files it means what is below them. */
function readPattern(line: string, workspace: string, home: string): HashPattern {
  let negate = false;
  let text = line;
  while (text.startsWith('!')) {
    negate = !negate;
    text = text.slice(1).trim();
  }
  if (!text) throw new Error(`Invalid pattern '${line}': nothing follows the "!".`);
  const parts = text.split(/\/+/);
  if (parts.some((part, index) => part === '..' || (part === '.' && index > 0)))
    throw new Error(`Invalid pattern '${line}'. Relative pathing '.' and '..' is not allowed.`);
  const folderOnly = parts.length > 1 && parts[parts.length - 1] === '';
  if (folderOnly) parts.pop();
  const base = parts[0] === '' ? [] : literalParts(parts[0] === '~' ? home : workspace);
  const own = parts[0] === '' || parts[0] === '~' || parts[0] === '.' ? parts.slice(1) : parts;
  const segments: Segment[] = [{ kind: 'literal', text: '' }, ...base.map((part): Segment => ({ kind: 'literal', text: part })), ...own.map(readSegment)];
  return folderOnly ? { negate, segments: [...segments, { kind: 'globstar' }] } : { negate, segments };
}

/** The segments after the root of an absolute path, as literals. */
const literalParts = (path: string): string[] => join(path).split('/').filter(Boolean);

function readSegment(text: string): Segment {
  if (text === '**') return { kind: 'globstar' };
  const units: GlobUnit[] = [];
  let literal = '';
  let isLiteral = true;
  const exactly = (char: string): void => {
    units.push({ test: (c) => c === char, repeat: 'one' });
    literal += char;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '\\' && i + 1 < text.length) {
      exactly(text[++i] ?? '');
    } else if (char === '*') {
      units.push({ test: () => true, repeat: 'any' });
      isLiteral = false;
    } else if (char === '?') {
      units.push({ test: () => true, repeat: 'one' });
      isLiteral = false;
    } else if (char === '[' && classEnd(text, i) > 0) {
      const end = classEnd(text, i);
      const body = text.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      const inner = (negated ? body.slice(1) : body).replace(/\\/g, '\\\\').replace(/\]/g, '\\]');
      units.push({ test: classTest(`[${negated ? '^' : ''}${inner}]`), repeat: 'one' });
      // [x] is the runner's way to write a literal x.
      if (!negated && body.length === 1) literal += body;
      else isLiteral = false;
      i = end;
    } else {
      exactly(char);
    }
  }
  // Segments hold no "/", so "*" needs no stop there; an automaton, not a RegExp: "*a*a*a…b" cannot backtrack.
  return isLiteral ? { kind: 'literal', text: literal } : { kind: 'glob', nfa: buildNfa(units) };
}

/** One character against a class; a class such as `[z-a]` is no valid regex: like minimatch, it matches nothing. */
function classTest(source: string): CharTest {
  try {
    const member = new RegExp(`^${source}$`, 'u');
    return (char) => member.test(char);
  } catch {
    return () => false;
  }
}

/** Where the `]` closing the class at `open` is, or -1 (an unclosed `[` is literal). A `]` first in the class is a member. */
function classEnd(text: string, open: number): number {
  let i = open + 1;
  if (text[i] === '!' || text[i] === '^') i++;
  if (text[i] === ']') i++;
  return text.indexOf(']', i);
}

const segmentMatches = (segment: Segment, part: string): boolean =>
  segment.kind === 'literal' ? segment.text === part : segment.kind === 'glob' ? runNfa(segment.nfa, part).matched : true;

/** Whether the pattern matches a path given as its segments ('' first). */
export function patternMatches(segments: readonly Segment[], parts: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const from = (s: number, p: number): boolean => {
    const key = s * (parts.length + 1) + p;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const segment = segments[s];
    let result: boolean;
    if (!segment) result = p === parts.length;
    else if (segment.kind === 'globstar') result = from(s + 1, p) || (p < parts.length && from(s, p + 1));
    else result = p < parts.length && segmentMatches(segment, parts[p] ?? '') && from(s + 1, p + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/** Whether something below a folder could match (a `**`, or the folder is a prefix of the pattern). */
function mayMatchBelow(segments: readonly Segment[], folder: readonly string[]): boolean {
  for (let i = 0; i < folder.length; i++) {
    const segment = segments[i];
    if (!segment) return false;
    if (segment.kind === 'globstar') return true;
    if (!segmentMatches(segment, folder[i] ?? '')) return false;
  }
  return segments.length > folder.length;
}

export const pathParts = (path: string): string[] => ['', ...path.split('/').filter(Boolean)];

/** Whether a file is hashed: the last pattern that matches it decides. */
export function fileSelected(patterns: readonly HashPattern[], parts: readonly string[]): boolean {
  let selected = false;
  for (const pattern of patterns) {
    if (pattern.negate === selected && patternMatches(pattern.segments, parts)) selected = !pattern.negate;
  }
  return selected;
}

/**
 * Whether a folder is worth reading: some pattern may include what is below it, and no later
 * `!folder/**`-style pattern excludes all of it. (The runner reads it anyway; the result is the same.)
 */
export function folderWanted(patterns: readonly HashPattern[], parts: readonly string[]): boolean {
  let wanted = false;
  for (const pattern of patterns) {
    if (!pattern.negate) wanted ||= mayMatchBelow(pattern.segments, parts);
    else if (wanted && excludesAllBelow(pattern.segments, parts)) wanted = false;
  }
  return wanted;
}

const excludesAllBelow = (segments: readonly Segment[], folder: readonly string[]): boolean =>
  segments[segments.length - 1]?.kind === 'globstar' && patternMatches(segments.slice(0, -1), folder);

/**
 * Where the search starts: the literal part of each including pattern, in order, without
 * those inside another (as @actions/glob does, which decides the order files are hashed in).
 */
export function searchRoots(patterns: readonly HashPattern[]): string[][] {
  const literalPrefixes = patterns
    .filter((pattern) => !pattern.negate)
    .map((pattern) => {
      const prefix: string[] = [];
      for (const segment of pattern.segments) {
        if (segment.kind !== 'literal') break;
        prefix.push(segment.text);
      }
      return prefix;
    });
  const roots: string[][] = [];
  for (const prefix of literalPrefixes) {
    if (literalPrefixes.some((other) => other.length < prefix.length && isWithin(prefix, other))) continue;
    if (roots.some((root) => root.length === prefix.length && isWithin(prefix, root))) continue;
    roots.push(prefix);
  }
  return roots;
}

/** Whether a path (as segments) is the folder `outer` or below it. */
export const isWithin = (inner: readonly string[], outer: readonly string[]): boolean =>
  inner.length >= outer.length && outer.every((part, index) => inner[index] === part);
