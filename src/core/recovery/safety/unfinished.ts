import type { GitOptions } from '../../git/git';
import { findUnfinished, readJournal, type JournalEntry } from './journal';
import { openRepository } from './repo-context';

/** The fix whose process died before it finished, if any: the next undo rolls it back. */
export async function findUnfinishedFix(repo: string, options: GitOptions = {}): Promise<JournalEntry | undefined> {
  return findUnfinished(await readJournal(await openRepository(repo, options)));
}

/** What a person is told about it, with what to do. */
export function describeUnfinishedFix(entry: JournalEntry): string {
  return `"${entry.title}" was interrupted before it finished (safety snapshot ${entry.snapshot}): roll it back with shipshape fix --undo --yes (in the editor: Undo Last Fix).`;
}
