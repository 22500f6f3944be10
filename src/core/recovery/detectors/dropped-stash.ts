import type { Evidence, Situation } from '../model';
import { stableId } from '../model';
import type { RecoveryFacts } from '../facts/types';
import { shortSha } from '../facts/queries';
import type { DeepFacts, StashCommit } from '../deep/types';
import { plan } from './plans';
import { count, listWords, timeAgo } from './words';
import { droppedObjectKeptWords, parsePruneExpire } from './prune-expiry';

const KIND = 'dropped-stash';
/** Every dropped stash is as likely as the next: they are listed oldest first, as they would be stored back. */
const LIKELIHOOD = 0.55;

/**
 * Stashes that were dropped or cleared while their changes are not in the
 * working tree: fsck found them as dangling stash-shaped commits. Oldest
 * first, so storing them back one by one rebuilds the list in its order.
 */
export function detectDroppedStash(facts: RecoveryFacts, deep: DeepFacts): Situation[] {
  return deep.stashes.filter((stash) => !stash.applied).map((stash) => describe(facts, stash, deep.pruneExpire));
}

function describe(facts: RecoveryFacts, stash: StashCommit, pruneExpire: string | undefined): Situation {
  const message = stashMessage(stash.subject);
  const files = [...stash.paths, ...stash.untrackedPaths];
  const where = /^(?:WIP on|On) ([^:]+):/.exec(stash.subject)?.[1];
  const explanation =
    `A stash you saved ${timeAgo(stash.time, facts.now)}${where ? ` on ${where}` : ''}, "${message}", is no longer in your stash list ` +
    `and its changes are not in your files: it was dropped or cleared. It holds ${count(files.length, 'file')}${files.length > 0 ? ` (${listWords(files)})` : ''}` +
    `${stash.untrackedPaths.length > 0 ? `, ${stash.untrackedPaths.length} of them untracked` : ''}. ` +
    droppedObjectKeptWords(facts.now - stash.time, parsePruneExpire(pruneExpire));
  const evidence: Evidence[] = [
    { kind: 'stash', label: stash.subject, sha: stash.sha, time: stash.time },
    ...(stash.parents[0] ? [{ kind: 'commit' as const, label: `saved on top of ${shortSha(stash.parents[0])}`, sha: stash.parents[0] }] : []),
    ...files.slice(0, 20).map((path) => ({ kind: 'file' as const, label: path })),
  ];
  return {
    id: stableId(KIND, stash.sha),
    kind: KIND,
    title: `Dropped stash "${message}"`,
    explanation,
    evidence,
    fixes: [
      plan(KIND, 'stash-store', [stash.sha], {
        title: 'Put it back in the stash list',
        effect: `Stores it as stash@{0} with the message "recovered: ${stash.subject}". Your files do not change: apply it with "git stash apply" when you are ready.`,
        steps: [{ args: ['stash', 'store', '-m', `recovered: ${stash.subject}`, stash.sha] }],
        movesRefs: ['refs/stash'],
        changesIndex: false,
        changesFiles: false,
        rewritesHistory: false,
        risks: [],
      }),
      plan(KIND, 'stash-apply', [stash.sha], {
        title: 'Apply it to the working tree',
        effect: 'Applies the stashed changes to your files (as "git stash apply" does), without putting it back in the stash list.',
        steps: [{ args: ['stash', 'apply', stash.sha] }],
        movesRefs: [],
        changesIndex: true,
        changesFiles: true,
        rewritesHistory: false,
        risks: ['If your files changed where the stash changes them, git stops; nothing is changed then, and the safety snapshot keeps everything either way.'],
      }),
    ],
    likelihood: LIKELIHOOD,
  };
}

/** "On main: WIP: pagination" -> "WIP: pagination"; git's own "WIP on main: 1a2b3c4 ..." stays whole. */
export function stashMessage(subject: string): string {
  return /^On [^:]+: (.*)$/s.exec(subject)?.[1] ?? subject;
}
