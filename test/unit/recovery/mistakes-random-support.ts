import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SituationKind } from '../../../src/core/recovery/model';
import { gitEnv } from '../../support/git';
import type { Random } from '../../support/random';

/**
 * Real repositories with a bare remote, random history and local changes, and
 * a random sequence of the git mistakes of docs/git-recovery.md, for
 * mistakes-random.test.ts. Everything is drawn from one seeded generator and
 * runs on a fake clock, so a seed gives the same commits (same shas) every time.
 */

export { seeded, type Random } from '../../support/random';

/** Tracked from the first commits on; every later commit adds a file of its own (see ClockedRepo.commitNew). */
const NAMES = ['a.txt', 'dir/b.txt', 'sp ace.txt', 'ünï cödé.txt', '<b>html</b>.md', 'deep/er/c d.txt', 'tool.sh'];
const FLAVOURS = ['ü', 'sp ace', '<b>html</b>', 'plain'];
const SUBJECTS = ['Add search <b>endpoint</b>', 'Fix ünïcödé handling', 'Tidy  spaces  here', 'WIP: pagination & "quotes"', 'Try an in-memory cache'];
const BRANCHES = ['feature/<b>x</b>', 'topic/ünï', 'fix-spaces', 'exp/cache'];
/** The fake clock starts here (2025-06-15) and moves a minute or two per git command. */
const CLOCK_START = 1_750_000_000;

export interface GitResult {
  readonly ok: boolean;
  readonly output: string;
}

/**
 * A work tree and its bare remote, driven through real git on a fake clock:
 * commit and reflog times come from GIT_*_DATE, and every loose object a
 * command wrote gets the clock's time, as if a person had typed the commands
 * minutes apart. The deep scan dates lost staged blobs by their object file's
 * time, so this keeps its time windows meaningful.
 */
export class ClockedRepo {
  clock = CLOCK_START;
  /** Every command run, for the failure message. */
  readonly log: string[] = [];
  private readonly stamps = new Map<string, number>();
  private counter = 0;

  constructor(
    readonly dir: string,
    readonly origin: string,
    readonly random: Random,
  ) {}

  /** Runs git; throws with git's message (and the history so far) when it fails. */
  git(...args: string[]): string {
    const result = this.tryGit(...args);
    if (!result.ok) throw new Error(`git ${args.join(' ')} failed unexpectedly: ${result.output}\nafter: ${this.log.join(' ; ')}`);
    return result.output;
  }

