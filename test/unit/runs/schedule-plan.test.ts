import { strict as assert } from 'node:assert';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { git } from '../../support/git';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';

const SCHEDULED = `on:
  schedule:
    - cron: '0 3 * * *'
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo nightly
`;

/* GitHub runs scheduled workflows on the latest commit of the default branch only (Events › schedule). */
describe('plan: schedule runs on the default branch', function () {
  this.timeout(30_000);
  const temp = tempFolder('shipshape-schedule-');
  after(() => temp.remove());

  it('plans a scheduled run on the default branch, and none on another branch unless --ref names the default one', async () => {
    const repo = repoWithWorkflow(temp.path, 'nightly', SCHEDULED);
    const onMain = await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', event: 'schedule' });
    assert.equal(onMain.plan.willRun, true, onMain.plan.trigger.reason);
    assert.equal(onMain.plan.ref, 'refs/heads/main');

    git(repo, 'checkout', '-q', '-b', 'feature');
    const onFeature = await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', event: 'schedule' });
    assert.equal(onFeature.plan.willRun, false);
    assert.match(onFeature.plan.trigger.reason, /only on the default branch \(main\), not on feature/);
    assert.match(onFeature.plan.trigger.reason, /--ref main/);

    const asMain = await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', event: 'schedule', ref: 'main' });
    assert.equal(asMain.plan.willRun, true);
    assert.equal(asMain.plan.ref, 'refs/heads/main');
  });

  it("takes the default branch from origin's HEAD", async () => {
    const repo = repoWithWorkflow(temp.path, 'trunk', SCHEDULED);
    git(repo, 'branch', '-m', 'trunk');
    git(repo, 'update-ref', 'refs/remotes/origin/trunk', 'HEAD');
    git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    git(repo, 'checkout', '-q', '-b', 'main');
    const plan = (await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', event: 'schedule' })).plan;
    assert.equal(plan.willRun, false);
    assert.match(plan.trigger.reason, /default branch \(trunk\), not on main/);
  });
});
