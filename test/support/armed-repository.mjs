// Arms a repository with a program for every way git can be made to start one
// from the repository's own configuration; each program only creates a marker
// file named for its vector. Shared by the unit tests (malicious-repo.ts) and
// the Restricted Mode UI test, which arms the demo workspace.
import { chmodSync, existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export function armRepository(repo, folder) {
  const markers = join(folder, 'markers');
  const tools = join(folder, 'tools');
  const hooks = join(folder, 'hooks');
  for (const dir of [markers, tools, hooks]) mkdirSync(dir, { recursive: true });
  const program = (vector, body = '') => {
    const path = join(tools, `${vector}.sh`);
    writeFileSync(path, `#!/bin/sh\ntouch '${join(markers, vector)}'\n${body}`);
    chmodSync(path, 0o755);
    return path;
  };
  writeFileSync(join(repo, '.gitattributes'), '*.txt filter=evil\n*.dat filter=evilproc\n*.bin diff=evil\n*.md diff=ext\n');
  const gitDir = execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: repo, encoding: 'utf8' }).trim();
  writeFileSync(
    join(gitDir, 'evil.config'),
    `[filter "evil"]\n\tclean = ${program('filter-clean', 'cat\n')}\n\tsmudge = ${program('filter-smudge', 'cat\n')}\n\trequired = true\n`,
  );
  for (const hook of ['post-checkout', 'post-commit', 'pre-commit', 'post-index-change', 'reference-transaction', 'post-rewrite', 'pre-auto-gc']) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\ntouch '${join(markers, 'hook')}'\n`);
    chmodSync(join(hooks, hook), 0o755);
  }
  const settings = [
    ['include.path', 'evil.config'],
    ['core.fsmonitor', program('fsmonitor')],
    ['filter.evilproc.process', program('filter-process')],
    ['diff.evil.textconv', program('textconv', 'cat "$1"\n')],
    ['diff.ext.command', program('diff-command')],
    ['diff.external', program('diff-external')],
    ['core.hooksPath', hooks],
    ['gpg.program', program('gpg')],
    ['log.showSignature', 'true'],
    ['core.pager', program('pager', 'cat\n')],
    ['pager.log', program('pager', 'cat\n')],
    ['core.sshCommand', program('ssh')],
    ['core.askPass', program('askpass')],
    ['credential.helper', `!${program('credential')}`],
  ];
  for (const [key, value] of settings) execFileSync('git', ['config', key, value], { cwd: repo });
  // Tracked .txt and .dat files whose stat changed: status must read them again, through the filters.
  const later = new Date(Date.now() + 60_000);
  for (const name of ['notes.txt', 'table.dat']) {
    if (!existsSync(join(repo, name))) continue;
    utimesSync(join(repo, name), later, later);
  }
  return { markers, fired: () => (existsSync(markers) ? readdirSync(markers).sort() : []) };
}
