import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { armRepository } from './armed-repository.mjs';
import { git, writeFile } from './git';

/**
 * A repository whose own configuration names a program for every way git can
 * be made to start one: fsmonitor, clean/smudge/process filters (through
 * .gitattributes, the driver defined in an included file), textconv and
 * external diff drivers, diff.external, hooks (core.hooksPath), gpg.program
 * for a signed commit with log.showSignature on, pagers, and transport
 * helpers. Each program only creates a marker file named for its vector in
 * `markers`, so a test asks "did anything run?" by listing that folder.
 */
export const VECTORS = [
  'fsmonitor',
  'filter-clean',
  'filter-smudge',
  'filter-process',
  'textconv',
  'diff-command',
  'diff-external',
  'hook',
  'gpg',
  'pager',
  'ssh',
  'askpass',
  'credential',
] as const;
export type Vector = (typeof VECTORS)[number];

export interface MaliciousRepo {
  readonly repo: string;
  readonly markers: string;
  /** The vectors whose program ran so far. */
  fired(): string[];
}

export function makeMaliciousRepo(parent: string): MaliciousRepo {
  const repo = join(parent, 'evil repo');
  mkdirSync(parent, { recursive: true });
  git(parent, 'init', '-q', '-b', 'main', repo);
  writeFile(repo, 'README.md', '# evil\n');
  writeFile(repo, 'notes.txt', 'plain text\n');
  writeFile(repo, 'data.bin', 'binary-ish\n');
  writeFile(repo, 'gone.md', 'to be deleted\n');
  writeFile(repo, 'table.dat', 'rows\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'Initial commit');
  // Work for every read path: a signed commit (gpg), then one that changes a .bin and a .md
  // file (textconv, diff drivers) and deletes a file, and a dropped stash.
  writeSignedCommit(repo);
  writeFile(repo, 'data.bin', 'binary-ish, changed\n');
  writeFile(repo, 'README.md', '# evil, changed\n');
  git(repo, 'rm', '-q', 'gone.md');
  git(repo, 'commit', '-q', '-am', 'Change data, delete gone.md');
  writeFile(repo, 'README.md', '# stashed edit\n');
  git(repo, 'stash', 'push', '-q');
  git(repo, 'stash', 'drop', '-q');

  git(repo, 'config', 'remote.origin.url', 'ssh://example.invalid/evil.git');

  // Armed last, so making the fixture runs none of it.
  const armed = armRepository(repo, parent);
  return { repo, markers: armed.markers, fired: () => armed.fired() };
}

/** A commit carrying a (fake) PGP signature, so showing it with log.showSignature runs gpg.program. */
function writeSignedCommit(repo: string): void {
  const tree = git(repo, 'rev-parse', 'HEAD^{tree}').trim();
  const parent = git(repo, 'rev-parse', 'HEAD').trim();
  const signature = ['-----BEGIN PGP SIGNATURE-----', '', 'iQEzBAABCAAdFiEEfakefakefakefakefakefakefakefakeFAKE=', '=fake', '-----END PGP SIGNATURE-----'];
  const body = [
    `tree ${tree}`,
    `parent ${parent}`,
    'author Test <test@example.com> 1700000000 +0000',
    'committer Test <test@example.com> 1700000000 +0000',
    `gpgsig ${signature.join('\n ')}`,
    '',
    'A signed commit',
    '',
  ].join('\n');
  const path = join(repo, '.git', 'signed-commit.txt');
  writeFileSync(path, body);
  const sha = git(repo, 'hash-object', '-t', 'commit', '-w', path).trim();
  git(repo, 'update-ref', '-m', 'commit: A signed commit', 'refs/heads/main', sha);
}
