import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGit, type Git, type GitOptions } from '../git/git';

/** What a run needs to know about the repository it starts from. */
export interface RepositoryState {
  readonly root: string;
  readonly sha: string;
  /** refs/heads/<branch>, or the sha when HEAD is detached. */
  readonly ref: string;
  /** owner/name from the origin remote, else the folder name. */
  readonly repository: string;
  readonly actor: string;
}

/**
 * One Git per folder for the life of the caller's options: a plan makes a dozen calls, and in an
 * untrusted workspace each new Git would read the configuration again for its hardening.
 */
const gits = new WeakMap<GitOptions, Map<string, Git>>();
function gitFor(dir: string, options: GitOptions): Git {
  let byDir = gits.get(options);
  if (!byDir) gits.set(options, (byDir = new Map()));
  let git = byDir.get(dir);
  if (!git) byDir.set(dir, (git = createGit(dir, options)));
  return git;
}

/** git's output, or a GitError. */
const run = (dir: string, args: string[], options: GitOptions): Promise<string> => gitFor(dir, options).raw(args);

/** Trimmed output, or undefined when git fails or prints nothing ("is there an upstream?"). */
const tryRun = async (dir: string, args: string[], options: GitOptions): Promise<string | undefined> =>
  (await gitFor(dir, options).tryRaw(args))?.trim() || undefined;

