import { count, listWords } from './detectors/words';

/** The one line a finished deep scan shows: what it found beyond the fast diagnosis (its titles), or that it found nothing. */
export function deepScanResult(titles: readonly string[]): string {
  if (titles.length === 0) return 'Deep scan found nothing more: no dropped stash, staged work lost to a reset, or secret in an unpushed commit.';
  return `Deep scan found ${count(titles.length, 'more thing', 'more things')} to recover: ${listWords(titles, 3)}.`;
}
