import { strict as assert } from 'node:assert';
import { checkGitLabConfig } from '../../../src/core/pipelines/gitlab/checks';
import { lines, merge } from './support';

/** Every check finding as `file:line rule message`. */
function check(text: string): string[] {
  const result = merge({ '.gitlab-ci.yml': text });
  const findings = checkGitLabConfig(result).map((f) => ({
    line: Number(result.line(f.origin).split(':')[1]),
    text: `${result.line(f.origin)} ${f.rule} ${f.message}`,
  }));
  return findings.sort((a, b) => a.line - b.line).map((f) => f.text);
}

describe('GitLab keyword shapes: the keys and values GitLab allows inside default, workflow, rules, artifacts, cache, environment, retry', () => {
  it('refuses unknown keys inside default:, workflow:, a rule, artifacts, cache (mapping or list), environment and retry', () => {
    assert.deepEqual(
      check(
        lines(
          'default:',
          '  stage: build',
          'workflow:',
          '  rule: []',
          '  rules:',
          '    - if: $CI',
          '      auto_cancel: { on_new_commit: none }',
          '      interruptible: true',
          'a:',
          '  script: x',
          '  rules:',
          '    - if: $CI',
          '      iff: $X',
          '      interruptible: true',
          '      auto_cancel: { on_new_commit: none }',
          '  artifacts:',
          '    path: [out]',
          '  cache:',
          '    - paths: [x]',
          '      polcy: pull',
          '  environment:',
          '    nam: prod',
          '  retry:',
          '    max: 1',
          '    whn: always',
        ),
      ),
      [
        '.gitlab-ci.yml:2 gitlab-job default config contains unknown keys: stage',
        '.gitlab-ci.yml:4 gitlab-job workflow config contains unknown keys: rule',
        '.gitlab-ci.yml:8 gitlab-rules workflow:rules:rule config contains unknown keys: interruptible',
        '.gitlab-ci.yml:13 gitlab-rules jobs:a:rules:rule config contains unknown keys: iff, auto_cancel',
        '.gitlab-ci.yml:17 gitlab-job jobs:a:artifacts config contains unknown keys: path',
        '.gitlab-ci.yml:20 gitlab-job jobs:a:cache config contains unknown keys: polcy',
        '.gitlab-ci.yml:22 gitlab-environment jobs:a:environment config contains unknown keys: nam',
        '.gitlab-ci.yml:25 gitlab-job jobs:a:retry config contains unknown keys: whn',
      ],
    );
  });

  it('refuses when values artifacts, cache and workflow rules do not take, and retry outside 0..2', () => {
    assert.deepEqual(
      check(
        lines(
          'default:',
          '  artifacts: { when: later }',
          'workflow:',
          '  rules:',
          '    - if: $CI',
          '      when: manual',
          '    - when: always',
          'a:',
          '  script: x',
          '  artifacts:',
          '    paths: [out]',
          '    when: sometimes',
          '  cache:',
          '    paths: [x]',
          '    when: later',
          '  retry: 5',
          'b:',
          '  script: x',
          '  retry:',
          '    max: 3',
        ),
      ),
      [
        '.gitlab-ci.yml:2 gitlab-job default:artifacts when should be on_success, on_failure or always',
        '.gitlab-ci.yml:6 gitlab-rules workflow:rules:rule when unknown value: manual',
        '.gitlab-ci.yml:12 gitlab-job jobs:a:artifacts when should be on_success, on_failure or always',
        '.gitlab-ci.yml:15 gitlab-job jobs:a:cache when should be on_success, on_failure or always',
        '.gitlab-ci.yml:16 gitlab-job jobs:a:retry config must be less than or equal to 2',
        '.gitlab-ci.yml:20 gitlab-job jobs:b:retry max must be less than or equal to 2',
      ],
    );
  });

  it('accepts every documented key and value, references, variables and keys of hidden jobs', () => {
    assert.deepEqual(
      check(
        lines(
          'default:',
          '  after_script: [x]',
          '  artifacts: { paths: [a] }',
          '  before_script: [x]',
          '  cache: { paths: [a] }',
          '  hooks: { pre_get_sources_script: [x] }',
          '  id_tokens: { T: { aud: x } }',
          '  identity: google_cloud',
          '  image: alpine',
          '  interruptible: true',
          '  retry: 2',
          '  services: [postgres]',
          '  tags: [a]',
          '  timeout: 1h',
          'workflow:',
          '  name: n',
          '  auto_cancel: { on_new_commit: interruptible }',
          '  rules:',
          '    - if: $CI',
          '      changes: [a]',
          '      exists: [b]',
          '      variables: { A: b }',
          '      when: always',
          '    - when: never',
          '.hidden:',
          '  artifacts: { bogus: 1, when: no }',
          'a:',
          '  script: x',
          '  rules:',
          '    - if: $CI',
          '      changes: [a]',
          '      exists: [b]',
          '      when: delayed',
          '      start_in: 1 day',
          '      allow_failure: true',
          '      variables: { A: b }',
          '      needs: [b]',
          '      interruptible: false',
          '  artifacts:',
          '    name: n',
          '    untracked: false',
          '    paths: [a]',
          '    exclude: [b]',
          '    reports: { junit: r.xml }',
          '    when: on_failure',
          '    expire_in: 1 week',
          '    expose_as: e',
          '    public: true',
          '    access: developer',
          '  cache:',
          '    key: k',
          '    untracked: true',
          '    paths: [a]',
          '    when: always',
          '    policy: $POLICY',
          '    unprotect: true',
          '    fallback_keys: [f]',
          '  environment:',
          '    name: e',
          '    url: u',
          '    action: prepare',
          '    auto_stop_in: 1 day',
          '    kubernetes: { namespace: n }',
          '    deployment_tier: production',
          '  retry:',
          '    max: 2',
          '    when: [script_failure]',
          '    exit_codes: [1]',
          'b:',
          '  script: x',
          '  cache: !reference [.hidden, cache]',
          '  retry: 0',
          '  environment: production',
        ),
      ),
      [],
    );
  });

  it('refuses a mapping among script lines, tags not a list, non-boolean interruptible, allow_failure shapes, delays, script with trigger', () => {
    assert.deepEqual(
      check(
        lines(
          'default:',
          '  before_script:',
          '    - echo a: b',
          'a:',
          '  script:',
          '    - make',
          '    - echo result: ok',
          '  tags: docker',
          '  interruptible: maybe',
          '  allow_failure:',
          '    exit_code: 1',
          'b:',
          '  script: x',
          '  allow_failure: sometimes',
          '  start_in: 5 minutes',
          '  tags:',
          '    os: linux',
          'c:',
          '  script: x',
          '  when: delayed',
          'd:',
          '  script: x',
          '  trigger: group/project',
          'e:',
          '  trigger: group/project',
          '  before_script: [x]',
          '  image: alpine',
        ),
      ),
      [
        '.gitlab-ci.yml:3 gitlab-job default:before_script config should be a string or a nested array of strings up to 10 levels deep',
        '.gitlab-ci.yml:7 gitlab-job jobs:a:script config should be a string or a nested array of strings up to 10 levels deep',
        '.gitlab-ci.yml:8 gitlab-job jobs:a:tags config should be an array of strings',
        '.gitlab-ci.yml:9 gitlab-job jobs:a:interruptible config should be a boolean value',
        '.gitlab-ci.yml:11 gitlab-job jobs:a:allow_failure config contains unknown keys: exit_code',
        '.gitlab-ci.yml:14 gitlab-job jobs:b:allow_failure config should be a hash or a boolean value',
        '.gitlab-ci.yml:15 gitlab-job jobs:b start in must be blank',
        '.gitlab-ci.yml:17 gitlab-job jobs:b:tags config should be an array of strings',
        '.gitlab-ci.yml:20 gitlab-job jobs:c start in should be a duration',
        '.gitlab-ci.yml:23 gitlab-job jobs:d config contains unknown keys: trigger',
        '.gitlab-ci.yml:26 gitlab-job jobs:e config contains unknown keys: before_script, image',
      ],
    );
  });

  it('accepts booleans as YAML 1.1 reads them, trigger jobs given default: keys, exit_codes, a delayed job with start_in, delays in rules, tags and scripts from references', () => {
    assert.deepEqual(
      check(
        lines(
          'default:',
          '  before_script: [x]',
          '  image: alpine',
          '  artifacts: { paths: [a] }',
          '.common:',
          '  tags: [linux]',
          '  script: [echo]',
          'a:',
          '  script:',
          '    - !reference [.common, script]',
          '    - "echo a: b"',
          '  tags: !reference [.common, tags]',
          '  interruptible: yes',
          '  allow_failure: { exit_codes: [1, 2] }',
          '  when: delayed',
          '  start_in: 1 hour',
          'b:',
          '  script: x',
          '  allow_failure: false',
          '  interruptible: false',
          '  rules:',
          '    - when: delayed',
          '      start_in: 5 minutes',
          'c:',
          '  trigger: group/project',
          '  stage: deploy',
          '  variables: { A: b }',
          '  allow_failure: true',
          '  when: manual',
          '  needs: [a]',
          '  inherit: { variables: false }',
          '  resource_group: r',
          '  parallel: { matrix: [{ A: [b, c] }] }',
        ),
      ),
      [],
    );
  });

  it('refuses variables: that is not a mapping (a list of mappings, text), at the top level and in a job; a reference or null passes', () => {
    assert.deepEqual(
      check(
        lines(
          'variables:',
          '  - A: 1',
          '.vars:',
          '  variables: { B: 2 }',
          'a:',
          '  script: x',
          '  variables: A=1',
          'b:',
          '  script: x',
          '  variables: !reference [.vars, variables]',
          'c:',
          '  script: x',
          '  variables:',
        ),
      ),
      ['.gitlab-ci.yml:2 gitlab-variables variables config should be a hash', '.gitlab-ci.yml:7 gitlab-variables jobs:a:variables config should be a hash'],
    );
  });
});