/** owner/name from a remote URL (https, ssh, scp-like), or undefined. */
export function repositoryFromRemote(url: string): string | undefined {
  const match = /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export async function readRepositoryState(dir: string, options: GitOptions = {}, at?: string): Promise<RepositoryState> {
  const root = (await run(dir, ['rev-parse', '--show-toplevel'], options)).trim();
  const sha = (await run(root, ['rev-parse', '--verify', `${at ?? 'HEAD'}^{commit}`], options)).trim();
  const branch = at === undefined ? await tryRun(root, ['symbolic-ref', '-q', 'HEAD'], options) : undefined;
  const remote = await tryRun(root, ['remote', 'get-url', 'origin'], options);
  const actor = (await tryRun(root, ['config', 'user.name'], options)) ?? 'local';
  return { root, sha, ref: branch ?? sha, repository: (remote && repositoryFromRemote(remote)) ?? `local/${root.split(/[\\/]/).pop() ?? 'repository'}`, actor };
}

/** The commit a push event names as its head: what GitHub's payload says of it (head_commit). */
export interface HeadCommit {
  readonly message: string;
  readonly timestamp: string;
  readonly tree_id: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly committer: { readonly name: string; readonly email: string };
}

/** The commit's message, date, tree and people, as a push payload's head_commit holds them; undefined when git cannot say. */
export async function readHeadCommit(root: string, sha: string, options: GitOptions = {}): Promise<HeadCommit | undefined> {
  const out = await gitFor(root, options).tryRaw(['show', '-s', '--format=%T%x00%cI%x00%an%x00%ae%x00%cn%x00%ce%x00%B', '--end-of-options', sha]);
  const [tree = '', timestamp = '', authorName = '', authorEmail = '', committerName = '', committerEmail = '', ...message] = (out ?? '').split('\0');
  if (!tree) return undefined;
  return {
    message: message.join('\0').replace(/\n+$/, ''),
    timestamp,
    tree_id: tree.trim(),
    author: { name: authorName, email: authorEmail },
    committer: { name: committerName, email: committerEmail },
  };
}

/**
 * A push's `before`: the commit the branch's upstream is at (what the remote had), or the pushed
 * commit's parent when the remote has it already (the last commit is the push); undefined for a
 * branch with no upstream (a new branch: GitHub sends zeros).
 */
export async function upstreamCommit(root: string, rev: string, sha: string, options: GitOptions = {}): Promise<string | undefined> {
  const upstream = await tryRun(root, ['rev-parse', '--verify', '-q', '--end-of-options', `${rev}@{upstream}^{commit}`], options);
  if (upstream !== sha) return upstream;
  return tryRun(root, ['rev-parse', '--verify', '-q', '--end-of-options', `${sha}^1`], options);
}

/**
 * The files a push of this branch would change: commits since the upstream (or the default
 * branch), plus uncommitted changes when they will be copied in. Undefined when git cannot say.
 */
export async function changedFiles(root: string, includeUncommitted: boolean, options: GitOptions = {}, head = 'HEAD'): Promise<string[] | undefined> {
  const base =
    (await tryRun(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', `${head}@{upstream}`], options)) ?? (await defaultBranch(root, options, head));
  const files = new Set<string>();
  if (base) {
    const mergeBase = await tryRun(root, ['merge-base', base, head], options);
    if (mergeBase)
      for (const file of ((await tryRun(root, ['diff', '--name-only', '-z', mergeBase, head], options)) ?? '').split('\0')) if (file) files.add(file);
  } else {
    // No upstream and no default branch: the last commit is the push.
    for (const file of ((await tryRun(root, ['show', '--name-only', '-z', '--format=', head], options)) ?? '').split('\0'))
      if (file.trim()) files.add(file.trim());
  }
  if (includeUncommitted) for (const change of await uncommittedChanges(root, options)) files.add(change.path);
  return [...files].sort();
}

/**
 * A `--ref` as the event's full ref: a full ref or a commit as given, else a branch of that name, else
 * a tag of that name (`--ref v9` where v9 is a tag is a tag push, refs/tags/v9), else a branch.
 */
export async function eventRef(ref: string, root: string, options: GitOptions = {}): Promise<string> {
  if (ref.startsWith('refs/') || /^[0-9a-f]{40}$/.test(ref)) return ref;
  if (await tryRun(root, ['rev-parse', '--verify', '-q', `refs/heads/${ref}`], options)) return `refs/heads/${ref}`;
  if (await tryRun(root, ['rev-parse', '--verify', '-q', `refs/tags/${ref}`], options)) return `refs/tags/${ref}`;
  return `refs/heads/${ref}`;
}

/**
 * The commit an event ref points at here: the ref itself, else (a branch not fetched into a local one)
 * origin's branch of that name; undefined when neither exists.
 */
export async function refCommit(fullRef: string, root: string, options: GitOptions = {}): Promise<{ rev: string; sha: string } | undefined> {
  const candidates = [fullRef, ...(fullRef.startsWith('refs/heads/') ? [`refs/remotes/origin/${fullRef.slice('refs/heads/'.length)}`] : [])];
  for (const rev of candidates) {
    const sha = await tryRun(root, ['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], options);
    if (sha) return { rev, sha };
  }
  return undefined;
}

/** The repository's default branch as a short name: origin's HEAD, else main or master; undefined when git cannot say. */
export async function repositoryDefaultBranch(root: string, options: GitOptions = {}): Promise<string | undefined> {
  const head = await tryRun(root, ['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD'], options);
  if (head?.startsWith('origin/')) return head.slice('origin/'.length);
  for (const name of ['main', 'master'])
    for (const ref of [`refs/remotes/origin/${name}`, `refs/heads/${name}`]) if (await tryRun(root, ['rev-parse', '--verify', '-q', ref], options)) return name;
  return undefined;
}

async function defaultBranch(root: string, options: GitOptions, head = 'HEAD'): Promise<string | undefined> {
  const originHead = await tryRun(root, ['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD'], options);
  if (originHead) return originHead;
  for (const candidate of ['origin/main', 'origin/master', 'main', 'master']) {
    if (await tryRun(root, ['rev-parse', '--verify', '-q', candidate], options)) {
      const current = await tryRun(root, ['rev-parse', '--abbrev-ref', head], options);
      if (candidate !== current) return candidate;
    }
  }
  return undefined;
}

export interface UncommittedChange {
  readonly path: string;
  readonly deleted: boolean;
}

/** Staged, unstaged and untracked changes (not ignored files), from `git status`. */
export async function uncommittedChanges(root: string, options: GitOptions = {}): Promise<UncommittedChange[]> {
  const out = await run(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'], options);
  const changes: UncommittedChange[] = [];
  for (const entry of out.split('\0')) {
    if (entry.length < 4) continue;
    const path = entry.slice(3);
    changes.push({ path, deleted: !existsSync(join(root, path)) });
  }
  return changes;
}

/** Copies the user's uncommitted changes into the run's copy: changed and new files, and deletions. */
export async function copyUncommittedChanges(root: string, dir: string, options: GitOptions = {}): Promise<number> {
  const changes = await uncommittedChanges(root, options);
  for (const change of changes) {
    const target = join(dir, change.path);
    if (change.deleted) {
      rmSync(target, { force: true });
      continue;
    }
    const source = join(root, change.path);
    mkdirSync(dirname(target), { recursive: true });
    const stats = lstatSync(source);
    rmSync(target, { force: true });
    if (stats.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (stats.isFile()) copyFileSync(source, target);
  }
  return changes.length;
}

/** Removes a linked worktree and git's record of it: copies kept by versions before runs had a repository of their own. */
export async function removeRunWorktree(root: string, dir: string, options: GitOptions = {}): Promise<void> {
  await tryRun(root, ['worktree', 'remove', '--force', '--force', dir], options);
  rmSync(dir, { recursive: true, force: true });
  await tryRun(root, ['worktree', 'prune'], options);
}

export async function readFileAt(root: string, sha: string, path: string, options: GitOptions = {}): Promise<string | undefined> {
  // Not tryRun: that trims, and the file's text must stay exact (positions, final newline).
  return run(root, ['show', `${sha}:${path}`], options).catch(() => undefined);
}
