/**
 * Guards for regular expressions users write (the config's `ignore:`). JavaScript's
 * engine backtracks: `(a+)+$` takes exponential time on a long enough miss. A repeated
 * group whose body can itself repeat or branch is what makes that blow-up possible,
 * so such patterns are refused with a reason instead of being run.
 */
export const MAX_USER_REGEX_LENGTH = 500;

/** Where a quantifier starts at `i` (`*`, `+`, `?`, `{n,}`, `{n,m}`), its length; else 0. */
function quantifierAt(source: string, i: number): number {
  const char = source[i];
  if (char === '*' || char === '+' || char === '?') return 1;
  if (char !== '{') return 0;
  const match = /^\{\d+(,\d*)?\}/.exec(source.slice(i, i + 24));
  return match ? match[0].length : 0;
}

/** `{n}` and `?` repeat at most a fixed number of times: they cannot nest into a blow-up. */
const repeatsUnbounded = (quantifier: string): boolean => quantifier === '*' || quantifier === '+' || /^\{\d+,\d*\}$/.test(quantifier);

/**
 * Why a user's regular expression is not run, or undefined when it is safe enough:
 * too long, a back-reference, or a repeated group that holds a quantifier or `|`
 * (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`).
 */
export function unsafeRegexReason(source: string): string | undefined {
  if (source.length > MAX_USER_REGEX_LENGTH) return `it is longer than ${MAX_USER_REGEX_LENGTH} characters`;
  // For each open group: whether its body so far repeats or branches.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return 'back-references can take exponential time';
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') groups.push(false);
    else if (char === '|' && groups.length > 0) groups[groups.length - 1] = true;
    else if (char === ')') {
      const risky = groups.pop() ?? false;
      const length = quantifierAt(source, i + 1);
      const quantifier = source.slice(i + 1, i + 1 + length);
      if (risky && length > 0 && repeatsUnbounded(quantifier))
        return 'a repeated group holds a quantifier or "|" (as in "(a+)+"), which can take exponential time';
      if (groups.length > 0 && (risky || length > 0)) groups[groups.length - 1] = true;
    } else if (groups.length > 0 && quantifierAt(source, i) > 0 && !'(*+?}'.includes(source[i - 1] ?? '(')) {
      // "(?:" and a lazy "+?" are not quantifiers of their own.
      groups[groups.length - 1] = true;
    }
  }
  return undefined;
}
