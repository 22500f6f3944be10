import { createGit, type GitOptions } from '../git/git';
import { stableId, type FixPlan } from './model';

/** `git show` of each commit (stat and patch), oldest first, for reading before acting. */
export async function showCommits(dir: string, shas: readonly string[], options: GitOptions = {}): Promise<string> {
  const git = createGit(dir, options);
  const ordered = await oldestFirst(dir, shas, options);
  const parts = await Promise.all(ordered.map((sha) => git.raw(['show', '--stat', '--patch', '--format=fuller', '--no-color', sha])));
  return parts.join('\n');
}

/** A plan that copies lost commits onto the current branch, oldest first (cherry-pick). */
export async function cherryPickPlan(dir: string, shas: readonly string[], branch: string | undefined, options: GitOptions = {}): Promise<FixPlan> {
  const ordered = await oldestFirst(dir, shas, options);
  const where = branch ?? 'the current commit';
  const count = ordered.length === 1 ? '1 commit' : `${ordered.length} commits`;
  return {
    id: stableId('cherry-pick', where, ...ordered),
    title: `Copy ${count} onto ${where}`,
    effect: `Cherry-picks ${count} onto ${where}, oldest first, as new commits. The originals stay where they are.`,
    steps: [{ args: ['cherry-pick', ...ordered] }],
    movesRefs: branch ? [`refs/heads/${branch}`] : [],
    changesIndex: true,
    changesFiles: true,
    rewritesHistory: false,
    risks: ['If a commit conflicts with your branch, nothing is changed: the safety net restores everything and says which step failed.'],
  };
}

async function oldestFirst(dir: string, shas: readonly string[], options: GitOptions): Promise<string[]> {
  const unique = [...new Set(shas)].filter((sha) => /^[0-9a-f]{40,64}$/.test(sha));
  if (unique.length <= 1) return unique;
  const out = await createGit(dir, options).raw(['rev-list', '--no-walk=sorted', '--reverse', ...unique]);
  return out.split('\n').filter((line) => line.length === 40);
}

/** The full id of a commit named by a (short) id; undefined when it names no commit here. */
export async function resolveCommit(dir: string, id: string, options: GitOptions = {}): Promise<string | undefined> {
  if (!/^[0-9a-f]{4,64}$/.test(id)) return undefined;
  const out = await createGit(dir, options).tryRaw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${id}^{commit}`]);
  const sha = out?.trim();
  return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
