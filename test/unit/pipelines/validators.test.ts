import { strict as assert } from 'node:assert';
import { hasValidator, notCheckedReason } from '../../../src/core/pipelines/validators';
import { ALL_RULES } from '../../../src/core/pipelines/rules-registry';
import type { Rule } from '../../../src/core/pipelines/rule';

describe('which pipeline kinds are checked (the capability table)', () => {
  it('checks GitHub workflows and actions, Azure Pipelines and GitLab CI', () => {
    for (const kind of ['github-workflow', 'github-action', 'azure-pipelines', 'gitlab-ci'] as const) {
      assert.equal(hasValidator(kind), true, kind);
      assert.equal(notCheckedReason(kind), undefined, kind);
    }
  });

  it('follows the rule registry: a kind is checked once it has a rule', () => {
    const withoutGitLab = ALL_RULES.filter((rule) => !rule.kinds.includes('gitlab-ci'));
    assert.equal(hasValidator('gitlab-ci', withoutGitLab), false);
    assert.match(notCheckedReason('gitlab-ci', withoutGitLab) ?? '', /^GitLab CI validation is not available yet/);
    const gitlabRule: Rule = {
      id: 'gitlab-test',
      kinds: ['gitlab-ci'],
      defaultSeverity: 'error',
      description: 'a GitLab rule for this test only',
      check: () => {},
    };
    assert.equal(hasValidator('gitlab-ci', [...withoutGitLab, gitlabRule]), true);
    assert.equal(notCheckedReason('gitlab-ci', [...withoutGitLab, gitlabRule]), undefined);
  });
});
