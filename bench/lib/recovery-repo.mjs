// A repository for the recovery benchmark, made in seconds with `git fast-import`:
// `commits` commits on main (with a merge), tags and branches, an upstream
// 10 commits behind, and HEAD's reflog written directly in git's format with
// the moves a day of work leaves: commits, checkouts, a merge, a deleted
// branch, commits left on a detached HEAD, a hard reset that lost 3 commits
// and a rebase. The lost and rebased-away commits exist, so the fast pass
// finds real reflog-only commits and fsck real unreachable ones.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const IDENT = 'Bench <bench@example.com>';
const START = 1_790_000_000; // seconds; one commit a minute from here
const FILES = 1000; // files in the tree, over 20 folders: what `git status` walks

/** Runs git in `repo` without the user's configuration. */
export function benchGit(repo, args, input, env = {}) {
  return execFileSync('git', args, {
    cwd: repo,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LC_ALL: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      HOME: repo,
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
      ...env,
    },
  });
}

/**
 * Creates the repository in `repo` (an empty or missing folder) and returns
 * what it holds: { commits (every commit made, the lost ones too), reflogEntries, refs }.
 */
export function makeRecoveryRepo(repo, { commits, reflogEntries = 300 }) {
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  const run = (args, input, env) => benchGit(repo, args, input, env);

  // Marks: main's commits are 1..commits; side work is numbered after them.
  let nextMark = commits;
  const stream = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const file = (n) => `src/part${n % 20}/file${n % FILES}.txt`;
  const commit = (ref, mark, { from, merge, message, path }) => {
    stream.push(`commit ${ref}\nmark :${mark}\ncommitter ${IDENT} ${START + mark * 60} +0000\n${data(message)}`);
    if (from !== undefined) stream.push(`from :${from}\n`);
    if (merge !== undefined) stream.push(`merge :${merge}\n`);
    stream.push(`M 644 inline ${path}\n${data(`${message}\n`)}\n`);
    return mark;
  };
  const side = (ref, base, count, label) => {
    const marks = [];
    for (let i = 0; i < count; i++)
      marks.push(
        commit(ref, ++nextMark, { from: i === 0 ? base : marks[i - 1], message: `${label} ${i + 1}`, path: `${label.toLowerCase().replace(/\W+/g, '-')}.txt` }),
      );
    return marks;
  };

  // Main's first commits fill the tree; a feature branch is merged 250 commits before the tip.
  const mergeAt = commits - 250;
  const feature = [];
  for (let n = 1; n <= commits; n++) {
    if (n === mergeAt) feature.push(...side('refs/heads/feature/merged', n - 50, 5, 'Feature'));
    const merge = n === mergeAt ? feature.at(-1) : undefined;
    commit('refs/heads/main', n, { from: n > 1 ? n - 1 : undefined, merge, message: merge ? "Merge branch 'feature/merged'" : `Change ${n}`, path: file(n) });
  }
  const gone = side('refs/heads/gone', commits - 60, 2, 'Deleted branch work');
  const topicOld = side('refs/heads/topic-old', commits - 40, 4, 'Topic');
  const detached = side('refs/heads/detached', commits - 6, 2, 'Detached work');
  const lost = side('refs/heads/lost', commits, 3, 'Lost change');
  const topic = side('refs/heads/topic', commits, 4, 'Topic'); // the rebased copies
  // Refs a real clone has: release tags, a few branches, the upstream 10 behind.
  for (let t = 1; t <= 20; t++) stream.push(`reset refs/tags/v${t}.0\nfrom :${Math.floor((commits * t) / 21)}\n\n`);
  for (let b = 1; b <= 10; b++) stream.push(`reset refs/heads/old/branch-${b}\nfrom :${Math.floor((commits * b) / 11)}\n\n`);
  stream.push(`reset refs/remotes/origin/main\nfrom :${commits - 10}\n\n`);
  const marksFile = join(repo, '.git', 'bench-marks');
  run(['fast-import', '--quiet', `--export-marks=${marksFile}`], stream.join(''));
  const marks = new Map(
    readFileSync(marksFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ')),
  );
  rmSync(marksFile);
  const sha = (mark) => marks.get(`:${mark}`);

  for (const ref of ['gone', 'topic-old', 'detached', 'lost']) run(['update-ref', '-d', `refs/heads/${ref}`]);
  run(['config', 'remote.origin.url', join(repo, 'no-such-origin.git')]);
  run(['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*']);
  run(['config', 'branch.main.remote', 'origin']);
  run(['config', 'branch.main.merge', 'refs/heads/main']);
  run(['reset', '-q', '--hard', 'main']);

  // HEAD's reflog, oldest first, ending on main at its tip; the oldest part is plain commits on main.
  const moves = [];
  const move = (to, message) => moves.push({ to, message });
  const commitsOn = (from, to) => {
    for (let n = from; n <= to; n++) move(sha(n), n === mergeAt ? "merge feature/merged: Merge made by the 'ort' strategy." : `commit: Change ${n}`);
  };
  // About 360 scripted entries with the oldest at commits - 300; more wanted, start further back.
  const firstCommit = Math.max(1, commits - 300 - Math.max(0, reflogEntries - 360));
  // HEAD on main at `base`: to a branch made there, its commits, and back.
  const detourFrom = (base, branch, marks, label) => {
    move(sha(base), `checkout: moving from main to ${branch}`);
    marks.forEach((mark, i) => move(sha(mark), `commit: ${label} ${i + 1}`));
    move(sha(base), `checkout: moving from ${branch} to main`);
  };
  move(sha(firstCommit), 'clone: from https://example.com/bench.git');
  let onMain = firstCommit;
  const mainUpTo = (n) => {
    commitsOn(onMain + 1, n);
    onMain = Math.max(onMain, n);
  };
  mainUpTo(mergeAt - 50);
  detourFrom(mergeAt - 50, 'feature/merged', feature, 'Feature');
  mainUpTo(commits - 60);
  detourFrom(commits - 60, 'gone', gone, 'Deleted branch work');
  mainUpTo(commits - 40);
  detourFrom(commits - 40, 'topic', topicOld, 'Topic');
  mainUpTo(commits - 5);
  // A detached HEAD one commit back, two commits there, then back to main: they stay behind.
  move(sha(commits - 6), 'checkout: moving from main to HEAD~1');
  detached.forEach((mark, i) => move(sha(mark), `commit: Detached work ${i + 1}`));
  move(sha(commits - 5), `checkout: moving from ${sha(detached.at(-1))} to main`);
  mainUpTo(commits);
  lost.forEach((mark, i) => move(sha(mark), `commit: Lost change ${i + 1}`));
  move(sha(commits), 'reset: moving to HEAD~3');
  move(sha(topicOld.at(-1)), 'checkout: moving from main to topic');
  move(sha(commits), 'rebase (start): checkout main');
  topic.forEach((mark, i) => move(sha(mark), `rebase (pick): Topic ${i + 1}`));
  move(sha(topic.at(-1)), 'rebase (finish): returning to refs/heads/topic');
  move(sha(commits), 'checkout: moving from topic to main');
  // Entry times end now, 30 s apart (commit dates are older: a checkout of old work is recent).
  const now = Math.floor(Date.now() / 1000);
  let previous = '0'.repeat(40);
  const line = (to, message, time) => {
    const text = `${previous} ${to} ${IDENT} ${time} +0000\t${message}\n`;
    previous = to;
    return text;
  };
  const logFile = join(repo, '.git', 'logs', 'HEAD');
  appendFileSync(logFile, moves.map(({ to, message }, i) => line(to, message, now - (moves.length - 1 - i) * 30)).join(''));
  // Objects as a clone has them: one pack. Repacking keeps what the reflog holds, so it comes after it.
  run(['repack', '-a', '-d', '-q']);

  // A dropped stash (its two commits) and files staged, then thrown away by `reset --hard`:
  // recent loose objects that only fsck finds, written inside the window of that last reset.
  const head = sha(commits);
  const tree = run(['rev-parse', `${head}^{tree}`]).trim();
  const stashDate = { GIT_AUTHOR_DATE: `${now - 600} +0000`, GIT_COMMITTER_DATE: `${now - 600} +0000` };
  const stashIndex = run(['commit-tree', tree, '-p', head, '-m', `index on main: ${head.slice(0, 7)} Change ${commits}`], undefined, stashDate).trim();
  run(['commit-tree', tree, '-p', head, '-p', stashIndex, '-m', `WIP on main: ${head.slice(0, 7)} Change ${commits}`], undefined, stashDate);
  for (let n = 1; n <= 3; n++) run(['hash-object', '-w', '--stdin'], `Change ${n}\nstaged line ${n} that a reset threw away\n`);
  appendFileSync(logFile, line(head, 'reset: moving to HEAD', Math.floor(Date.now() / 1000) + 1));

  const refs = run(['for-each-ref', '--format=%(refname)']).trim().split('\n').length;
  return { commits: nextMark, reflogEntries: moves.length + 1, refs };
}
