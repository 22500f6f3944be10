import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDeepFacts } from '../../../../src/core/recovery/deep/read-deep-facts';
import { RECOVERY_FOLDER, detectLostStaged } from '../../../../src/core/recovery/detectors/lost-staged';
import { commit, git, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, facts, only, stepsOf } from '../helpers';
import { newRepo } from '../../../support/repos';

const SERVER = [
  'const http = require("http");',
  'const port = 3000;',
  '',
  'function handle(req, res) {',
  '  res.end("ok");',
  '}',
  '',
  'http.createServer(handle).listen(port);',
  '',
].join('\n');
const SERVER_STAGED = SERVER.replace('const port = 3000;', 'const port = Number(process.env.PORT || 3000);').replace(
  '  res.end("ok");',
  '  res.setHeader("x-served-by", "acme");\n  res.end("ok");',
);
const OTHER = ['# Notes', '', 'Nothing to see here.', ''].join('\n');

async function lostStaged(repo: string) {
  const repoFacts = await facts(repo);
  return detectLostStaged(repoFacts, await readDeepFacts(repo, repoFacts));
}

describe('lost-staged detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  function repoWithLostStaging(name: string): string {
    const repo = newRepo(folder.path, name);
    writeFile(repo, 'src/server.js', SERVER);
    writeFile(repo, 'docs/notes.md', OTHER);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Add server');
    writeFile(repo, 'src/server.js', SERVER_STAGED);
    writeFile(repo, 'src/brand-new.txt', 'a file that was never committed\n');
    git(repo, 'add', '-A');
    git(repo, 'reset', '-q', '--hard');
    return repo;
  }

  it('finds staged content a hard reset threw away and puts a file back where it was, staged', async () => {
    const repo = repoWithLostStaging('restore');
    const situation = only(await lostStaged(repo));
    assert.equal(situation.kind, 'lost-staged');
    assert.equal(situation.title, 'A reset threw away 2 staged changes');
    assert.match(
      situation.explanation,
      /threw away changes you had staged with "git add"\. Git still has 2 staged versions: src\/server\.js and 1 file git cannot name\. Changes you never staged cannot be recovered\./,
    );

    const restore = situation.fixes.find((fix) => fix.title === 'Put it back in src/server.js');
    assert.ok(restore, situation.fixes.map((fix) => fix.title).join('; '));
    const staged = stepsOf(restore)[0]?.[3]?.split(',')[1] ?? '';
    assert.deepEqual(stepsOf(restore), [
      ['update-index', '--add', '--cacheinfo', `100644,${staged},src/server.js`],
      ['checkout-index', '-f', '-u', '--', 'src/server.js'],
    ]);
    assert.match(restore.effect, /lines match src\/server\.js\) to src\/server\.js and stages it/);

    apply(repo, restore);
    assert.equal(readFileSync(join(repo, 'src/server.js'), 'utf8'), SERVER_STAGED);
    assert.equal(git(repo, 'diff', '--cached', '--name-only').trim(), 'src/server.js', 'staged, as before the reset');
    assert.equal(git(repo, 'diff', '--name-only').trim(), '', 'the file matches the index');
  });

  it('saves content with no name to the recovery folder, untracked, leaving the index alone', async () => {
    const repo = repoWithLostStaging('save');
    const situation = only(await lostStaged(repo));
    const save = situation.fixes.find((fix) => fix.title.startsWith(`Save it as ${RECOVERY_FOLDER}/`));
    assert.ok(save);
    const sha = stepsOf(save)[0]?.[3]?.split(',')[1] ?? '';
    const path = `${RECOVERY_FOLDER}/${sha}`;
    assert.deepEqual(stepsOf(save), [
      ['update-index', '--add', '--cacheinfo', `100644,${sha},${path}`],
      ['checkout-index', '-f', '-u', '--', path],
      ['update-index', '--force-remove', '--', path],
    ]);
    const indexBefore = git(repo, 'ls-files', '-s');
    apply(repo, save);
    assert.equal(readFileSync(join(repo, path), 'utf8'), 'a file that was never committed\n');
    assert.equal(git(repo, 'ls-files', '-s'), indexBefore, 'the index is as it was');
    assert.match(git(repo, 'status', '--porcelain', '--untracked-files=all'), new RegExp(`^\\?\\? ${RECOVERY_FOLDER}/${sha}$`, 'm'));
  });

  it('writes beside a guessed file that has changes of yours now, never over it', async () => {
    const repo = repoWithLostStaging('busy');
    writeFile(repo, 'src/server.js', `${SERVER}// my new edit\n`);
    const situation = only(await lostStaged(repo));
    assert.equal(situation.fixes.filter((fix) => fix.title.startsWith('Put it back')).length, 0);
    const beside = situation.fixes.find((fix) => fix.effect.startsWith('It looks like src/server.js, which has changes of yours now'));
    assert.ok(beside);
    apply(repo, beside);
    assert.equal(readFileSync(join(repo, 'src/server.js'), 'utf8'), `${SERVER}// my new edit\n`, 'your edit is untouched');
    assert.ok(existsSync(join(repo, RECOVERY_FOLDER)));
  });

  it('gives the same ids while nothing changes', async () => {
    const repo = repoWithLostStaging('ids');
    const ids = (s: Awaited<ReturnType<typeof lostStaged>>) => s.flatMap((one) => [one.id, ...one.fixes.map((fix) => fix.id)]);
    assert.deepEqual(ids(await lostStaged(repo)), ids(await lostStaged(repo)));
  });

  it('stays quiet after a plain reset (the changes are still in the files) and when staged work was committed', async () => {
    const mixed = newRepo(folder.path, 'mixed');
    commit(mixed, 'src/server.js', SERVER, 'Add server');
    writeFile(mixed, 'src/server.js', SERVER_STAGED);
    git(mixed, 'add', '-A');
    git(mixed, 'reset', '-q');
    assert.deepEqual(await lostStaged(mixed), []);

    const committed = newRepo(folder.path, 'committed');
    commit(committed, 'src/server.js', SERVER, 'Add server');
    writeFile(committed, 'src/server.js', SERVER_STAGED);
    git(committed, 'add', '-A');
    git(committed, 'commit', '-q', '-m', 'Port from env');
    git(committed, 'reset', '-q', '--hard');
    assert.deepEqual(await lostStaged(committed), []);
  });
});
