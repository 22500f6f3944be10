import { strict as assert } from 'node:assert';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';

const ON_WORKFLOW_RUN = (filter: string) => `on:
  workflow_run:
    workflows: ['CI', 'Release *']
    types: [completed]
${filter}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ran
`;

const completed = (name: string, branch: string) => ({ action: 'completed', workflow_run: { name, head_branch: branch, conclusion: 'success' } });

/*
 * Events › workflow_run and Syntax › on.workflow_run.<branches|branches-ignore>|workflows: the triggering workflow's
 * name must match `workflows` (patterns, as the filter cheat sheet allows for workflow names) and the branch it ran
 * on must pass `branches`/`branches-ignore`. The --event-file payload says both (workflow_run.name, .head_branch).
 */
describe('plan: workflow_run filters checked against the --event-file payload', function () {
  this.timeout(30_000);
  const temp = tempFolder('shipshape-workflow-run-');
  after(() => temp.remove());
  const workflow = '.github/workflows/ci.yml';
  const plan = async (repo: string, payload?: Record<string, unknown>) =>
    (await prepareLocalPlan({ repo, workflow, event: 'workflow_run', ...(payload ? { payload: payload as never } : {}) })).plan;

  it('does not trigger for another workflow, nor for a branch outside branches', async () => {
    const repo = repoWithWorkflow(temp.path, 'branches', ON_WORKFLOW_RUN('    branches: [main]'));
    const other = await plan(repo, completed('Other', 'main'));
    assert.equal(other.trigger.triggers, false, other.trigger.reason);
    assert.match(other.trigger.reason, /workflow "Other" does not match workflows \["CI", "Release \*"\]/);

    const dev = await plan(repo, completed('CI', 'dev'));
    assert.equal(dev.trigger.triggers, false, dev.trigger.reason);
    assert.match(dev.trigger.reason, /does not match branches \["main"\]/);

    const ok = await plan(repo, completed('Release nightly', 'main'));
    assert.equal(ok.trigger.triggers, true, ok.trigger.reason);
    assert.doesNotMatch(ok.trigger.reason, /not checked/);
  });

  it('applies branches-ignore, and says what it could not check without a payload', async () => {
    const repo = repoWithWorkflow(temp.path, 'ignore', ON_WORKFLOW_RUN("    branches-ignore: ['dependabot/**']"));
    const ignored = await plan(repo, completed('CI', 'dependabot/npm/x'));
    assert.equal(ignored.trigger.triggers, false, ignored.trigger.reason);
    assert.match(ignored.trigger.reason, /is ignored by branches-ignore/);

    const unknown = await plan(repo);
    assert.equal(unknown.trigger.triggers, true, unknown.trigger.reason);
    assert.match(unknown.trigger.reason, /triggering workflow is unknown/);
  });
});
