import { checkPush } from './check';
import { changedPaths } from './pipeline-findings';
import { COMMIT_LIMIT, readPreflightFacts, type PreflightOptions } from './read-facts';
import type { PreflightFacts, PreflightReport } from './types';

export interface PreflightResult {
  readonly report: PreflightReport;
  /** What a person should know about the check itself (no remote, nothing to push, a partial scan). */
  readonly notes: readonly string[];
  /** The commits sent, newest first, with their subjects (for the editor's list). */
  readonly commits: readonly { readonly sha: string; readonly subject: string }[];
  /** The paths the pushed commits change: what CI's path filters see (and `--run` runs with). */
  readonly changedFiles: readonly string[];
}

/** Reads the facts of the push and checks them. Throws ShipshapeError when it cannot (not a repository, git missing, a bad remote name). */
export async function runPreflight(dir: string, options: PreflightOptions = {}): Promise<PreflightResult> {
  const facts = await readPreflightFacts(dir, options);
  return {
    report: checkPush(facts),
    notes: notesOf(facts),
    commits: facts.commits.map(({ sha, subject }) => ({ sha, subject })),
    changedFiles: changedPaths(facts),
  };
}

export function notesOf(facts: PreflightFacts): string[] {
  const notes: string[] = [];
  if (facts.head === undefined) notes.push('The repository has no commits yet: there is nothing to push.');
  else if (facts.remote === undefined && !facts.hook)
    notes.push('The repository has no remote to push to ("git remote add origin URL"); every commit on no remote branch was checked.');
  else if (facts.targets.length > 0 && facts.commits.length === 0 && facts.targets.some((target) => target.localSha !== undefined))
    notes.push(`Nothing new to push: ${facts.remote ?? 'the remote'} already has these commits.`);
  if (facts.truncated) notes.push(`Only the newest ${COMMIT_LIMIT} commits of the push were checked.`);
  return notes;
}
