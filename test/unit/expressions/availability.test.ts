import { strict as assert } from 'node:assert';
import { AVAILABILITY, availabilityAt, CONTEXT_NAMES, SPECIAL_FUNCTIONS } from '../../../src/core/pipelines/expressions';

describe('availabilityAt', () => {
  it("covers every row of GitHub's context availability table", () => {
    assert.equal(Object.keys(AVAILABILITY).length, 34);
    for (const key of Object.keys(AVAILABILITY)) assert.ok(availabilityAt(key), key);
  });

  it('gives the workflow-level rows', () => {
    assert.deepEqual(availabilityAt('run-name'), { contexts: ['github', 'inputs', 'vars'], functions: [] });
    assert.deepEqual(availabilityAt('concurrency')?.contexts, ['github', 'inputs', 'vars']);
    assert.deepEqual(availabilityAt('env')?.contexts, ['github', 'inputs', 'secrets', 'vars']);
    assert.deepEqual(availabilityAt('on.workflow_call.outputs.<output_id>.value')?.contexts, ['github', 'inputs', 'jobs', 'vars']);
  });

  it('keeps env out of jobs.<job_id>.env and secrets out of steps.if', () => {
    assert.equal(availabilityAt('jobs.<job_id>.env')?.contexts.includes('env'), false);
    assert.equal(availabilityAt('jobs.<job_id>.env')?.contexts.includes('secrets'), true);
    assert.equal(availabilityAt('jobs.<job_id>.steps.if')?.contexts.includes('secrets'), false);
    assert.equal(availabilityAt('jobs.<job_id>.steps.run')?.contexts.includes('secrets'), true);
  });

  it('allows matrix in runs-on but not in job-level if or strategy', () => {
    assert.equal(availabilityAt('jobs.<job_id>.runs-on')?.contexts.includes('matrix'), true);
    assert.equal(availabilityAt('jobs.<job_id>.if')?.contexts.includes('matrix'), false);
    assert.deepEqual(availabilityAt('jobs.<job_id>.strategy')?.contexts, ['github', 'inputs', 'needs', 'vars']);
  });

  it('places status functions in if: keys and hashFiles in step keys', () => {
    assert.deepEqual(availabilityAt('jobs.<job_id>.if')?.functions, ['always', 'cancelled', 'failure', 'success']);
    assert.deepEqual(availabilityAt('jobs.<job_id>.steps.if')?.functions, ['always', 'cancelled', 'failure', 'success', 'hashFiles']);
    assert.deepEqual(availabilityAt('jobs.<job_id>.steps.with')?.functions, ['hashFiles']);
    assert.deepEqual(availabilityAt('jobs.<job_id>.outputs.<output_id>')?.functions, []);
    assert.deepEqual(SPECIAL_FUNCTIONS.get('success'), ['jobs.<job_id>.if', 'jobs.<job_id>.steps.if']);
    assert.equal(SPECIAL_FUNCTIONS.get('hashfiles')?.length, 8);
  });

  it('finds the row for a key written with real ids', () => {
    assert.equal(availabilityAt('jobs.build.outputs.version'), availabilityAt('jobs.<job_id>.outputs.<output_id>'));
    assert.equal(availabilityAt('jobs.test.steps.run'), availabilityAt('jobs.<job_id>.steps.run'));
    assert.equal(availabilityAt('jobs.test.services.db.env.PGPASSWORD'), availabilityAt('jobs.<job_id>.services.<service_id>.env.<env_id>'));
    assert.equal(availabilityAt('on.workflow_call.inputs.ref.default'), availabilityAt('on.workflow_call.inputs.<inputs_id>.default'));
  });

  it('returns undefined for keys outside the table', () => {
    assert.equal(availabilityAt('jobs.<job_id>.steps.uses'), undefined);
    assert.equal(availabilityAt('name'), undefined);
    assert.equal(availabilityAt('toString'), undefined);
    assert.equal(availabilityAt('jobs..env'), undefined);
  });

  it('names only contexts that exist', () => {
    for (const [key, row] of Object.entries(AVAILABILITY)) {
      for (const name of row.contexts) assert.ok(CONTEXT_NAMES.includes(name), `${key}: ${name}`);
    }
  });
});
