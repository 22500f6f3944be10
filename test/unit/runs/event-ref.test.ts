import { strict as assert } from 'node:assert';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { git } from '../../support/git';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';

const ON_TAGS = `on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: echo release
`;

/* --ref names what GitHub would see pushed: a tag's name is a tag push (refs/tags/...), as git reads the name. */
describe('plan --ref: a branch or a tag, as git reads the name', function () {
  this.timeout(30_000);
  const temp = tempFolder('shipshape-event-ref-');
  after(() => temp.remove());

  it('takes a tag name as a tag push, a branch name as a branch push, and a full ref as given', async () => {
    const repo = repoWithWorkflow(temp.path, 'tags', ON_TAGS);
    git(repo, 'tag', 'v9');
    const plan = async (ref: string) => (await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', event: 'push', ref })).plan;

    const tag = await plan('v9');
    assert.equal(tag.ref, 'refs/tags/v9');
    assert.equal(tag.willRun, true, tag.trigger.reason);

    const branch = await plan('main');
    assert.equal(branch.ref, 'refs/heads/main');
    assert.equal(branch.willRun, false);

    assert.equal((await plan('refs/tags/v10')).ref, 'refs/tags/v10');
    assert.equal((await plan('not-yet-pushed')).ref, 'refs/heads/not-yet-pushed', 'a name git does not know: a branch, as before');
  });
});
