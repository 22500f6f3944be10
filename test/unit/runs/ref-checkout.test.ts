import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { commit, git, sha, writeFile } from '../../support/git';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import type { RunUpdate } from '../../../src/core/runs/run-types';
import { job, logOf, repositoryFingerprint, runIn, step } from './helpers';

/** What the step printed (not the runner's notes). */
const shown = (updates: readonly RunUpdate[], record: Parameters<typeof job>[0]) =>
  logOf(updates, 'a', step(job(record, 'a'), 'show').index).filter((line) => line.startsWith('content='));

const SHOW = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: show
        run: 'echo "content=$(cat f.txt) ref=$GITHUB_REF sha=$GITHUB_SHA"'
`;

/*
 * A push of --ref runs what that ref points at (GitHub checks out the pushed commit, GITHUB_SHA is its tip), not
 * HEAD relabelled. The copy holds that commit's tree; the user's repository is left as it was.
 */
describe('run --ref: the isolated copy holds the commit the ref names', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-ref-checkout-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  function twoBranches(name: string): { repo: string; main: string; other: string } {
    const repo = repoWithWorkflow(temp.path, name, SHOW, { 'f.txt': 'main\n' });
    git(repo, 'checkout', '-q', '-b', 'other');
    const other = commit(repo, 'f.txt', 'other\n');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'tag', 'v9', other);
    return { repo, main: sha(repo, 'main'), other };
  }

  it("runs another branch's tip, and a tag's commit, with GITHUB_SHA and the record saying so", async () => {
    const { repo, other } = twoBranches('branch');
    writeFile(repo, 'f.txt', 'dirty\n'); // uncommitted on main: not part of another ref's run
    const before = repositoryFingerprint(repo);
    for (const ref of ['other', 'v9']) {
      const { record, updates } = await runIn(repo, store, { ref });
      const fullRef = ref === 'v9' ? 'refs/tags/v9' : 'refs/heads/other';
      assert.deepEqual(shown(updates, record), [`content=other ref=${fullRef} sha=${other}`]);
      assert.equal(record.sha, other);
      assert.match(record.plan.checkout ?? '', new RegExp(`${ref} \\(${other.slice(0, 7)}\\)`));
    }
    assert.equal(repositoryFingerprint(repo), before, "the user's repository is untouched");
  });

  it("keeps HEAD's files (and --uncommitted) when --ref is HEAD's branch or names no commit here, and leaves them out of another commit's run", async () => {
    const { repo, main } = twoBranches('head');
    writeFile(repo, 'f.txt', 'dirty\n');
    const same = await runIn(repo, store, { ref: 'main', includeUncommitted: true });
    assert.deepEqual(shown(same.updates, same.record), [`content=dirty ref=refs/heads/main sha=${main}`]);
    assert.match(same.record.plan.checkout ?? '', /HEAD .* with your uncommitted changes/);

    const unknown = (await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', ref: 'not-pushed-yet' })).plan;
    assert.match(unknown.checkout ?? '', /not-pushed-yet is not a branch, tag or commit here: HEAD/);

    const other = await runIn(repo, store, { ref: 'other', includeUncommitted: true });
    assert.deepEqual(shown(other.updates, other.record), [`content=other ref=refs/heads/other sha=${sha(repo, 'other')}`]);
    assert.match(other.record.plan.checkout ?? '', /your uncommitted changes are HEAD's, so they are not copied in/);
  });
});
