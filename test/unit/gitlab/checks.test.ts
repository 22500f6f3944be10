import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { checkGitLabConfig } from '../../../src/core/pipelines/gitlab/checks';
import { validateGitLabFiles } from '../../../src/core/pipelines/gitlab/validate-gitlab-files';
import { lineOf, lines, listFiles, merge, readFile, writeRepository } from './support';

/** Every check finding as `file:line rule message`. */
function check(files: Record<string, string>): string[] {
  const result = merge(files);
  return checkGitLabConfig(result).map((f) => `${result.line(f.origin)} ${f.rule} ${f.message}`);
}

describe('GitLab checks on the merged configuration', () => {
  it('a job needs script, run or trigger, after extends and default; hidden jobs need nothing', () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          '.base:',
          '  script: [make]',
          'extended:',
          '  extends: .base',
          'bridge:',
          '  trigger: group/project',
          'steps:',
          '  run: [{ name: a, script: echo }]',
          '.template:',
          '  image: alpine',
          'empty:',
          '  image: alpine',
        ),
      }),
      ['.gitlab-ci.yml:11 gitlab-job jobs empty config should implement the script:, run:, or trigger: keyword'],
    );
  });

  it('needs at least one visible job, and says nothing of it when an include is not read offline', () => {
    assert.deepEqual(check({ '.gitlab-ci.yml': lines('.hidden:', '  script: [x]') }), [
      '.gitlab-ci.yml:1 gitlab-job jobs config should contain at least one visible job',
    ]);
    assert.deepEqual(check({ '.gitlab-ci.yml': lines('include:', '  - template: Auto-DevOps.gitlab-ci.yml', '.hidden:', '  script: [x]') }), []);
  });

  it('refuses unknown job keys, non-hash jobs and reserved names used as jobs', () => {
    assert.deepEqual(check({ '.gitlab-ci.yml': lines('job:', '  script: [x]', '  scripts: [y]', 'text: just text', 'variables:', '  script: [x]') }), [
      '.gitlab-ci.yml:5 gitlab-job variables is a reserved keyword and cannot be used as a job name',
      '.gitlab-ci.yml:6 gitlab-variables variables:script variable definition must be either a string or a hash',
      '.gitlab-ci.yml:3 gitlab-job jobs:job config contains unknown keys: scripts',
      '.gitlab-ci.yml:4 gitlab-job jobs:text config should be a hash',
    ]);
  });

  it('refuses a stage that does not exist, with the default stages when stages: is absent', () => {
    assert.deepEqual(check({ '.gitlab-ci.yml': lines('job:', '  stage: release', '  script: [x]', 'ok:', '  stage: .post', '  script: [x]') }), [
      '.gitlab-ci.yml:2 gitlab-stages job job: chosen stage release does not exist; available stages are .pre, build, test, deploy, .post',
    ]);
    assert.deepEqual(check({ '.gitlab-ci.yml': lines('stages: [build]', 'job:', '  script: [x]') }), [
      '.gitlab-ci.yml:2 gitlab-stages job job: chosen stage test does not exist; available stages are .pre, build, .post',
    ]);
  });

  it('checks needs: undefined, later stage, duplicates, blank, cycles, over 50; optional, parallel copies and other pipelines pass', () => {
    const many = Array.from({ length: 51 }, (_, i) => `m${i}`);
    const result = check({
      '.gitlab-ci.yml': lines(
        'build:',
        '  stage: build',
        '  script: [x]',
        '  parallel: 2',
        '  needs: [deploy]',
        'test:',
        '  script: [x]',
        '  needs:',
        '    - build',
        '    - build 1/2',
        '    - nowhere',
        '    - job: maybe',
        '      optional: true',
        '    - pipeline: $PARENT_PIPELINE_ID',
        '      job: other',
        '    - build',
        '    - ""',
        'deploy:',
        '  stage: deploy',
        '  script: [x]',
        'a:',
        '  script: [x]',
        '  needs: [b]',
        'b:',
        '  script: [x]',
        '  needs: [a]',
        'many:',
        '  script: [x]',
        `  needs: [${many.join(', ')}]`,
        ...many.flatMap((name) => [`${name}:`, '  script: [x]']),
      ),
    });
    assert.deepEqual(result, [
      '.gitlab-ci.yml:5 gitlab-needs build job: need deploy is not defined in current or prior stages',
      ".gitlab-ci.yml:17 gitlab-needs jobs:test:needs config can't be blank",
      '.gitlab-ci.yml:11 gitlab-needs test job: undefined need: nowhere',
      '.gitlab-ci.yml:16 gitlab-needs test has duplicate entries in the needs section.',
      '.gitlab-ci.yml:29 gitlab-needs many job: one job can only need 50 others, but you have listed 51. See needs keyword documentation for more details',
      '.gitlab-ci.yml:26 gitlab-needs The pipeline has circular dependencies',
    ]);
  });

  it('checks needs:parallel:matrix against the rows of the producer, as GitLab names its copies', () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          'build:',
          '  stage: build',
          '  script: [x]',
          '  parallel:',
          '    matrix:',
          '      - PROVIDER: aws',
          '        STACK: [monitoring, app]',
          '      - PROVIDER: [gcp]',
          '        STACK: data',
          'numbered:',
          '  stage: build',
          '  script: [x]',
          '  parallel: 3',
          'single:',
          '  stage: build',
          '  script: [x]',
          'test:',
          '  script: [x]',
          '  needs:',
          '    - job: build',
          '      parallel:',
          '        matrix:',
          '          - { STACK: app, PROVIDER: aws }',
          '          - PROVIDER: aws',
          '          - PROVIDER: gcp',
          '            STACK: [data, app]',
          '          - PROVIDER: $[[ matrix.PROVIDER ]]',
          '    - job: build',
          '      parallel:',
          '        matrix:',
          '          - PROVIDER: azure',
          '    - job: numbered',
          '      parallel: { matrix: [{ A: b }] }',
          '    - job: single',
          '      parallel: { matrix: [{ A: b }] }',
          '    - job: build',
          `      parallel: { matrix: [{ ${['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((key) => `${key}: [${Array.from({ length: 10 }, (_, i) => `v${i}`).join(', ')}]`).join(', ')} }] }`,
          '    - job: build',
          '      optional: true',
          '      parallel: { matrix: [{ PROVIDER: oracle }] }',
        ),
      }),
      [
        ".gitlab-ci.yml:25 gitlab-needs test job: undefined need: build: [gcp, app] (no row of build's parallel:matrix has PROVIDER=gcp, STACK=app)",
        ".gitlab-ci.yml:31 gitlab-needs test job: undefined need: build: [azure] (no row of build's parallel:matrix has PROVIDER=azure)",
        '.gitlab-ci.yml:33 gitlab-needs test job: undefined need: numbered: [b] (numbered runs as parallel: 3 numbered copies, not a matrix)',
        '.gitlab-ci.yml:35 gitlab-needs test job: need single lists parallel:matrix values, but single has no parallel:matrix: GitLab ignores them and waits for the whole job',
      ],
    );
  });

  it('checks dependencies: defined, in current or prior stages, part of needs when needs are listed', () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          'build:',
          '  stage: build',
          '  script: [x]',
          'lint:',
          '  stage: build',
          '  script: [x]',
          'test:',
          '  script: [x]',
          '  dependencies: [build, nowhere, deploy]',
          'deploy:',
          '  stage: deploy',
          '  script: [x]',
          '  needs: [build]',
          '  dependencies: [build, lint]',
          'free:',
          '  stage: deploy',
          '  script: [x]',
          '  needs: []',
          '  dependencies: [build, lint]',
        ),
      }),
      [
        '.gitlab-ci.yml:9 gitlab-needs test job: undefined dependency: nowhere',
        '.gitlab-ci.yml:9 gitlab-needs test job: dependency deploy is not defined in current or prior stages',
        '.gitlab-ci.yml:14 gitlab-needs jobs:deploy dependencies the lint should be part of needs',
      ],
    );
  });

  it('refuses rules with only/except and unknown when values', () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          'job:',
          '  script: [x]',
          '  rules:',
          '    - if: $CI_COMMIT_TAG',
          '      when: sometimes',
          '  only: [main]',
          'other:',
          '  script: [x]',
          '  when: later',
        ),
      }),
      [
        '.gitlab-ci.yml:6 gitlab-rules jobs:job config key may not be used with `rules`: only',
        '.gitlab-ci.yml:5 gitlab-rules jobs:job:rules:rule when unknown value: sometimes',
        '.gitlab-ci.yml:9 gitlab-rules jobs:other when should be one of: on_success, on_failure, always, manual, delayed, never',
      ],
    );
  });

  it('checks rules: a non-empty list of non-empty mappings, nested lists flattened, null rules skipped', () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          'job:',
          '  script: [x]',
          '  rules:',
          '    - if: $A',
          '    -',
          '    - [{ if: $B }]',
          '    - {}',
          '    - manual',
          'empty:',
          '  script: [x]',
          '  rules: []',
          'mapping:',
          '  script: [x]',
          '  rules: { if: $A }',
        ),
      }),
      [
        ".gitlab-ci.yml:7 gitlab-rules jobs:job:rules:rule config can't be blank",
        '.gitlab-ci.yml:8 gitlab-rules jobs:job:rules:rule config should be a hash',
        ".gitlab-ci.yml:11 gitlab-rules jobs:empty:rules config can't be blank",
        '.gitlab-ci.yml:14 gitlab-rules jobs:mapping:rules config should be an array',
      ],
    );
  });

  it("checks rules:if, workflow:rules:if and only/except variables in GitLab's expression language, at the expression", () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          'workflow:',
          '  rules:',
          '    - if: $CI_COMMIT_BRANCH = "main"',
          'job:',
          '  script: [x]',
          '  rules:',
          '    - if: \'$CI_COMMIT_BRANCH == "main" && $CI_COMMIT_TAG == null\'',
          '    - if: ${CI_COMMIT_TAG}',
          '    - if: $CI_COMMIT_BRANCH == main',
          '    - if: \'($A == "x"\'',
          '    - if: true',
          '    - if: !reference [.elsewhere, if]',
          'old:',
          '  script: [x]',
          '  only:',
          '    variables: [$RELEASE == "yes", == null]',
        ),
      }),
      [
        '.gitlab-ci.yml:3 gitlab-rules workflow:rules:rule if invalid expression syntax: `=` is not an operator: compare with == or =~ (at `= "main"`)',
        '.gitlab-ci.yml:8 gitlab-rules jobs:job:rules:rule if invalid expression syntax: ${VAR} is not allowed in expressions, write $VAR (at `${CI_COMMIT_TAG}`)',
        '.gitlab-ci.yml:9 gitlab-rules jobs:job:rules:rule if invalid expression syntax: a text value must be quoted, and a variable starts with $ (at `main`)',
        '.gitlab-ci.yml:10 gitlab-rules jobs:job:rules:rule if invalid expression syntax: expected `)` to close the `(`, found the end',
        '.gitlab-ci.yml:11 gitlab-rules jobs:job:rules:rule if invalid expression syntax: an expression must be a string',
        '.gitlab-ci.yml:16 gitlab-rules jobs:old:only variables invalid expression syntax: expected a $VARIABLE, a "string", a /regex/, null or `(`, found `==`',
      ],
    );
  });

  it('checks variables: names, values, data keys by place, expand, description, options holding the value', () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          'variables:',
          '  PLAIN: text',
          '  NUMBER: 1.5',
          '  FLAG: true',
          '  EMPTY:',
          '  true: x',
          '  "false": quoted names are text',
          '  1.5: x',
          '  LIST: [a, b]',
          '  DEPLOY_TO:',
          '    value: staging',
          '    description: Where to deploy',
          '    options: [staging, production]',
          '  WRONG_CHOICE:',
          '    value: qa',
          '    options: [staging, production]',
          '  NO_VALUE:',
          '    options: [a]',
          '  NUMBERS:',
          '    value: "1"',
          '    options: [1, 2]',
          '  DESCRIBED:',
          '    value: x',
          '    description: [not, text]',
          '    expand: "maybe"',
          '  RAW:',
          '    value: $X',
          '    expand: no',
          '  LISTED:',
          '    value: [a]',
          'job:',
          '  script: [x]',
          '  variables:',
          '    OWN:',
          '      value: x',
          '      expand: false',
          '      description: only at the top level',
        ),
      }),
      [
        '.gitlab-ci.yml:6 gitlab-variables variables:true key must be an alphanumeric string',
        '.gitlab-ci.yml:8 gitlab-variables variables:1.5 key must be an alphanumeric string',
        '.gitlab-ci.yml:9 gitlab-variables variables:LIST variable definition must be either a string or a hash',
        '.gitlab-ci.yml:15 gitlab-variables variables:WRONG_CHOICE config value must be present in options',
        '.gitlab-ci.yml:18 gitlab-variables variables:NO_VALUE config value must be present in options',
        '.gitlab-ci.yml:21 gitlab-variables variables:NUMBERS config options should be an array of strings',
        '.gitlab-ci.yml:24 gitlab-variables variables:DESCRIBED config description must be an alphanumeric string',
        '.gitlab-ci.yml:25 gitlab-variables variables:DESCRIBED config expand should be a boolean value',
        '.gitlab-ci.yml:30 gitlab-variables variables:LISTED config value must be a scalar',
        '.gitlab-ci.yml:37 gitlab-variables jobs:job:variables:OWN config uses invalid data keys: description',
      ],
    );
  });

  it('checks environment: on_stop names a job with the same environment and action: stop', () => {
    assert.deepEqual(
      check({
        '.gitlab-ci.yml': lines(
          'deploy:',
          '  script: [x]',
          '  environment:',
          '    name: review',
          '    on_stop: stop',
          'deploy2:',
          '  script: [x]',
          '  environment: { name: review, on_stop: nowhere }',
          'deploy3:',
          '  script: [x]',
          '  environment: { name: review, on_stop: good }',
          'stop:',
          '  script: [x]',
          '  environment: { name: review }',
          'good:',
          '  script: [x]',
          '  environment: { name: review, action: stop }',
        ),
      }),
      [
        '.gitlab-ci.yml:5 gitlab-environment deploy job: on_stop job stop needs to have action stop defined',
        '.gitlab-ci.yml:8 gitlab-environment deploy2 job: on_stop job nowhere is not defined',
      ],
    );
  });

  it('gives a file included twice the include lines of each inclusion: its own problems the first, what the later one merged over it the later', () => {
    const folder = writeRepository({
      '.gitlab-ci.yml': lines('include:', '  - local: ci/a.yml', '  - local: ci/jobs.yml', 'stages: [build]'),
      'ci/a.yml': lines('include: ci/jobs.yml', 'a:', '  stage: build', '  script: [x]', '  needs: [gone]'),
      'ci/jobs.yml': lines('job:', '  script: [y]', 'job:', '  stage: build', '  script: [x]', '  needs: [nowhere]'),
    });
    const files = ['.gitlab-ci.yml', 'ci/a.yml', 'ci/jobs.yml'].map((path) => join(folder, path));
    const result = validateGitLabFiles({ files, repositoryRoot: folder, read: readFile, list: listFiles(folder) });
    const line = lineOf(folder);
    const said = [...result.findings.values()].flat().map((f) => `${line(f.origin)} ${f.rule} ${f.message}${f.via ? ` via ${f.via.map(line).join(' ')}` : ''}`);
    assert.deepEqual(said, [
      "ci/jobs.yml:3 gitlab-yaml 'job' is defined more than once here: GitLab keeps the last one. via .gitlab-ci.yml:2 ci/a.yml:1",
      'ci/jobs.yml:6 gitlab-needs job job: undefined need: nowhere via .gitlab-ci.yml:3',
      'ci/a.yml:5 gitlab-needs a job: undefined need: gone via .gitlab-ci.yml:2',
    ]);
  });

  it('files findings of included files under them with the include line, and does not tell a fragment it lacks a visible job', () => {
    const folder = writeRepository({
      '.gitlab-ci.yml': lines('include:', '  - local: ci/jobs.yml', 'stages: [build]'),
      'ci/jobs.yml': lines('job:', '  stage: test', '  script: [x]', '  needs: [nowhere]'),
      'ci/lonely.yml': lines('.hidden:', '  script: [x]', 'uses:', '  extends: .elsewhere', '  needs: [elsewhere]'),
    });
    const files = ['.gitlab-ci.yml', 'ci/jobs.yml', 'ci/lonely.yml'].map((path) => join(folder, path));
    const result = validateGitLabFiles({ files, repositoryRoot: folder, read: readFile, list: listFiles(folder) });
    const line = lineOf(folder);
    const said = [...result.findings.values()].flat().map((f) => `${line(f.origin)} ${f.rule} ${f.message}${f.via ? ` via ${f.via.map(line).join(' ')}` : ''}`);
    assert.deepEqual(said, [
      'ci/jobs.yml:2 gitlab-stages job job: chosen stage test does not exist; available stages are .pre, build, .post via .gitlab-ci.yml:2',
      'ci/jobs.yml:4 gitlab-needs job job: undefined need: nowhere via .gitlab-ci.yml:2',
    ]);
    assert.deepEqual(
      [...result.included].map((file) => file.slice(folder.length + 1)),
      ['ci/jobs.yml'],
    );
  });
});
