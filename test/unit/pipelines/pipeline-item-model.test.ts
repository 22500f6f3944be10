import { strict as assert } from 'node:assert';
import { pipelineFileLook } from '../../../src/vscode/views/pipeline-item-model';
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
