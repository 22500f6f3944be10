import { strict as assert } from 'node:assert';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';

const workflowFor = (branch: string): string => `on:
  pull_request:
    branches: [${branch}]
jobs:
  a:
    if: github.base_ref == 'dev' && github.head_ref == 'feature' && github.ref == 'refs/pull/7/merge' && github.event.action == 'synchronize'
    runs-on: ubuntu-latest
    steps:
      - run: echo pr
`;

const pullRequest = (action: string, base: string) => ({ action, number: 7, pull_request: { number: 7, base: { ref: base }, head: { ref: 'feature' } } });

/*
 * An --event-file payload is the event: for pull_request, `branches` filters on the payload's base branch and
 * `types` on its action (Workflow syntax › on.pull_request), and github.base_ref/head_ref come from the pull request.
 */
describe('plan: the --event-file payload decides the trigger and the github context', function () {
  this.timeout(30_000);
  const temp = tempFolder('shipshape-event-file-');
  after(() => temp.remove());
  const workflow = '.github/workflows/ci.yml';

  it('does not trigger branches [main] for a pull request into dev, nor the default types for a closed one', async () => {
    const repo = repoWithWorkflow(temp.path, 'filters', workflowFor('main'));
    const intoDev = (await prepareLocalPlan({ repo, workflow, event: 'pull_request', payload: pullRequest('opened', 'dev') })).plan;
    assert.equal(intoDev.trigger.triggers, false, intoDev.trigger.reason);
    assert.match(intoDev.trigger.reason, /pull_request on "dev" does not match branches \["main"\]/);

    const closed = (await prepareLocalPlan({ repo, workflow, event: 'pull_request', payload: pullRequest('closed', 'main') })).plan;
    assert.equal(closed.trigger.triggers, false, closed.trigger.reason);
    assert.match(closed.trigger.reason, /activity type "closed" is not one "pull_request" runs for/);
  });

  it("gives jobs the payload's base and head branches, action and pull request number", async () => {
    const repo = repoWithWorkflow(temp.path, 'context', workflowFor('dev'));
    const prepared = await prepareLocalPlan({ repo, workflow, event: 'pull_request', payload: pullRequest('synchronize', 'dev') });
    assert.equal(prepared.plan.willRun, true, prepared.plan.trigger.reason);
    assert.equal(prepared.plan.jobs[0]?.willRun, true, prepared.plan.jobs[0]?.reason);
  });

  it('accepts --base and --type that agree with the payload, and refuses ones that contradict it', async () => {
    const repo = repoWithWorkflow(temp.path, 'flags', workflowFor('dev'));
    const payload = pullRequest('synchronize', 'dev');
    const agreeing = await prepareLocalPlan({ repo, workflow, event: 'pull_request', payload, baseRef: 'dev', activityType: 'synchronize' });
    assert.equal(agreeing.plan.willRun, true, agreeing.plan.trigger.reason);
    await assert.rejects(
      prepareLocalPlan({ repo, workflow, event: 'pull_request', payload, baseRef: 'main' }),
      /--base main contradicts the event file's pull_request\.base\.ref "dev"/,
    );
    await assert.rejects(
      prepareLocalPlan({ repo, workflow, event: 'pull_request', payload, activityType: 'opened' }),
      /--type opened contradicts the event file's action "synchronize"/,
    );
  });
});
