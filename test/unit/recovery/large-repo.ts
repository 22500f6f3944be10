import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git, gitWith } from '../../support/git';

const IDENT = 'Load Test <load@example.com>';
const START = 1_790_000_000; // seconds; one commit a minute from here

/**
 * A repository with `commits` commits on main made with `git fast-import`
 * (seconds, not minutes), an origin/main 10 commits behind, a deleted branch,
 * a hard reset that lost 3 commits, and `reflogEntries` entries in HEAD's
 * reflog written directly in git's reflog format.
 */
export function makeLargeRepo(repo: string, commits = 5000, reflogEntries = 300): void {
  const run = (args: string[], input?: string) => gitWith(repo, { input }, ...args);
  git(dirname(repo), 'init', '-q', '-b', 'main', repo);

  const stream: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = (ref: string, mark: number, parent: number | undefined, message: string, file: string) => {
    stream.push(`commit ${ref}\nmark :${mark}\ncommitter ${IDENT} ${START + mark * 60} +0000\n${data(message)}`);
    if (parent !== undefined) stream.push(`from :${parent}\n`);
    stream.push(`M 644 inline ${file}\n${data(`${message}\n`)}\n`);
  };
  for (let n = 1; n <= commits; n++) commit('refs/heads/main', n, n > 1 ? n - 1 : undefined, `Change ${n}`, `src/file${n % 100}.txt`);
  // Side work that only the reflog will hold: a deleted branch and commits lost to a reset.
  const deleted = commits + 1;
  commit('refs/heads/gone', deleted, commits - 20, 'Deleted branch work', 'gone.txt');
  const lost = [commits + 2, commits + 3, commits + 4];
  lost.forEach((mark, i) => commit('refs/heads/lost', mark, i === 0 ? commits : mark - 1, `Lost change ${i + 1}`, 'lost.txt'));
  stream.push(`reset refs/remotes/origin/main\nfrom :${commits - 10}\n\n`);
  run(['fast-import', '--quiet', `--export-marks=${join(repo, '.git', 'marks')}`], stream.join(''));

  const marks = new Map(
    readFileSync(join(repo, '.git', 'marks'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  const sha = (mark: number) => marks.get(`:${mark}`) as string;
  run(['update-ref', '-d', 'refs/heads/gone']);
  run(['update-ref', '-d', 'refs/heads/lost']);
  run(['config', 'remote.origin.url', join(repo, 'no-such-origin.git')]);
  run(['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*']);
  run(['config', 'branch.main.remote', 'origin']);
  run(['config', 'branch.main.merge', 'refs/heads/main']);
  run(['reset', '-q', '--hard', 'main']);

  // HEAD's reflog, oldest first: commits along main, then the mistakes, then the last commits.
  const lines: string[] = [];
  let previous = '0'.repeat(40);
  let time = START + commits * 60;
  const move = (to: string, message: string) => {
    lines.push(`${previous} ${to} ${IDENT} ${time++} +0000\t${message}\n`);
    previous = to;
  };
  const history = reflogEntries - 8;
  for (let n = commits - history; n < commits - 20; n++) move(sha(n), `commit: Change ${n}`);
  move(sha(commits - 20), 'checkout: moving from main to gone');
  move(sha(deleted), 'commit: Deleted branch work');
  move(sha(commits - 20), 'checkout: moving from gone to main');
  for (let n = commits - 19; n <= commits; n++) move(sha(n), `commit: Change ${n}`);
  for (const mark of lost) move(sha(mark), `commit: Lost change ${mark - commits - 1}`);
  move(sha(commits), 'reset: moving to HEAD~3');
  appendFileSync(join(repo, '.git', 'logs', 'HEAD'), lines.join(''));
}
