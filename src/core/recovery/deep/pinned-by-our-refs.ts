import type { Git } from '../../git/git';
import { keptRefs, SHIPSHAPE_REF_PREFIX, SNAPSHOT_REF_PREFIX } from '../safety/refs';

/** Commits read behind our refs: a snapshot pins at most one lost history, rarely long. */
const PINNED_COMMIT_LIMIT = 5000;

/**
 * The commits fsck would call dangling if Shipshape's own refs were not there:
 * a snapshot and its backups keep a dropped stash or lost commits from gc (an
 * undone fix leaves them so), which must not hide them from the deep pass.
 * The snapshot commits themselves are ours, not lost work: they are looked
 * through, so what only they hold counts as dangling too; a fix still applied
 * keeps what it left behind (keptRefs). Tips only, as
 * `fsck --dangling` gives: a commit another lost commit has as parent is left out.
 */
export async function danglingBehindOurRefs(git: Git, danglingCommits: readonly string[], appliedFixes: readonly string[] = []): Promise<string[]> {
  const refs = (await git.raw(['for-each-ref', '--format=%(refname)%00%(objectname)', SHIPSHAPE_REF_PREFIX])).split('\n').flatMap((line) => {
    const [name = '', sha = ''] = line.split('\0');
    return name === '' ? [] : [{ name, sha }];
  });
  if (refs.length === 0) return [];
  // refs/shipshape/snapshots/<id>/{index,state,worktree} name the snapshot's own commits; before/... the refs a fix moved.
  const ours = new Set(refs.filter((ref) => /^[^/]+\/(index|state|worktree)$/.test(ref.name.slice(SNAPSHOT_REF_PREFIX.length))).map((ref) => ref.sha));
  const listed = await git.raw([
    'rev-list',
    '--parents',
    `--max-count=${PINNED_COMMIT_LIMIT}`,
    ...new Set(refs.map((ref) => ref.sha)),
    '--not',
    ...keptRefs(appliedFixes),
  ]);
  const commits = listed.split('\n').flatMap((line) => {
    const [sha = '', ...parents] = line.trim().split(' ');
    return /^[0-9a-f]{40,64}$/.test(sha) && !ours.has(sha) ? [{ sha, parents }] : [];
  });
  if (commits.length === 0) return [];
  const parentsOfOthers = new Set(commits.flatMap((commit) => commit.parents));
  if (danglingCommits.length > 0) {
    const parentsOfDangling = await git.raw(['rev-list', '--no-walk', '--parents', '--stdin'], { input: `${danglingCommits.join('\n')}\n` });
    for (const line of parentsOfDangling.split('\n')) for (const parent of line.trim().split(' ').slice(1)) parentsOfOthers.add(parent);
  }
  return commits.filter((commit) => !parentsOfOthers.has(commit.sha)).map((commit) => commit.sha);
}
