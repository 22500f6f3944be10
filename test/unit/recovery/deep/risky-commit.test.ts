import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDeepFacts } from '../../../../src/core/recovery/deep/read-deep-facts';
import { detectRiskyCommits } from '../../../../src/core/recovery/detectors/risky-commit';
import type { Situation } from '../../../../src/core/recovery/model';
import { commit, git, gitWith, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { apply, facts, only, stepsOf } from '../helpers';
import { newClone, newRepo } from '../../../support/repos';
import { applyFix, undoFix } from '../../../../src/core/recovery/safety';
import { repoState } from '../safety-support';
import { fixCommands } from '../../../../src/core/recovery/display';

// Built from parts so that this file holds nothing a secret scanner would flag.
const AWS_KEY = ['AKIA', 'Z7QW3RT5YU8IOP2L'].join('');

async function riskyCommits(repo: string): Promise<Situation[]> {
  const repoFacts = await facts(repo);
  return detectRiskyCommits(repoFacts, await readDeepFacts(repo, repoFacts));
}

const treeOf = (repo: string, rev: string) => git(repo, 'ls-tree', '-r', '--name-only', rev).trim().split('\n');

describe('risky-commit detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  it('takes a committed .env out of the last commit, keeping the file and the rest of the commit', async () => {
    const { repo } = newClone(folder.path, 'env');
    writeFile(repo, '.env', 'DATABASE_URL=postgres://app:secret@db/app\n');
    writeFile(repo, 'src/app.js', 'console.log("app");\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Add app');
    const head = sha(repo, 'HEAD');

    const situation = only(await riskyCommits(repo));
    assert.equal(situation.kind, 'risky-commit');
    assert.equal(situation.title, `Commit ${head.slice(0, 7)}, not pushed yet, holds .env`);
    assert.match(situation.explanation, /Add app \(.*\) is not pushed yet and holds \.env \(an environment file\)\. Take it out before you push/);
    const fix = situation.fixes[0]!;
    assert.deepEqual(stepsOf(fix), [
      ['rm', '--cached', '-q', '--', '.env'],
      ['commit', '--amend', '--no-edit', '--quiet'],
    ]);
    assert.deepEqual(fix.movesRefs, ['refs/heads/main']);
    assert.deepEqual(fix.ignorePaths, ['.env']);
    assert.ok(fix.risks.some((risk) => risk.includes('rotate it')));

    apply(repo, fix);
    assert.deepEqual(treeOf(repo, 'HEAD'), ['README.md', 'src/app.js']);
    assert.equal(git(repo, 'log', '-1', '--format=%s').trim(), 'Add app');
    assert.equal(sha(repo, 'HEAD^'), sha(repo, 'origin/main'));
    assert.equal(readFileSync(join(repo, '.env'), 'utf8'), 'DATABASE_URL=postgres://app:secret@db/app\n');
    assert.match(git(repo, 'status', '--porcelain'), /^\?\? \.env$/m);
    assert.deepEqual(await riskyCommits(repo), []);
  });

  it('adds the files it takes out to .gitignore (exact, anchored patterns), so they are not committed again; the undo puts everything back', async () => {
    const { repo } = newClone(folder.path, 'ignore');
    commit(repo, '.gitignore', 'node_modules/', 'Ignore modules');
    git(repo, 'push', '-q');
    writeFile(repo, 'config [prod].env', `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`);
    writeFile(repo, 'src/app.js', 'app\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Add config');
    const after = repoState(repo);
    const fix = only(await riskyCommits(repo)).fixes[0]!;
    assert.deepEqual(fix.ignorePaths, ['config [prod].env']);
    assert.match(fix.effect, /adds config \[prod\]\.env to \.gitignore/);
    assert.ok(!fix.risks.some((risk) => risk.includes('.gitignore')), 'no longer left to the user');
    assert.equal(fixCommands(fix).at(-1), "printf '%s\\n' '/config \\[prod].env' >> .gitignore");

    await applyFix(repo, fix);
    assert.equal(readFileSync(join(repo, '.gitignore'), 'utf8'), 'node_modules/\n/config \\[prod].env\n');
    assert.equal(git(repo, 'status', '--porcelain'), ' M .gitignore\n');
    git(repo, 'add', '-A');
    assert.deepEqual(git(repo, 'diff', '--cached', '--name-only').trim(), '.gitignore', 'a later add -A does not take the secret in again');
    git(repo, 'reset', '-q');
    await undoFix(repo);
    assert.deepEqual(repoState(repo), after);
  });

  it('finds an AWS key added to a tracked file, never shows it whole, and amends the file back to its pushed version', async () => {
    const { repo } = newClone(folder.path, 'aws');
    commit(repo, 'config.js', 'module.exports = { region: "eu-west-1" };\n', 'Add config');
    git(repo, 'push', '-q');
    const withKey = `module.exports = { region: "eu-west-1", key: "${AWS_KEY}" };\n`;
    writeFile(repo, 'config.js', withKey);
    writeFile(repo, 'src/feature.js', 'export const feature = true;\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Add feature');

    const situation = only(await riskyCommits(repo));
    assert.equal(situation.likelihood, 0.85);
    assert.match(situation.title, /holds an AWS access key$/);
    assert.match(situation.explanation, /config\.js \(an AWS access key: AKIA\*{8}\)/);
    assert.ok(!JSON.stringify(situation).includes(AWS_KEY), 'the key is masked everywhere');
    const parent = sha(repo, 'HEAD^');
    assert.deepEqual(stepsOf(situation.fixes[0]), [
      ['reset', '-q', parent, '--', 'config.js'],
      ['commit', '--amend', '--no-edit', '--quiet'],
    ]);

    apply(repo, situation.fixes[0]!);
    assert.equal(git(repo, 'show', 'HEAD:config.js'), 'module.exports = { region: "eu-west-1" };\n');
    assert.deepEqual(treeOf(repo, 'HEAD'), ['README.md', 'config.js', 'src/feature.js']);
    assert.equal(readFileSync(join(repo, 'config.js'), 'utf8'), withKey, 'your edit stays on disk');
    assert.deepEqual(await riskyCommits(repo), []);
  });

  it('undoes a commit that holds nothing but a large file, keeping the file', async () => {
    const { repo } = newClone(folder.path, 'large');
    writeFileSync(join(repo, 'dump.bin'), Buffer.alloc(6 * 1024 * 1024, 7));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Add dump');
    const situation = only(await riskyCommits(repo));
    assert.equal(situation.likelihood, 0.6);
    assert.match(situation.title, /holds a 6\.0 MB file$/);
    const base = sha(repo, 'origin/main');
    assert.deepEqual(stepsOf(situation.fixes[0]), [
      ['reset', '--soft', base],
      ['reset', '-q', base, '--', 'dump.bin'],
    ]);
    apply(repo, situation.fixes[0]!);
    assert.equal(sha(repo, 'HEAD'), base);
    assert.equal(git(repo, 'status', '--porcelain'), '?? dump.bin\n');
  });

  it('explains, without a fix to run, how to clean an older commit', async () => {
    const { repo } = newClone(folder.path, 'older');
    commit(repo, 'keys/id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n', 'Add deploy key');
    commit(repo, 'src/app.js', 'app\n', 'More work');
    const situation = only(await riskyCommits(repo));
    assert.match(situation.explanation, /keys\/id_rsa \(an SSH private key and a private key: -----BEGIN OPENSSH PRIVATE KEY-----\)/);
    const fix = situation.fixes[0]!;
    assert.deepEqual(fix.steps, []);
    assert.match(
      fix.refusal ?? '',
      /^It is not the last commit, so taking files out needs an interactive rebase: run "git rebase -i [0-9a-f]{7}", mark [0-9a-f]{7} as "edit"/,
    );
  });

  it('refuses the amend while other changes are staged, and skips pushed commits and documentation keys', async () => {
    const { repo } = newClone(folder.path, 'staged');
    writeFile(repo, '.env.local', 'TOKEN=1\n');
    writeFile(repo, 'src/a.js', 'a\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Add a');
    writeFile(repo, 'src/b.js', 'b\n');
    git(repo, 'add', 'src/b.js');
    const situation = only(await riskyCommits(repo));
    assert.equal(
      situation.fixes[0]?.refusal,
      'Your staged changes to src/b.js would go into the commit too: commit them, or unstage them with "git restore --staged", first.',
    );

    git(repo, 'commit', '-q', '-m', 'Add b');
    git(repo, 'push', '-q');
    // Pushed: nothing local undoes it. Said once, as guidance (rotate first), never as a fix to run.
    const pushed = only(await riskyCommits(repo));
    assert.equal(pushed.title, `Commit ${sha(repo, 'HEAD~1').slice(0, 7)}, already pushed to origin/main, holds .env.local`);
    assert.match(pushed.explanation, /is on origin\/main and holds \.env\.local \(an environment file\)\. .*revoke or rotate the credential now/);
    assert.deepEqual(stepsOf(pushed.fixes[0]!), []);
    assert.match(
      pushed.fixes[0]?.refusal ?? '',
      /^It is already pushed, so no local fix removes it: first revoke or rotate .*git filter-repo --invert-paths --path \.env\.local.*--force-with-lease/,
    );

    const plain = newRepo(folder.path, 'docs-key');
    commit(plain, 'docs/aws.md', 'Use a key like AKIAIOSFODNN7EXAMPLE.\n', 'Document keys');
    assert.deepEqual(await riskyCommits(plain), []);
    assert.ok(!existsSync(join(plain, '.env')));
  });

  it('reports a secret pushed in the last week, not one pushed before, and not a large file once pushed', async () => {
    const { repo } = newClone(folder.path, 'pushed-age');
    const weekAndADay = Math.floor(Date.now() / 1000) - 8 * 24 * 3600;
    commit(repo, 'keys/old_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nold\n-----END OPENSSH PRIVATE KEY-----\n', 'Add old key');
    gitWith(repo, { date: weekAndADay }, 'push', '-q');
    assert.deepEqual(await riskyCommits(repo), [], 'pushed over a week ago: told before, not again');

    writeFileSync(join(repo, 'dump.bin'), Buffer.alloc(6 * 1024 * 1024, 1));
    git(repo, 'add', 'dump.bin');
    git(repo, 'commit', '-q', '-m', 'Add dump');
    commit(repo, 'config.js', `module.exports = { key: "${AWS_KEY}" };\n`, 'Add config');
    git(repo, 'push', '-q');
    const situation = only(await riskyCommits(repo));
    assert.equal(situation.title, `Commit ${sha(repo, 'HEAD').slice(0, 7)}, already pushed to origin/main, holds an AWS access key`);
    assert.ok(!situation.explanation.includes(AWS_KEY), 'masked');
  });
});