describe('GitLab keyword shapes: parallel and coverage', () => {
  it('refuses a parallel count outside 1..200 or not a whole number, and a coverage that is not a /regex/', () => {
    assert.deepEqual(
      check(
        lines(
          'a:',
          '  script: x',
          '  parallel: 0',
          'b:',
          '  script: x',
          '  parallel: 201',
          'c:',
          '  script: x',
          '  parallel: 2.5',
          'd:',
          '  script: x',
          "  coverage: 'Total: (\\d+)%'",
          'fine:',
          '  script: x',
          '  parallel: 200',
          "  coverage: '/Total: (\\d+\\.\\d+)%/'",
          'matrix:',
          '  script: x',
          '  parallel:',
          '    matrix:',
          '      - A: [1, 2]',
        ),
      ),
      [
        '.gitlab-ci.yml:3 gitlab-job jobs:a:parallel config must be greater than or equal to 1',
        '.gitlab-ci.yml:6 gitlab-job jobs:b:parallel config must be less than or equal to 200',
        '.gitlab-ci.yml:9 gitlab-job jobs:c:parallel config must be an integer',
        '.gitlab-ci.yml:12 gitlab-job jobs:d:coverage config must be a regular expression',
      ],
    );
  });
});

describe('GitLab keyword shapes: stages', () => {
  it('refuses stages: written as text or a mapping, at the value', () => {
    assert.deepEqual(check(lines('stages: build', 'a:', '  stage: build', '  script: x')), [
      '.gitlab-ci.yml:1 gitlab-stages stages config should be an array of strings',
    ]);
    assert.deepEqual(check(lines('stages: [build]', 'a:', '  stage: build', '  script: x')), []);
  });
});

