import { count } from './words';

/**
 * How long git keeps work nothing refers to any more. A dropped stash is such
 * an unreachable commit: `git stash drop` removes its reflog entry, so only
 * gc.pruneExpire protects it ("git gc" prunes unreachable objects older than
 * it, default 2.weeks.ago; "now" prunes at once, "never" never).
 * gc.reflogExpireUnreachable (30 days) does not apply: no reflog holds it.
 */
export type PruneExpiry =
  | { readonly kind: 'after'; readonly seconds: number; readonly words: string; readonly configured: boolean }
  | { readonly kind: 'never' }
  | { readonly kind: 'now' }
  | { readonly kind: 'unknown'; readonly value: string };

const DAY = 86400;
const UNITS: Readonly<Record<string, number>> = { second: 1, minute: 60, hour: 3600, day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };
const DEFAULT: PruneExpiry = { kind: 'after', seconds: 14 * DAY, words: '2 weeks', configured: false };
const GC = 'a cleanup (git gc, which git also runs on its own now and then)';

/** gc.pruneExpire as git reads it: "2.weeks.ago", "3 days ago", "now"/"all", "never"/"false"; anything else (a date) is kept as written. */
export function parsePruneExpire(value: string | undefined): PruneExpiry {
  const text = value?.trim().toLowerCase();
  if (!text) return DEFAULT;
  if (text === 'never' || text === 'false') return { kind: 'never' };
  if (text === 'now' || text === 'all') return { kind: 'now' };
  const match = /^(\d+)[. ]+(second|minute|hour|day|week|month|year)s?[. ]+ago$/.exec(text);
  const n = Number(match?.[1]);
  const unit = match?.[2];
  if (!unit || !Number.isFinite(n)) return { kind: 'unknown', value: value?.trim() ?? '' };
  return { kind: 'after', seconds: n * (UNITS[unit] ?? DAY), words: count(n, unit), configured: true };
}

/** One sentence on when git deletes a dropped stash (or any unreachable commit) saved `age` seconds ago. */
export function droppedObjectKeptWords(age: number, expiry: PruneExpiry): string {
  switch (expiry.kind) {
    case 'never':
      return 'gc.pruneExpire is "never" here, so git does not delete it.';
    case 'now':
      return `gc.pruneExpire is "now" here: the next ${GC.slice(2)} deletes it for good. Recover it now.`;
    case 'unknown':
      return `The next ${GC.slice(2)} deletes it for good once it is older than gc.pruneExpire ("${expiry.value}").`;
    case 'after': {
      const setting = expiry.configured ? 'gc.pruneExpire in this repository' : "gc.pruneExpire, git's default";
      const left = expiry.seconds - age;
      if (left <= 0)
        return `It is older than the ${expiry.words} git keeps unreachable work (${setting}), so the next ${GC.slice(2)} can delete it for good: recover it now.`;
      const remaining = left >= DAY ? count(Math.ceil(left / DAY), 'day') : count(Math.max(1, Math.ceil(left / 3600)), 'hour');
      return `Git keeps unreachable work like this for ${expiry.words} (${setting}), so this one for about ${remaining} more; ${GC} after that deletes it for good.`;
    }
  }
}
