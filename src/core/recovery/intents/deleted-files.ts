import type { GitOptions } from '../../git/git';
import { isFullSha } from '../facts/queries';
import { openReader, type ReadGit } from './intent-context';
import { exactPathspec } from './intent-plan';

/** A file some commit on the current branch deleted, and that the branch still does not have. */
export interface DeletedFile {
  /** Relative to the top of the work tree, as git prints it. */
  readonly path: string;
  /** The commit that deleted it (the newest one, when it was deleted more than once). */
  readonly commit: string;
  readonly subject: string;
  /** Committer time of the deleting commit, in seconds since the epoch. */
  readonly time: number;
}

export interface DeletedFilesOptions extends GitOptions {
  /** At most this many files (and this many deleting commits are read); 50 when absent. */
  readonly limit?: number;
}

/** The header of each commit in the listing: a \x01 mark keeps it apart from the file names around it. */
const HEADER_FORMAT = '--format=%x01%H%x00%ct%x00%s';

/**
 * The files recently deleted on the current branch, newest first, for the
 * editor's "Deleted files" group. Renames are not deletions (the content
 * lives on), and files added back since are left out.
 */
export async function listDeletedFiles(repo: string, options: DeletedFilesOptions = {}): Promise<DeletedFile[]> {
  const limit = options.limit ?? 50;
  const { git, tryGit } = await openReader(repo, options);
  if (limit <= 0 || !(await tryGit(['rev-parse', '--verify', '-q', 'HEAD']))) return [];
  const text = await git(['log', '-z', '--diff-filter=D', '--name-only', '--find-renames', `--max-count=${limit}`, HEADER_FORMAT, 'HEAD', '--']);
  const newest = new Map<string, DeletedFile>();
  for (const file of parseDeletions(text)) if (!newest.has(file.path)) newest.set(file.path, file);
  const candidates = [...newest.values()].slice(0, limit);
  const present = new Set(
    await pathsInCommit(
      git,
      'HEAD',
      candidates.map((file) => file.path),
    ),
  );
  return candidates.filter((file) => !present.has(file.path));
}

/**
 * `log -z --name-only` output: each commit is "\x01sha\0time\0subject\0",
 * then "\n" and its NUL-terminated file names.
 */
export function parseDeletions(text: string): DeletedFile[] {
  const found: DeletedFile[] = [];
  const fields = text.split('\0');
  let commit: { sha: string; time: number; subject: string } | undefined;
  let first = false;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    const sha = field.startsWith('\x01') ? field.slice(1) : '';
    if (isFullSha(sha)) {
      commit = { sha, time: Number(fields[i + 1]) || 0, subject: fields[i + 2] ?? '' };
      i += 2;
      first = true;
      continue;
    }
    // Only the first name after a header carries the "\n"; a later one may really start with a newline.
    const path = first && field.startsWith('\n') ? field.slice(1) : field;
    first = false;
    if (commit && path !== '') found.push({ path, commit: commit.sha, subject: commit.subject, time: commit.time });
  }
  return found;
}

/** Which of `paths` the commit has (files, or folders with files in them). */
export async function pathsInCommit(git: ReadGit, commit: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const listed = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', ...paths.map(exactPathspec)]);
  const files = listed.split('\0').filter((path) => path !== '');
  return paths.filter((path) => files.some((file) => file === path || file.startsWith(`${path}/`)));
}
