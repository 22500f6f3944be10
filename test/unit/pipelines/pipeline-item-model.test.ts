import { strict as assert } from 'node:assert';
import { azureNodeDescription, gitLabJobDescription, gitLabStageDescription, pipelineFileLook } from '../../../src/vscode/views/pipeline-item-model';
import type { Finding } from '../../../src/core/pipelines/finding';
import { ALL_RULES } from '../../../src/core/pipelines/rules-registry';

const finding = (severity: Finding['severity']): Finding => ({
  rule: 'expression',
  severity,
  message: 'm',
  range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
});

describe('a pipeline file in the Pipelines view', () => {
  it('shows a kind without rules as not checked, never as passing', () => {
    // Every kind has rules now: a registry without GitLab's stands in for a kind not checked yet.
    const withoutGitLab = ALL_RULES.filter((rule) => !rule.kinds.includes('gitlab-ci'));
    // Even with a (clean) result in the store, as an open document gets one.
    for (const findings of [undefined, []]) {
      const look = pipelineFileLook({ relativePath: 'x.yml', kind: 'gitlab-ci', findings, problem: undefined }, withoutGitLab);
      assert.equal(look.icon, 'not-checked');
      assert.equal(look.description, 'not checked yet');
      assert.match(look.tooltip, /GitLab CI validation is not available yet/);
    }
  });

  it('counts GitLab CI findings like any checked kind', () => {
    const look = (findings: Finding[] | undefined) => pipelineFileLook({ relativePath: '.gitlab-ci.yml', kind: 'gitlab-ci', findings, problem: undefined });
    assert.deepEqual(
      [look([finding('error')])].map(({ icon, description }) => ({ icon, description })),
      [{ icon: 'error', description: '1 error' }],
    );
    assert.deepEqual(
      [look([])].map(({ icon, description }) => ({ icon, description })),
      [{ icon: 'pass', description: 'GitLab CI' }],
    );
  });

  it('counts errors and warnings of checked kinds, passes a clean one, and says when the result is not there yet', () => {
    const look = (findings: Finding[] | undefined) => pipelineFileLook({ relativePath: 'ci.yml', kind: 'github-workflow', findings, problem: undefined });
    assert.deepEqual(
      [look([finding('error'), finding('error'), finding('warning'), finding('info')])].map(({ icon, description }) => ({ icon, description })),
      [{ icon: 'error', description: '2 errors, 1 warning' }],
    );
    assert.equal(look([finding('warning')]).icon, 'warning');
    assert.deepEqual(
      [look([finding('info')])].map(({ icon, description }) => ({ icon, description })),
      [{ icon: 'pass', description: 'GitHub Actions workflow' }],
    );
    assert.deepEqual(
      [look(undefined)].map(({ icon, description }) => ({ icon, description })),
      [{ icon: 'pending', description: 'checking…' }],
    );
  });

  it('says when a workflow cannot be read', () => {
    const look = pipelineFileLook({ relativePath: 'ci.yml', kind: 'github-workflow', findings: [], problem: 'not a mapping' });
    assert.equal(look.icon, 'error');
    assert.equal(look.description, 'cannot be read');
    assert.equal(look.tooltip, 'ci.yml: not a mapping');
  });
});