describe('GitLab keyword shapes: image, services, hooks, only/except, inherit, release, resource_group, environment and cache values, include items', () => {
  it('refuses what GitLab refuses in those entries, at the key or value written', () => {
    assert.deepEqual(
      check(
        lines(
          'default:',
          '  image: [ruby]',
          '  hooks:',
          '    pre_clone_script: x',
          'a:',
          '  script: x',
          '  image:',
          '    name: ruby',
          '    entry: [sh]',
          '  services:',
          '    name: postgres',
          'b:',
          '  script: x',
          '  services:',
          '    - postgres',
          '    - name: redis',
          '      aliass: cache',
          '  only:',
          '    branches: [main]',
          '  inherit:',
          '    defaults: false',
          'c:',
          '  script: x',
          '  except:',
          '    refs: [main]',
          '    change: [a]',
          '  resource_group: [prod]',
          '  environment:',
          '    name: prod',
          '    action: deploy',
          '    deployment_tier: prod',
          '  cache:',
          '    key:',
          '      files: [a, b, c]',
          '    policy: pul',
          'd:',
          '  script: x',
          '  release:',
          '    tag_name: v1',
          '    desc: x',
        ),
      ),
      [
        '.gitlab-ci.yml:2 gitlab-job default:image config should be a hash or a string',
        '.gitlab-ci.yml:4 gitlab-job default:hooks config contains unknown keys: pre_clone_script',
        '.gitlab-ci.yml:9 gitlab-job jobs:a:image config contains unknown keys: entry',
        '.gitlab-ci.yml:11 gitlab-job jobs:a:services config should be a array',
        '.gitlab-ci.yml:17 gitlab-job jobs:b:services:service config contains unknown keys: aliass',
        '.gitlab-ci.yml:19 gitlab-job jobs:b:only config contains unknown keys: branches',
        '.gitlab-ci.yml:21 gitlab-job jobs:b:inherit config contains unknown keys: defaults',
        '.gitlab-ci.yml:26 gitlab-job jobs:c:except config contains unknown keys: change',
        '.gitlab-ci.yml:27 gitlab-job jobs:c resource group should be a string',
        '.gitlab-ci.yml:30 gitlab-job jobs:c:environment action should be start, stop, prepare, verify, or access',
        '.gitlab-ci.yml:31 gitlab-job jobs:c:environment deployment tier must be one of production, staging, testing, development, or other',
        '.gitlab-ci.yml:34 gitlab-job jobs:c:cache:key:files has too many entries (maximum 2)',
        '.gitlab-ci.yml:35 gitlab-job jobs:c:cache policy should be pull-push, push, or pull',
        ".gitlab-ci.yml:38 gitlab-job jobs:d:release description can't be blank",
        '.gitlab-ci.yml:40 gitlab-job jobs:d:release config contains unknown keys: desc',
      ],
    );
  });

  it('leaves variables, references and the forms GitLab takes alone', () => {
    assert.deepEqual(
      check(
        lines(
          '.base:',
          '  image: { name: ruby, entrypoint: [""], pull_policy: [always] }',
          'a:',
          '  script: x',
          '  image: $IMAGE',
          '  services: [postgres, { name: redis, alias: cache, command: [x], variables: { A: b } }]',
          '  only: [main, /^release/]',
          '  except: { refs: [tags], variables: [$X], changes: [a], kubernetes: active }',
          '  inherit: { default: false, variables: [A] }',
          '  hooks: { pre_get_sources_script: [echo] }',
          '  resource_group: prod-$CI_ENVIRONMENT_NAME',
          '  environment: { name: prod, action: $ACTION, deployment_tier: production }',
          '  cache: { key: { files: [a, b], prefix: p }, policy: $POLICY }',
          '  release: { tag_name: v1, description: x, assets: { links: [] } }',
          'b:',
          '  script: x',
          '  image: !reference [.base, image]',
          '  cache: [{ policy: pull-push }, { policy: push }]',
          '  environment: { name: x, action: access }',
        ),
      ),
      [],
    );
  });

  it('refuses trigger and parallel keys, a trigger strategy, a matrix that is not a list, needs artifacts that are not booleans, a name over 255 characters', () => {
    assert.deepEqual(
      check(
        lines(
          'a:',
          '  trigger:',
          '    project: g/p',
          '    strategy: wait',
          '    branchs: main',
          'b:',
          '  script: x',
          '  parallel:',
          '    matrix:',
          '      A: [1, 2]',
          'c:',
          '  script: x',
          '  parallel:',
          '    matrx: []',
          'd:',
          '  script: x',
          '  needs:',
          '    - job: c',
          '      artifacts: nope',
          '    - job: b',
          '      artifacts: no',
          `${'j'.repeat(256)}:`,
          '  script: x',
          'e:',
          '  trigger: { include: [{ local: child.yml }], strategy: mirror, forward: { yaml_variables: false } }',
        ),
      ),
      [
        '.gitlab-ci.yml:4 gitlab-job jobs:a:trigger strategy should be depend or mirror',
        '.gitlab-ci.yml:5 gitlab-job jobs:a:trigger config contains unknown keys: branchs',
        '.gitlab-ci.yml:10 gitlab-job jobs:b:parallel:matrix config should be an array of hashes',
        '.gitlab-ci.yml:14 gitlab-job jobs:c:parallel config contains unknown keys: matrx',
        '.gitlab-ci.yml:19 gitlab-job jobs:d:needs:need artifacts should be a boolean value',
        `.gitlab-ci.yml:22 gitlab-job jobs:${'j'.repeat(256)} name is too long (maximum is 255 characters)`,
      ],
    );
  });

  it('does not require release keys a job may inherit from an include not read offline', () => {
    const text = lines(
      'include:',
      '  - component: gitlab.com/acme/ci/release@1.0',
      'rel:',
      '  extends: .release-base',
      '  script: echo',
      '  release:',
      '    tag_name: $CI_COMMIT_TAG',
    );
    assert.deepEqual(
      check(text).filter((line) => line.includes('release')),
      [],
    );
  });

  it('refuses an include item with keys no include has, or a project without file, at the key', () => {
    const result = merge({
      '.gitlab-ci.yml': lines('include:', '  - locl: a.yml', '  - local: b.yml', '  - project: group/ci', '    ref: main', 'x:', '  script: y'),
      'b.yml': lines('y:', '  script: z'),
    });
    assert.deepEqual(
      result.problems.filter((f) => f.rule === 'gitlab-include' && f.severity === 'error').map((f) => `${result.line(f.origin)} ${f.message}`),
      ['.gitlab-ci.yml:2 include config contains unknown keys: locl', '.gitlab-ci.yml:4 include config must specify the file where to fetch the config from'],
    );
  });
});
