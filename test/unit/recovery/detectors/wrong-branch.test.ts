import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { detectWrongBranch } from '../../../../src/core/recovery/detectors/wrong-branch';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { commit, git, sha, writeFile } from '../../../support/git';
import { tempFolder } from '../../../support/temp';
import { NOW, apply, assertResolvedSteps, facts, only, stepsOf } from '../helpers';
import { newClone } from '../../../support/repos';
import { applyFix, undoFix } from '../../../../src/core/recovery/safety';
import { repoState } from '../safety-support';

describe('wrong-branch detector', () => {
  const folder = tempFolder();
  after(folder.remove);

  /** Two commits of feature work made straight on main. */
  function featureWorkOnMain(name: string): { repo: string; first: string; second: string; upstream: string } {
    const { repo } = newClone(folder.path, name);
    const upstream = sha(repo, 'origin/main');
    const first = commit(repo, 'src/search.js', 'search\n', 'Add search endpoint');
    const second = commit(repo, 'test/search.test.js', 'test\n', 'Add search tests');
    return { repo, first, second, upstream };
  }

  it('finds commits on main that are on no other branch and moves them to a new branch', async () => {
    const { repo, first, second, upstream } = featureWorkOnMain('basic');
    const situation = only(detectWrongBranch(await facts(repo)));
    assert.equal(situation.kind, 'wrong-branch');
    assert.equal(situation.title, '2 commits on main belong on a branch');
    assert.equal(
      situation.explanation,
      'You made 2 commits on main that are not on origin/main (the last one 2 hours ago). They look like feature work: "Add search endpoint" and "Add search tests". No other branch has them yet.',
    );
    assert.deepEqual(
      situation.evidence.filter((e) => e.kind === 'commit').map((e) => e.sha),
      [first, second],
    );
    const [move] = situation.fixes;
    assert.equal(move?.title, 'Move 2 commits to a new branch add-search-endpoint');
    assert.deepEqual(stepsOf(move), [
      ['branch', 'add-search-endpoint', second],
      ['reset', '--keep', upstream],
    ]);
    assert.deepEqual(move?.movesRefs, ['refs/heads/add-search-endpoint', 'refs/heads/main']);
    assert.equal(move?.rewritesHistory, false);
    assertResolvedSteps(situation);

    apply(repo, move!);
    assert.equal(sha(repo, 'main'), upstream);
    assert.equal(sha(repo, 'add-search-endpoint'), second);
    assert.deepEqual(detectWrongBranch(await facts(repo)), []);
  });

  it('suggests a free, sanitized branch name', async () => {
    const { repo } = newClone(folder.path, 'names');
    commit(repo, 'a.txt', 'a\n', 'Fix <script>alert(1)</script> in "Café" & résumé pages!');
    git(repo, 'branch', 'fix-alert-1-in-cafe-resume-pages', 'origin/main');
    const situation = only(detectWrongBranch(await facts(repo)));
    assert.deepEqual(stepsOf(situation.fixes[0])[0]?.slice(0, 2), ['branch', 'fix-alert-1-in-cafe-resume-pages-2']);
    assert.match(situation.explanation, /"Fix <script>alert\(1\)<\/script> in "Café" & résumé pages!"/);
  });

  it('says nothing on a feature branch, when another branch holds the commits, or when main is pushed', async () => {
    const { repo } = featureWorkOnMain('quiet');
    git(repo, 'branch', 'saved', 'HEAD~1');
    assert.deepEqual(detectWrongBranch(await facts(repo)), [], 'one of the two commits is on another branch');
    git(repo, 'branch', '-q', '-D', 'saved');
    git(repo, 'checkout', '-q', '-b', 'feature');
    git(repo, 'branch', '-q', '-u', 'origin/main');
    assert.deepEqual(detectWrongBranch(await facts(repo)), []);
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'push', '-q', 'origin', 'main');
    assert.deepEqual(detectWrongBranch(await facts(repo)), []);
  });

  it('takes the default branch from the remote when clone recorded it', async () => {
    const { repo: seed, origin } = newClone(folder.path, 'seed');
    git(seed, 'push', '-q', 'origin', 'main:develop');
    git(origin, 'symbolic-ref', 'HEAD', 'refs/heads/develop');
    const repo = join(folder.path, 'cloned');
    git(folder.path, 'clone', '-q', origin, repo);
    assert.equal(git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD').trim(), 'refs/remotes/origin/develop');
    commit(repo, 'a.txt', 'a\n', 'Work on develop');
    assert.equal(only(detectWrongBranch(await facts(repo))).title, '1 commit on develop belongs on a branch');

    git(repo, 'checkout', '-q', '-b', 'main', '--track', 'origin/main');
    commit(repo, 'b.txt', 'b\n', 'Work on main');
    assert.deepEqual(detectWrongBranch(await facts(repo)), []);
  });

  it('refuses to move the commits while a file they change has local edits, and says what to do', async () => {
    const { repo } = featureWorkOnMain('dirty');
    writeFile(repo, 'src/search.js', 'edited\n');
    writeFile(repo, 'notes.txt', 'unrelated\n');
    const situation = (await diagnose(repo, { now: NOW })).find((s) => s.kind === 'wrong-branch');
    assert.equal(
      situation?.fixes[0]?.refusal,
      'Your uncommitted changes to src/search.js would be overwritten: commit or stash your changes to src/search.js first.',
    );

    git(repo, 'checkout', '--', 'src/search.js');
    const allowed = (await diagnose(repo, { now: NOW })).find((s) => s.kind === 'wrong-branch');
    assert.equal(allowed?.fixes[0]?.refusal, undefined);
    apply(repo, allowed!.fixes[0]!);
    assert.equal(git(repo, 'status', '--porcelain').trim(), '?? notes.txt');
  });
  it('never calls a revert feature work', async () => {
    // Committed by hand: a `git revert` just made is the revert detector's (picked.test.ts).
    const { repo } = newClone(folder.path, 'revert-of-revert');
    commit(repo, 'f.txt', 'f\n', 'Feature');
    git(repo, 'revert', '--no-edit', 'HEAD');
    git(repo, 'push', '-q', 'origin', 'main');
    commit(repo, 'f.txt', 'f\n', 'Revert "Revert "Feature""');
    const situation = only(detectWrongBranch(await facts(repo)));
    assert.doesNotMatch(situation.explanation, /feature work/);
    assert.match(situation.explanation, /: "Revert "Revert "Feature""". No other branch has it yet\./);
  });
  it('keeps the index exactly when moving the commits: staged, unstaged and intent-to-add entries', async () => {
    const { repo, second } = featureWorkOnMain('intent-to-add');
    writeFile(repo, 'staged.txt', 'staged\n');
    git(repo, 'add', 'staged.txt');
    writeFile(repo, 'README.md', 'edited\n');
    writeFile(repo, 'ita.txt', 'intent\n');
    git(repo, 'add', '-N', 'ita.txt');
    writeFile(repo, 'loose.txt', 'untracked\n');
    const status = git(repo, 'status', '--porcelain');
    const situation = (await diagnose(repo, { now: NOW })).find((s) => s.kind === 'wrong-branch');
    const after = repoState(repo);
    await applyFix(repo, situation!.fixes[0]!);
    assert.equal(sha(repo, 'add-search-endpoint'), second);
    assert.equal(git(repo, 'status', '--porcelain'), status);
    await undoFix(repo);
    assert.deepEqual(repoState(repo), after);
  });
  it('says in the plan when a commit it moves holds a secret', async () => {
    const { repo } = newClone(folder.path, 'secret-moved');
    const settings = commit(repo, 'settings.env', 'AWS_ACCESS_KEY_ID=AKIAZ7Q3XK5N2M4P6R8T\n', 'Settings');
    git(repo, 'rm', '-q', 'settings.env');
    git(repo, 'commit', '-q', '-m', 'Remove settings');
    const situations = await diagnose(repo, { now: NOW, unpushed: true });
    assert.deepEqual(
      situations.map((s) => s.kind),
      ['risky-commit', 'wrong-branch'],
    );
    const move = situations[1]?.fixes[0];
    assert.equal(
      move?.risks[0],
      `${settings.slice(0, 7)} "Settings" holds an AWS access key (settings.env): the branch keeps it in its history. Take it out before you push that branch.`,
    );
    assert.doesNotMatch(move?.risks.join(' ') ?? '', /AKIAZ7Q3XK5N2M4P6R8T/);
  });
  /** feature exists (pushed); work meant for it was committed on main after switching back. */
  function workMeantForFeature(name: string, conflicting: boolean): { repo: string; upstream: string; featureTip: string } {
    const { repo } = newClone(folder.path, name);
    const upstream = sha(repo, 'origin/main');
    git(repo, 'switch', '-q', '-c', 'feature');
    const featureTip = commit(repo, 'f.txt', 'f1\n', 'Start feature');
    git(repo, 'push', '-q', '-u', 'origin', 'feature');
    git(repo, 'switch', '-q', 'main');
    commit(repo, conflicting ? 'f.txt' : 'g.txt', 'f2\n', 'Continue feature');
    writeFile(repo, 'loose.txt', 'untracked\n');
    return { repo, upstream, featureTip };
  }

  it('also offers to move the commits onto an existing branch it was on, and undoes that exactly', async () => {
    const { repo, upstream, featureTip } = workMeantForFeature('existing-branch', false);
    const situation = only(detectWrongBranch(await facts(repo)));
    const onto = situation.fixes.find((fix) => fix.title === 'Move 1 commit onto the existing branch feature');
    assert.ok(onto, situation.fixes.map((fix) => fix.title).join('; '));
    assert.deepEqual(stepsOf(onto)[1], ['cherry-pick', `${upstream}..${sha(repo, 'main')}`]);
    assertResolvedSteps(situation);

    const after = repoState(repo);
    await applyFix(repo, onto);
    assert.equal(git(repo, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
    assert.equal(sha(repo, 'main'), upstream);
    assert.equal(sha(repo, 'feature~1'), featureTip);
    assert.equal(git(repo, 'log', '-1', '--format=%s', 'feature').trim(), 'Continue feature');
    assert.equal(git(repo, 'show', 'feature:g.txt'), 'f2\n');
    assert.equal(git(repo, 'status', '--porcelain').trim(), '?? loose.txt');
    await undoFix(repo);
    assert.deepEqual(repoState(repo), after);
  });

  it('changes nothing when the commits do not apply on the existing branch, and refuses while files are edited', async () => {
    const { repo } = workMeantForFeature('existing-conflict', true);
    const before = repoState(repo);
    const onto = only(detectWrongBranch(await facts(repo))).fixes.find((fix) => fix.title.includes('existing branch feature'));
    await assert.rejects(applyFix(repo, onto!), /cherry-pick[\s\S]*Nothing was changed/);
    assert.deepEqual(repoState(repo), before);

    writeFile(repo, 'README.md', 'edited\n');
    const refused = only(detectWrongBranch(await facts(repo))).fixes.find((fix) => fix.title.includes('existing branch feature'));
    assert.match(refused?.refusal ?? '', /^Your uncommitted changes to README\.md would go along to feature/);
  });
});
