/** Plain-word helpers for titles and explanations. */

/** "just now", "5 minutes ago", "2 hours ago", "yesterday", "3 days ago", "2 months ago". */
export function timeAgo(then: number, now: number): string {
  const seconds = now - then;
  if (!(then > 0) || seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 2) return 'a minute ago';
  if (minutes < 45) return `${minutes} minutes ago`;
  const hours = Math.round(seconds / 3600);
  if (hours < 2) return 'an hour ago';
  if (hours < 22) return `${hours} hours ago`;
  const days = Math.round(seconds / 86400);
  if (days < 2) return 'yesterday';
  if (days < 30) return `${days} days ago`;
  const months = Math.round(days / 30.4);
  if (months < 2) return 'a month ago';
  if (months < 12) return `${months} months ago`;
  const years = Math.round(days / 365);
  return years < 2 ? 'a year ago' : `${years} years ago`;
}

/** "1 commit", "2 commits". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** "a", "a and b", "a, b and c", with "and N more" past `max`. */
export function listWords(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Commit subjects for a sentence, oldest first, quoted so odd subjects stay readable. */
export function subjects(commits: readonly { readonly subject: string }[], max = 3): string {
  return listWords(
    commits.map((commit) => `"${commit.subject || '(no message)'}"`),
    max,
  );
}

/**
 * A branch-name-safe slug of a commit subject: lowercase ASCII words joined by
 * dashes, at most 40 characters, cut at a word boundary. Empty when nothing usable is left
 * (an all-symbol or non-Latin subject); callers supply a fallback.
 */
export function slugify(text: string, maxLength = 40): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) return slug || word.slice(0, maxLength);
    slug = next;
  }
  return slug;
}

/** "2026-11-27" in UTC, for rescue branch names. */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
