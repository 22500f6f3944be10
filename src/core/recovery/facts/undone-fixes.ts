import type { RecoveryFacts, ReflogEntry } from './types';

/** The message of the HEAD reflog entry an undo writes (safety/undo-fix.ts). */
const UNDO_MESSAGE = 'shipshape: undo ';

/**
 * HEAD's reflog as the detectors read it. A Shipshape fix that was undone
 * leaves its own steps and then the undo (`shipshape: undo "..."`) on top,
 * back at the commit the fix started from: those entries are left out, so the
 * mistake the undo brought back is the newest entry again, as before the fix.
 * Entries keep their own index (HEAD@{n} still names them).
 */
export function withoutUndoneFixes(reflog: readonly ReflogEntry[]): readonly ReflogEntry[] {
  let entries = reflog;
  for (let top = entries[0]; top?.message.startsWith(UNDO_MESSAGE); top = entries[0]) {
    const sha = top.sha;
    const before = entries.findIndex((entry, at) => at > 0 && entry.sha === sha);
    if (before < 0) break;
    entries = entries.slice(before);
  }
  return entries;
}

/** The facts the detectors judge: what Shipshape itself did and undid taken out. */
export function detectionView(facts: RecoveryFacts): RecoveryFacts {
  const headReflog = withoutUndoneFixes(facts.headReflog);
  return headReflog === facts.headReflog ? facts : { ...facts, headReflog };
}
