import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDeepFacts } from '../../../../src/core/recovery/deep/read-deep-facts';
import { detectDroppedStash, stashMessage } from '../../../../src/core/recovery/detectors/dropped-stash';
import { git, gitWith, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, facts, only, stepsOf } from '../helpers';
import { newRepo } from '../../../support/repos';

async function droppedStashes(repo: string) {
  const repoFacts = await facts(repo);
  return detectDroppedStash(repoFacts, await readDeepFacts(repo, repoFacts));
}

const stashList = (repo: string) => git(repo, 'stash', 'list', '--format=%H %gs').trim().split('\n').filter(Boolean);

describe('dropped-stash detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('finds a dropped stash, and storing it back makes it appliable again', async () => {
    const repo = newRepo(folder.path, 'drop');
    writeFile(repo, 'README.md', '# test\nmore\n');
    git(repo, 'stash', 'push', '-q', '-m', 'WIP: pagination');
    const stashed = git(repo, 'rev-parse', 'stash@{0}').trim();
    git(repo, 'stash', 'drop', '-q');

    const situation = only(await droppedStashes(repo));
    assert.equal(situation.kind, 'dropped-stash');
    assert.equal(situation.title, 'Dropped stash "WIP: pagination"');
    assert.match(
      situation.explanation,
      /^A stash you saved 2 hours ago on main, "WIP: pagination", is no longer in your stash list .* It holds 1 file \(README\.md\)\./,
    );
    assert.deepEqual(situation.evidence[0], { kind: 'stash', label: 'On main: WIP: pagination', sha: stashed, time: situation.evidence[0]?.time });
    assert.deepEqual(stepsOf(situation.fixes[0]), [['stash', 'store', '-m', 'recovered: On main: WIP: pagination', stashed]]);

    apply(repo, situation.fixes[0]!);
    assert.deepEqual(stashList(repo), [`${stashed} recovered: On main: WIP: pagination`]);
    git(repo, 'stash', 'pop', '-q');
    assert.equal(readFileSync(join(repo, 'README.md'), 'utf8'), '# test\nmore\n');
    assert.deepEqual(await droppedStashes(repo), [], 'a popped stash whose changes are in the files is not lost');
  });

  it("says when git deletes it by the repository's gc.pruneExpire, not a fixed two weeks", async () => {
    const repo = newRepo(folder.path, 'expiry');
    writeFile(repo, 'README.md', '# test\nold work\n');
    gitWith(repo, { date: Math.floor(Date.now() / 1000) - 16 * 86400 }, 'stash', 'push', '-q', '-m', 'old work');
    git(repo, 'stash', 'drop', '-q');
    assert.match(only(await droppedStashes(repo)).explanation, /It is older than the 2 weeks git keeps unreachable work \(gc\.pruneExpire, git's default\)/);
    git(repo, 'config', 'gc.pruneExpire', '1.month.ago');
    assert.match(only(await droppedStashes(repo)).explanation, /for 1 month \(gc\.pruneExpire in this repository\), so this one for about 14 days more/);
  });

  it('finds every stash of a cleared list, oldest first, with untracked files, and stores them back in order', async () => {
    const repo = newRepo(folder.path, 'clear');
    const shas: string[] = [];
    for (const [i, message] of ['first', 'second', 'third'].entries()) {
      writeFile(repo, 'README.md', `# test\n${message}\n`);
      if (i === 1) writeFile(repo, 'notes.txt', 'untracked notes\n');
      gitWith(repo, { date: Math.floor(Date.now() / 1000) - 3600 + i * 60 }, 'stash', 'push', '-q', ...(i === 1 ? ['-u'] : []), '-m', message);
      shas.push(git(repo, 'rev-parse', 'stash@{0}').trim());
    }
    git(repo, 'stash', 'clear');

    const situations = await droppedStashes(repo);
    assert.deepEqual(
      situations.map((s) => s.title),
      ['Dropped stash "first"', 'Dropped stash "second"', 'Dropped stash "third"'],
    );
    assert.match(situations[1]?.explanation ?? '', /It holds 2 files \(README\.md and notes\.txt\), 1 of them untracked\./);
    assert.deepEqual(
      situations.map((s) => stepsOf(s.fixes[0])[0]?.[4]),
      shas,
    );
    for (const situation of situations) apply(repo, situation.fixes[0]!);
    assert.deepEqual(stashList(repo), [
      `${shas[2]} recovered: On main: third`,
      `${shas[1]} recovered: On main: second`,
      `${shas[0]} recovered: On main: first`,
    ]);
    git(repo, 'stash', 'apply', '-q', 'stash@{1}');
    assert.equal(readFileSync(join(repo, 'notes.txt'), 'utf8'), 'untracked notes\n', 'the untracked file came back too');
    assert.ok(existsSync(join(repo, 'README.md')));
    assert.deepEqual(await droppedStashes(repo), []);
  });

  it('stays quiet for merges that are not stashes, and for a message-less stash that was popped', async () => {
    const repo = newRepo(folder.path, 'quiet');
    writeFile(repo, 'README.md', '# changed\n');
    git(repo, 'stash', 'push', '-q');
    git(repo, 'stash', 'pop', '-q');
    git(repo, 'checkout', '-q', '-b', 'side');
    writeFile(repo, 'side.txt', 'side\n');
    git(repo, 'add', 'side.txt');
    git(repo, 'commit', '-q', '-m', 'Side');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'side');
    git(repo, 'reset', '-q', '--keep', 'HEAD~1');
    git(repo, 'branch', '-q', '-D', 'side');
    assert.deepEqual(await droppedStashes(repo), []);
  });

  it("words git's own stash subjects as they are and custom ones without the branch", () => {
    assert.equal(stashMessage('On main: WIP: pagination'), 'WIP: pagination');
    assert.equal(stashMessage('WIP on feature/x: 1a2b3c4 Add search'), 'WIP on feature/x: 1a2b3c4 Add search');
  });
});
