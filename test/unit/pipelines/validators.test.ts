import { strict as assert } from 'node:assert';
import { hasValidator, notCheckedReason } from '../../../src/core/pipelines/validators';
import { ALL_RULES } from '../../../src/core/pipelines/rules-registry';
import type { Rule } from '../../../src/core/pipelines/rule';

describe('which pipeline kinds are checked (the capability table)', () => {
  it('checks GitHub workflows and actions and Azure Pipelines, not GitLab CI yet', () => {
    assert.equal(hasValidator('github-workflow'), true);
    assert.equal(hasValidator('github-action'), true);
    assert.equal(hasValidator('azure-pipelines'), true);
    assert.equal(hasValidator('gitlab-ci'), false);
    assert.equal(notCheckedReason('github-workflow'), undefined);
    assert.equal(notCheckedReason('azure-pipelines'), undefined);
    assert.match(notCheckedReason('gitlab-ci') ?? '', /^GitLab CI validation is not available yet/);
  });

  it('follows the rule registry: a GitLab rule makes GitLab files checked', () => {
    const gitlabRule: Rule = {
      id: 'gitlab-test',
      kinds: ['gitlab-ci'],
      defaultSeverity: 'error',
      description: 'a GitLab rule for this test only',
      check: () => {},
    };
    assert.equal(hasValidator('gitlab-ci', [...ALL_RULES, gitlabRule]), true);
    assert.equal(notCheckedReason('gitlab-ci', [...ALL_RULES, gitlabRule]), undefined);
    assert.equal(hasValidator('gitlab-ci', ALL_RULES), false);
  });
});
