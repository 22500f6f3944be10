import type { Situation } from '../model';
import { shortSha } from '../facts/queries';
import type { RiskyFacts } from '../deep/types';
import { listWords } from './words';

/**
 * A fix that moves unpushed commits to a branch keeps what they hold: when one
 * of them holds a secret (or a file named like one), its plan says so, since
 * pushing that branch would publish it. Names what and where, never the value.
 */
export function noteMovedSecrets(situations: readonly Situation[], risky: Pick<RiskyFacts, 'commits'>): Situation[] {
  return situations.map((situation) => {
    if (situation.kind !== 'wrong-branch') return situation;
    const moved = new Set(situation.evidence.flatMap((item) => (item.kind === 'commit' && item.sha ? [item.sha] : [])));
    const notes = risky.commits
      .filter((found) => moved.has(found.commit.sha))
      .flatMap(({ commit, files }) => {
        const secret = files.filter((file) => file.reasons.some((reason) => reason.kind !== 'large'));
        const what = [...new Set(secret.flatMap((file) => file.reasons.flatMap((reason) => (reason.kind === 'large' ? [] : [reason.what]))))];
        if (what.length === 0) return [];
        return [
          `${shortSha(commit.sha)} "${commit.subject}" holds ${listWords(what, 2)} (${listWords(secret.map((file) => file.path))}): ` +
            'the branch keeps it in its history. Take it out before you push that branch.',
        ];
      });
    if (notes.length === 0) return situation;
    return { ...situation, fixes: situation.fixes.map((fix) => ({ ...fix, risks: [...notes, ...fix.risks] })) };
  });
}