describe('an Azure Pipelines file in the Pipelines view', () => {
  const counts = { stages: 2, jobs: 3, steps: 9 };
  const look = (findings: Finding[] | undefined, azure: Parameters<typeof pipelineFileLook>[0]['azure']) =>
    pipelineFileLook({ relativePath: 'azure-pipelines.yml', kind: 'azure-pipelines', findings, problem: undefined, azure });

  it('counts its stages, jobs and steps beside its findings', () => {
    assert.deepEqual(
      [look([], { role: 'pipeline', counts, problem: undefined })].map(({ icon, description }) => ({ icon, description })),
      [{ icon: 'pass', description: '2 stages, 3 jobs, 9 steps' }],
    );
    const withError = look([finding('error')], { role: 'pipeline', counts: { stages: 0, jobs: 1, steps: 1 }, problem: undefined });
    assert.deepEqual([withError.icon, withError.description], ['error', '1 error · 1 job, 1 step']);
  });

  it('says a template is one, with what it holds', () => {
    const template = look([], { role: 'steps-template', counts: { stages: 0, jobs: 1, steps: 2 }, problem: undefined });
    assert.equal(template.description, 'steps template · 2 steps');
    assert.match(template.tooltip, /steps template/);
  });

  it('never passes a file that could not be expanded', () => {
    const broken = look([], { role: 'pipeline', counts, problem: "Template file 'x.yml' not found." });
    assert.deepEqual([broken.icon, broken.description], ['error', 'cannot be expanded']);
    assert.match(broken.tooltip, /not found/);
  });

  it('describes stages and jobs by what they hold', () => {
    assert.equal(azureNodeDescription({ displayName: 'Ship it', dependsOn: ['Build'], count: 2, of: 'job' }), 'Ship it · 2 jobs · after Build');
    assert.equal(azureNodeDescription({ displayName: undefined, dependsOn: [], count: 1, of: 'step' }), '1 step');
  });
});

describe('a GitLab CI file in the Pipelines view', () => {
  const look = (findings: Finding[] | undefined, gitlab: Parameters<typeof pipelineFileLook>[0]['gitlab'], relativePath = '.gitlab-ci.yml') =>
    pipelineFileLook({ relativePath, kind: 'gitlab-ci', findings, problem: undefined, gitlab });

  it('counts its stages and jobs beside its findings', () => {
    const clean = look([], { counts: { stages: 3, jobs: 5 }, includedBy: undefined, problem: undefined });
    assert.deepEqual([clean.icon, clean.description], ['pass', '3 stages, 5 jobs']);
    assert.equal(clean.tooltip, 'GitLab CI: .gitlab-ci.yml\n3 stages, 5 jobs');
    const withError = look([finding('error')], { counts: { stages: 1, jobs: 1 }, includedBy: undefined, problem: undefined });
    assert.deepEqual([withError.icon, withError.description], ['error', '1 error · 1 stage, 1 job']);
  });

  it('says which file includes an included one', () => {
    const included = look([], { counts: { stages: 1, jobs: 2 }, includedBy: '.gitlab-ci.yml', problem: undefined }, '.gitlab/ci/deploy.yml');
    assert.equal(included.description, 'included by .gitlab-ci.yml · 1 stage, 2 jobs');
    assert.match(included.tooltip, /^GitLab CI \(included by \.gitlab-ci\.yml\): \.gitlab\/ci\/deploy\.yml/);
  });

  it('never passes a file whose configuration could not be merged', () => {
    const broken = look([], { counts: { stages: 1, jobs: 1 }, includedBy: undefined, problem: 'Local file `ci/x.yml` does not exist!' });
    assert.deepEqual([broken.icon, broken.description], ['error', 'cannot be merged']);
    assert.match(broken.tooltip, /does not exist/);
  });

  it('describes stages by their jobs, and jobs by what they need and trigger', () => {
    assert.equal(gitLabStageDescription({ declared: true, jobs: [1, 2] }), '2 jobs');
    assert.equal(gitLabStageDescription({ declared: false, jobs: [1] }), '1 job · not in stages:');
    assert.equal(gitLabStageDescription({ declared: true, jobs: [] }), 'no jobs');
    assert.equal(gitLabJobDescription({ needs: ['build', 'lint'], trigger: undefined }), 'needs build, lint');
    assert.equal(gitLabJobDescription({ needs: [], trigger: undefined }), 'needs nothing: starts at once');
    assert.equal(gitLabJobDescription({ needs: undefined, trigger: 'group/website' }), 'triggers group/website');
    assert.equal(gitLabJobDescription({ needs: undefined, trigger: undefined }), '');
  });
});
