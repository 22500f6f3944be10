import type { Severity } from '../../finding';

/**
 * What every check over the reference tables returns: a value, never a throw.
 * Rules turn these into findings at the right place in the YAML.
 */
export interface DataProblem {
  readonly message: string;
  readonly severity: Severity;
  /** [start, end) offsets into the string that was checked, when the problem sits inside it. */
  readonly start?: number;
  readonly end?: number;
  /** Which item of a list argument the problem is about. */
  readonly index?: number;
  /** Which mapping key the problem is about (a permission scope, a filter name). */
  readonly key?: string;
}

/**
 * Optimal-string-alignment distance: Levenshtein plus swapping two
 * neighbouring characters, the commonest typo ("opend", "pul_request").
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

/**
 * The closest candidate to a mistyped word, compared case-insensitively, or
 * undefined when nothing is close. Short words get a tighter limit so that
 * "sh" does not suggest "py".
 */
export function suggest(word: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  const wanted = word.toLowerCase();
  const limit = Math.min(maxDistance, wanted.length <= 3 ? 1 : maxDistance);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: such a candidate could only win when nothing is within the limit.
    const lowerCandidate = candidate.toLowerCase();
    if (Math.abs(lowerCandidate.length - wanted.length) > limit) continue;
    const distance = editDistance(wanted, lowerCandidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** ` Did you mean "x"?` or the empty string, ready to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>, maxDistance = 2): string {
  const match = suggest(word, candidates, maxDistance);
  return match === undefined ? '' : ` Did you mean "${match}"?`;
}

/** `"a", "b" and "c"` (or `... or "c"`) for messages. */
export function quoteList(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  const quoted = items.map((item) => `"${item}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}