  /** Runs git; a failure is a result, for commands that are meant to stop (conflicts) or may be refused. */
  tryGit(...args: string[]): GitResult {
    this.log.push(`git ${args.join(' ')}`);
    const env = { ...gitEnv(this.dir, this.clock), LANGUAGE: '', GIT_EDITOR: 'true' };
    let result: GitResult;
    try {
      result = {
        ok: true,
        output: execFileSync('git', args, {
          cwd: existsSync(this.dir) ? this.dir : dirname(this.dir),
          env,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      result = { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim() };
    }
    this.settle();
    this.clock += 30 + this.random.int(90);
    return result;
  }

  write(path: string, text: string): void {
    this.log.push(`write ${path}`);
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
    this.settle();
  }

  read(path: string): string {
    return existsSync(join(this.dir, path)) ? readFileSync(join(this.dir, path), 'utf8') : '';
  }

  /** A new file name of its own: later commits never touch the first files, so checkouts never clash with local edits. */
  newPath(prefix = 'work'): string {
    this.counter += 1;
    return `${prefix}/${this.counter} ${this.random.pick(FLAVOURS)}.txt`;
  }

  /** Text no other file or commit has, so its blob is this change's alone. */
  uniqueText(what: string): string {
    this.counter += 1;
    return `${what} ${this.counter} ${this.random.int(1_000_000)}\nsecond line of ${what}\n`;
  }

  subject(): string {
    this.counter += 1;
    return `${this.random.pick(SUBJECTS)} ${this.counter}`;
  }

  branchName(): string {
    this.counter += 1;
    return `${this.random.pick(BRANCHES)}-${this.counter}`;
  }

  /** Commits only `path` (`commit -- path`): whatever else is staged stays staged, as a careful person's would. */
  commitPath(path: string, text: string, subject = this.subject()): string {
    this.write(path, text);
    this.git('add', '--', path);
    this.git('commit', '-q', '-m', subject, '--', path);
    return this.sha('HEAD');
  }

  commitNew(subject = this.subject()): string {
    return this.commitPath(this.newPath(), this.uniqueText('commit'), subject);
  }

  sha(rev: string): string {
    return this.git('rev-parse', '--verify', '-q', rev).trim();
  }

  /** refs/heads/<branch>, or '' when HEAD is detached. */
  headRef(): string {
    const result = this.tryGit('symbolic-ref', '-q', 'HEAD');
    return result.ok ? result.output.trim() : '';
  }

  ensureOn(branch: string): void {
    if (this.headRef() !== `refs/heads/${branch}`) this.git('checkout', '-q', branch);
  }

  /** Commits of `rev` that no ref (branch, remote, tag, stash) holds. */
  unreferenced(rev: string): string[] {
    return lines(this.git('rev-list', rev, '--not', '--all'));
  }

  lines(...args: string[]): string[] {
    return lines(this.git(...args));
  }

  hasStagedChanges(): boolean {
    return !this.tryGit('diff', '--cached', '--quiet').ok;
  }

  hasTrackedChanges(): boolean {
    return this.hasStagedChanges() || !this.tryGit('diff', '--quiet').ok;
  }

  /** Files in HEAD and still in the index (not deleted with `git rm`). */
  trackedFiles(): string[] {
    const indexed = new Set(this.git('ls-files', '-z').split('\0'));
    return this.git('ls-tree', '-r', '-z', '--name-only', 'HEAD')
      .split('\0')
      .filter((path) => path !== '' && path !== '.gitignore' && indexed.has(path));
  }

  /** HEAD's reflog, newest first: the amend and merge detectors look at its newest entry only. */
  headReflog(): string[] {
    return this.lines('log', '-g', '--format=%H %gs', 'HEAD');
  }

  /** A tracked file to edit: some file of HEAD's that is still in the index (one is committed when `git rm` took them all). */
  someTrackedFile(): string {
    const tracked = this.trackedFiles();
    if (tracked.length > 0) return this.random.pick(tracked);
    this.commitNew();
    return this.random.pick(this.trackedFiles());
  }

  /** Diagnose's "now": an hour after the last command. */
  nowMs(): number {
    return (this.clock + 3600) * 1000;
  }

  /**
   * Gives every loose object the last command wrote the clock's time. (Work-tree
   * files keep their real times: changing them behind git's back would leave
   * the index's stat data stale, which touchFiles does on purpose.)
   */
  private settle(): void {
    const objects = join(this.dir, '.git', 'objects');
    if (!existsSync(objects)) return;
    for (const path of walk(objects, ['pack', 'info'])) {
      const mtime = lstatSync(path).mtimeMs;
      if (this.stamps.get(path) === mtime) continue;
      utimesSync(path, this.clock, this.clock);
      this.stamps.set(path, lstatSync(path).mtimeMs);
    }
  }
}

function walk(root: string, skip: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(root)) {
    if (skip.includes(name)) continue;
    const path = join(root, name);
    const info = lstatSync(path);
    if (info.isDirectory()) found.push(...walk(path, []));
    else if (info.isFile()) found.push(path);
  }
  return found;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/**
 * A clone-like repository: history on main pushed to a bare remote, maybe
 * feature branches (some pushed), maybe more commits on main, and random
 * uncommitted changes (staged, unstaged, deleted, executable, untracked, ignored).
 */
export function buildRepository(parent: string, random: Random): ClockedRepo {
  mkdirSync(parent, { recursive: true });
  const repo = new ClockedRepo(join(parent, 'work ü'), join(parent, 'origin.git'), random);
  repo.git('init', '-q', '--bare', '-b', 'main', repo.origin);
  repo.git('init', '-q', '-b', 'main', repo.dir);
  repo.git('config', 'user.name', 'Test');
  repo.git('config', 'user.email', 'test@example.com');
  repo.git('config', 'commit.gpgsign', 'false');
  repo.git('config', 'gc.auto', '0');
  repo.git('remote', 'add', 'origin', repo.origin);

  const first = NAMES.filter(() => random.chance(0.7));
  repo.write('.gitignore', '*.log\n');
  for (const path of first.length > 0 ? first : ['a.txt']) repo.write(path, `${path}\nfirst version\nshared line\n`);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'Initial <b>commit</b> ünï');
  for (let index = random.int(3); index > 0; index -= 1) {
    const path = random.pick(repo.trackedFiles());
    repo.write(path, `${repo.read(path)}more ${index}\n`);
    repo.git('commit', '-q', '-a', '-m', repo.subject());
  }
  repo.git('push', '-q', '-u', 'origin', 'main');
  if (random.chance(0.5)) repo.git('remote', 'set-head', 'origin', 'main');

  for (let index = random.int(3); index > 0; index -= 1) {
    const branch = repo.branchName();
    repo.git('checkout', '-q', '-b', branch);
    for (let commits = 1 + random.int(2); commits > 0; commits -= 1) repo.commitNew();
    if (random.chance(0.4)) repo.git('push', '-q', '-u', 'origin', branch);
    repo.git('checkout', '-q', 'main');
  }
  for (let index = random.int(3); index > 0; index -= 1) repo.commitNew();
  if (random.chance(0.7)) repo.git('push', '-q', 'origin', 'main');

  addLocalChanges(repo, random);
  return repo;
}

function addLocalChanges(repo: ClockedRepo, random: Random): void {
  const tracked = repo.trackedFiles().filter((path) => NAMES.includes(path));
  for (let edits = random.int(5); edits > 0 && tracked.length > 0; edits -= 1) {
    const path = random.pick(tracked);
    switch (random.int(6)) {
      case 0:
        repo.write(path, `${repo.read(path)}${repo.uniqueText('staged')}`);
        repo.git('add', '--', path);
        break;
      case 1:
        repo.write(path, `${repo.read(path)}${repo.uniqueText('unstaged')}`);
        break;
      case 2:
        repo.write(repo.newPath('new'), repo.uniqueText('untracked'));
        break;
      case 3:
        // A staged deletion, left alone afterwards: an untracked file in its place stops git's own autostash.
        repo.git('rm', '-q', '-f', '--', path);
        tracked.splice(tracked.indexOf(path), 1);
        break;
      case 4:
        if (existsSync(join(repo.dir, path))) chmodSync(join(repo.dir, path), 0o755);
        break;
      default:
        repo.write(`trace ${random.int(100)}.log`, 'ignored\n');
    }
  }
}

export type MistakeName = 'ahead' | 'amend' | 'reset-hard' | 'delete-branch' | 'merge' | 'rebase' | 'detached' | 'stash-drop' | 'lost-staged' | 'in-progress';

export interface Mistake {
  readonly name: MistakeName;
  /** What was done, in a few words (with the shas involved). */
  readonly detail: string;
  /** The situation diagnose must report while the mistake is still visible. */
  readonly expect: SituationKind;
  /**
   * Whether what the mistake left is still there after the later mistakes,
   * by the documented signal (docs/git-recovery.md): e.g. an amend is seen
   * only while it is HEAD's newest reflog entry, lost commits while no ref holds them.
   */
  readonly stillVisible: () => boolean;
}

const MISTAKES: readonly MistakeName[] = ['ahead', 'amend', 'reset-hard', 'delete-branch', 'merge', 'rebase', 'detached', 'stash-drop', 'lost-staged'];

/** 1-3 random mistakes; one that leaves an operation in progress can only come last (git refuses most commands then). */
export function makeMistakes(repo: ClockedRepo, random: Random): Mistake[] {
  const mistakes: Mistake[] = [];
  const count = 1 + random.int(3);
  for (let index = 0; index < count; index += 1) {
    const last = index === count - 1;
    const name = last && random.chance(0.2) ? 'in-progress' : random.pick(MISTAKES);
    const mistake = MAKERS[name](repo, random);
    if (mistake) mistakes.push(mistake);
  }
  return mistakes;
}

type Maker = (repo: ClockedRepo, random: Random) => Mistake | undefined;

/** One named mistake (undefined when the repository has nothing to make it with). */
export function makeMistake(repo: ClockedRepo, name: MistakeName, random: Random): Mistake | undefined {
  return MAKERS[name](repo, random);
}

/** True while HEAD's newest reflog entry is still the one written by the mistake. */
function newestReflogEntryStays(repo: ClockedRepo): () => boolean {
  const [entry, length] = [repo.headReflog()[0], repo.headReflog().length];
  return () => repo.headReflog()[0] === entry && repo.headReflog().length === length;
}

const MAKERS: Record<MistakeName, Maker> = {
  ahead(repo, random) {
    repo.ensureOn('main');
    const made: string[] = [];
    for (let commits = 1 + random.int(3); commits > 0; commits -= 1) made.push(repo.commitNew());
    return {
      name: 'ahead',
      detail: `${made.length} commit(s) on main: ${made.join(' ')}`,
      expect: 'wrong-branch',
      // The definition: on main, ahead of origin/main, and no other branch, remote or tag holds any of the commits ahead.
      stillVisible: () => {
        if (repo.headRef() !== 'refs/heads/main' || inProgress(repo) || !repo.tryGit('rev-parse', '-q', '--verify', 'refs/remotes/origin/main').ok)
          return false;
        const ahead = repo.lines('rev-list', 'refs/remotes/origin/main..HEAD');
        const onlyHere = repo.lines('rev-list', 'HEAD', '--not', '--exclude=main', '--branches', '--remotes', '--tags');
        return ahead.length > 0 && ahead.length === onlyHere.length && made.every((sha) => ahead.includes(sha));
      },
    };
  },

  amend(repo, random) {
    repo.ensureOn('main');
    const upstream = repo.sha('refs/remotes/origin/main');
    // "Pushed": the commit being amended is on origin/main (pushed now if need be, when it fast-forwards).
    const pushed = random.chance(0.5) && (repo.sha('HEAD') === upstream || repo.tryGit('push', '-q', 'origin', 'main').ok);
    const before = repo.sha('HEAD');
    if (random.chance(0.5)) {
      // Everything staged goes into the amended commit: the classic "amended the wrong thing".
      repo.git('commit', '-q', '--amend', '--no-edit');
    } else {
      const path = repo.newPath();
      repo.write(path, repo.uniqueText('amended in'));
      repo.git('add', '--', path);
      repo.git('commit', '-q', '--amend', '-m', repo.subject(), '--', path);
    }
    const amended = repo.sha('HEAD');
    const forcePushed = pushed && random.chance(0.5) && repo.tryGit('push', '-q', '--force', 'origin', 'main').ok;
    const visible = newestReflogEntryStays(repo);
    return {
      name: 'amend',
      detail: `amended ${pushed ? 'pushed' : 'unpushed'} ${before} into ${amended}${forcePushed ? ', then force-pushed' : ''}`,
      expect: 'amend',
      stillVisible: visible,
    };
  },

  'reset-hard'(repo, random) {
    repo.ensureOn('main');
    if (repo.lines('rev-list', 'refs/remotes/origin/main..HEAD').length === 0 && random.chance(0.7)) {
      for (let commits = 1 + random.int(2); commits > 0; commits -= 1) repo.commitNew();
    }
    const depth = repo.lines('rev-list', 'HEAD').length;
    if (depth < 2) return undefined;
    const k = 1 + random.int(Math.min(3, depth - 1));
    const tip = repo.sha('HEAD');
    repo.git('reset', '-q', '--hard', `HEAD~${k}`);
    return {
      name: 'reset-hard',
      detail: `reset --hard HEAD~${k} from ${tip}`,
      expect: 'lost-commits',
      stillVisible: () => repo.unreferenced(tip).length > 0,
    };
  },

  'delete-branch'(repo, random) {
    repo.ensureOn('main');
    const existing = repo.lines('for-each-ref', '--format=%(refname:short)', 'refs/heads/').filter((name) => name !== 'main');
    let branch: string;
    if (existing.length === 0 || random.chance(0.6)) {
      branch = repo.branchName();
      repo.git('checkout', '-q', '-b', branch);
      for (let commits = 1 + random.int(2); commits > 0; commits -= 1) repo.commitNew();
      repo.git('checkout', '-q', 'main');
    } else {
      branch = random.pick(existing);
    }
    const tip = repo.sha(`refs/heads/${branch}`);
    repo.git('branch', '-q', '-D', branch);
    return {
      name: 'delete-branch',
      detail: `branch -D ${branch} at ${tip}`,
      expect: 'deleted-branch',
      stillVisible: () => !repo.tryGit('rev-parse', '-q', '--verify', `refs/heads/${branch}`).ok && repo.unreferenced(tip).length > 0,
    };
  },

  merge(repo, random) {
    repo.ensureOn('main');
    const unmerged = repo
      .lines('for-each-ref', '--format=%(refname:short)', 'refs/heads/')
      .filter((name) => name !== 'main' && repo.lines('rev-list', `main..refs/heads/${name}`).length > 0);
    let branch: string;
    if (unmerged.length === 0 || random.chance(0.5)) {
      branch = repo.branchName();
      repo.git('checkout', '-q', '-b', branch);
      for (let commits = 1 + random.int(2); commits > 0; commits -= 1) repo.commitNew();
      repo.git('checkout', '-q', 'main');
      if (random.chance(0.5)) repo.commitNew();
    } else {
      branch = random.pick(unmerged);
    }
    // Git refuses to merge over staged changes; merge.autoStash is what many people have set.
    repo.git('merge', '-q', '--no-ff', '--no-edit', ...(repo.hasStagedChanges() ? ['--autostash'] : []), branch);
    const merge = repo.sha('HEAD');
    const visible = newestReflogEntryStays(repo);
    const pushed = random.chance(0.5) && repo.tryGit('push', '-q', 'origin', 'main').ok;
    return {
      name: 'merge',
      detail: `merged ${branch} into main as ${merge}${pushed ? ', pushed' : ''}`,
      expect: 'merge',
      stillVisible: visible,
    };
  },

  rebase(repo, random) {
    repo.ensureOn('main');
    const behind = repo
      .lines('for-each-ref', '--format=%(refname:short)', 'refs/heads/')
      .filter(
        (name) =>
          name !== 'main' && repo.lines('rev-list', `refs/heads/${name}..main`).length > 0 && repo.lines('rev-list', `main..refs/heads/${name}`).length > 0,
      );
    let branch: string;
    if (behind.length === 0 || random.chance(0.4)) {
      branch = repo.branchName();
      repo.git('checkout', '-q', '-b', branch);
      for (let commits = 1 + random.int(2); commits > 0; commits -= 1) repo.commitNew();
      repo.git('checkout', '-q', 'main');
      repo.commitNew();
    } else {
      branch = random.pick(behind);
    }
    repo.git('checkout', '-q', branch);
    const before = repo.sha('HEAD');
    // Git refuses to rebase over local changes; rebase.autoStash is what many people have set.
    repo.git('-c', `rebase.autoStash=${repo.hasTrackedChanges()}`, 'rebase', '-q', 'main');
    const after = repo.sha('HEAD');
    return {
      name: 'rebase',
      detail: `rebased ${branch} from ${before} onto main as ${after}`,
      expect: 'rebase',
      stillVisible: () => before !== after,
    };
  },

  detached(repo, random) {
    const back = repo.headRef().replace(/^refs\/heads\//, '') || 'main';
    repo.git('checkout', '-q', '--detach');
    const made: string[] = [];
    for (let commits = 1 + random.int(2); commits > 0; commits -= 1) made.push(repo.commitNew());
    const tip = made[made.length - 1] ?? '';
    repo.git('checkout', '-q', back);
    return {
      name: 'detached',
      detail: `${made.length} commit(s) on a detached HEAD up to ${tip}, then checkout ${back}`,
      expect: 'detached-commits',
      stillVisible: () => repo.unreferenced(tip).length > 0,
    };
  },

  'stash-drop'(repo, random) {
    const path = repo.someTrackedFile();
    repo.write(path, `${repo.read(path)}${repo.uniqueText('stashed')}`);
    const untracked = random.chance(0.4);
    if (untracked) repo.write(repo.newPath('scratch'), repo.uniqueText('untracked stashed'));
    const message = random.chance(0.5) ? ['-m', `WIP: <b>${repo.subject()}</b>`] : [];
    repo.git('stash', 'push', '-q', ...(untracked ? ['-u'] : []), ...message);
    const stash = repo.sha('refs/stash');
    repo.git('stash', 'drop', '-q');
    return {
      name: 'stash-drop',
      detail: `stash push${untracked ? ' -u' : ''} then drop of ${stash}`,
      expect: 'dropped-stash',
      stillVisible: () => !repo.lines('stash', 'list', '--format=%H').includes(stash),
    };
  },

  'lost-staged'(repo, random) {
    const paths = [...new Set([repo.someTrackedFile(), repo.someTrackedFile()])].slice(0, 1 + random.int(2));
    for (const path of paths) {
      // Mostly an edit of the file (its lines let diagnose guess the name back), sometimes all new text.
      repo.write(path, random.chance(0.7) ? `${repo.read(path)}${repo.uniqueText('staged then lost')}` : repo.uniqueText('new content'));
    }
    repo.git('add', '--', ...paths);
    const blobs = paths.map((path) => repo.sha(`:${path}`));
    repo.git('reset', '-q', '--hard');
    return {
      name: 'lost-staged',
      detail: `staged ${paths.join(', ')} (${blobs.join(' ')}), then reset --hard`,
      expect: 'lost-staged',
      stillVisible: () => true,
    };
  },

  'in-progress'(repo, random) {
    repo.ensureOn('main');
    const path = repo.newPath('clash');
    repo.commitPath(path, 'base\n');
    const branch = repo.branchName();
    repo.git('checkout', '-q', '-b', branch);
    repo.commitPath(path, 'theirs\n');
    repo.git('checkout', '-q', 'main');
    repo.commitPath(path, 'ours\n');
    const operation = random.pick(['merge', 'cherry-pick'] as const);
    if (operation === 'merge') {
      repo.tryGit('merge', '--no-edit', ...(repo.hasStagedChanges() ? ['--autostash'] : []), branch);
    } else {
      // Git refuses to cherry-pick over staged changes: a person stashes first (and keeps the stash).
      if (repo.hasStagedChanges()) repo.git('stash', 'push', '-q');
      repo.tryGit('cherry-pick', branch);
    }
    if (!inProgress(repo)) throw new Error(`${operation} of ${branch} did not stop with a conflict\nafter: ${repo.log.join(' ; ')}`);
    return {
      name: 'in-progress',
      detail: `${operation} of ${branch} stopped on a conflict in ${path}`,
      expect: 'in-progress',
      stillVisible: () => inProgress(repo),
    };
  },
};

/**
 * Sometimes an editor or a build saves tracked files unchanged: only their
 * times change, and git's index holds stale stat data for them until a
 * command such as `git status` refreshes it. Returns the paths touched.
 */
export function touchSomeFiles(repo: ClockedRepo, random: Random): string[] {
  if (!random.chance(0.35)) return [];
  const touched = repo.trackedFiles().filter((path) => existsSync(join(repo.dir, path)) && random.chance(0.5));
  for (const path of touched) utimesSync(join(repo.dir, path), repo.clock, repo.clock);
  return touched;
}

function inProgress(repo: ClockedRepo): boolean {
  return ['MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'rebase-merge', 'rebase-apply'].some((name) => existsSync(join(repo.dir, '.git', name)));
}
