import { strict as assert } from 'node:assert';
import { mergeGitLabConfig } from '../../../src/core/pipelines/gitlab/merge';
import { forecastGitLabPush, type GitLabPush } from '../../../src/core/pipelines/gitlab/push-forecast';
import { evaluateExpression, UNKNOWN } from '../../../src/core/pipelines/gitlab/rules-evaluate';

const forecast = (yaml: string, push: Partial<GitLabPush> = {}) =>
  forecastGitLabPush(
    mergeGitLabConfig({
      file: '/repo/.gitlab-ci.yml',
      repositoryRoot: '/repo',
      read: (file) => (file === '/repo/.gitlab-ci.yml' ? yaml : undefined),
      list: () => [],
    }),
    { branch: 'feature/x', defaultBranch: 'main', changedPaths: ['src/app.ts'], ...push },
  );
const runs = (result: ReturnType<typeof forecast>) => result.jobs.map((job) => `${job.id}:${job.willRun}`);

describe('gitlab: what a push would run (rules, only/except, workflow:rules)', () => {
  it('evaluates CI/CD variable expressions three-valued', () => {
    const vars = (name: string) => (name === 'CI_COMMIT_BRANCH' ? 'main' : name === 'CI_COMMIT_TAG' ? null : UNKNOWN);
    assert.equal(evaluateExpression('$CI_COMMIT_BRANCH == "main"', vars), true);
    assert.equal(evaluateExpression('$CI_COMMIT_BRANCH =~ /^feat/ || $CI_COMMIT_TAG', vars), false);
    assert.equal(evaluateExpression('$CI_COMMIT_TAG == null && ($CI_COMMIT_BRANCH != "dev")', vars), true);
    assert.equal(evaluateExpression('$DEPLOY_TOKEN', vars), undefined);
    assert.equal(evaluateExpression('$DEPLOY_TOKEN && $CI_COMMIT_TAG', vars), false);
  });

  it('runs a job without rules on every push, and follows the first matching rule', () => {
    const result = forecast(
      [
        'build:',
        '  script: make',
        'deploy:',
        '  script: deploy',
        '  rules:',
        '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
        'docs:',
        '  script: docs',
        '  rules:',
        '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
        '      when: never',
        '    - changes: [src/**/*]',
        'nightly:',
        '  script: nightly',
        '  rules:',
        '    - if: $CI_PIPELINE_SOURCE == "schedule"',
        '.hidden:',
        '  script: no',
      ].join('\n'),
    );
    assert.deepEqual(runs(result), ['build:true', 'deploy:false', 'docs:true', 'nightly:false']);
    assert.equal(result.willRun, true);
    assert.equal(result.jobs[1]?.reason, 'none of its rules matches a push to this branch');
    assert.equal(forecast('deploy:\n  script: d\n  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n', { branch: 'main' }).jobs[0]?.willRun, true);
  });

  it('reads only/except refs, and stops the pipeline with workflow:rules', () => {
    const yaml = 'a:\n  script: a\n  only: [main]\nb:\n  script: b\n  except:\n    - /^feature\\//\nc:\n  script: c\n  only: [tags]\n';
    assert.deepEqual(runs(forecast(yaml)), ['a:false', 'b:false', 'c:false']);
    assert.equal(forecast(yaml).willRun, false);
    const gated = forecast('workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\nbuild:\n  script: make\n');
    assert.equal(gated.willRun, false);
    assert.match(gated.reason, /no workflow:rules entry matches/);
  });

  it("says cannot tell for a variable set outside the file, and knows the file's own variables", () => {
    const unknown = forecast('deploy:\n  script: d\n  rules:\n    - if: $DEPLOY_ENABLED == "true"\n');
    assert.equal(unknown.jobs[0]?.willRun, undefined);
    assert.equal(unknown.willRun, undefined);
    const known = forecast('variables:\n  DEPLOY_ENABLED: "true"\ndeploy:\n  script: d\n  rules:\n    - if: $DEPLOY_ENABLED == "true"\n');
    assert.equal(known.jobs[0]?.willRun, true);
  });
});
