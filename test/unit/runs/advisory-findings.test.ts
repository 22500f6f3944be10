import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { job, runIn } from './helpers';

/*
 * Only what GitHub itself rejects stops a local run. An untrusted ${{ github.head_ref }} inlined in run: (a security
 * finding) and a literal ::set-output (deprecated, still honoured) are workflows GitHub runs: shown as warnings.
 * A real error (an unknown function) still refuses, unless the user insists (ignoreValidationErrors, --ignore-validation).
 */
describe('local runs: validation findings GitHub would run are warnings, not refusals', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-advisory-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  it('runs a workflow with an untrusted input inlined and a literal ::set-output, listing them as warnings', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'advisory',
      `on: [push, pull_request]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: 'echo "head=\${{ github.head_ref }}"'
      - run: echo "::set-output name=x::1"
`,
    );
    const { record } = await runIn(repo, store, { event: 'pull_request', ref: 'feature', baseRef: 'main' });
    assert.deepEqual(record.plan.problems, [], record.problem);
    assert.equal(job(record, 'a').status, 'success');
    const warnings = (record.plan.warnings ?? []).map((warning) => `${warning.rule}: ${warning.message}`);
    assert.ok(
      warnings.some((text) => /^expression: "github\.head_ref" is untrusted input/.test(text)),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((text) => /^deprecated-commands: /.test(text)),
      warnings.join('\n'),
    );
  });

  it('refuses a workflow GitHub rejects, and runs it when told to ignore validation errors', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'error',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ nosuchfunction('x') }}"
      - run: echo after
`,
    );
    const refused = (await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml' })).plan;
    assert.equal(refused.problems.length, 1, refused.problems.join('\n'));
    assert.equal(refused.willRun, false);

    const insisted = await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', ignoreValidationErrors: true });
    assert.deepEqual(insisted.plan.problems, []);
    assert.equal(insisted.plan.willRun, true);
    assert.equal(insisted.plan.warnings?.length, 1);
  });
});
