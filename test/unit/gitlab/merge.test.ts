import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parse } from 'yaml';
import { valueOf } from '../../../src/core/pipelines/yaml/located-tree';
import { printMerged } from '../../../src/core/pipelines/gitlab/print';
import { lines, merge } from './support';
import { mergeGitLabConfig } from '../../../src/core/pipelines/gitlab/merge';

/** The merged configuration as plain data, the way GitLab's docs show results. */
const plain = (result: ReturnType<typeof merge>): Record<string, unknown> => parse(printMerged(result.root)) as Record<string, unknown>;
const said = (result: ReturnType<typeof merge>): string[] => result.problems.map((p) => `${result.line(p.origin)} ${p.severity} ${p.rule} ${p.message}`);

describe('GitLab configuration merge', () => {
  it('merges includes as GitLab documents it: hashes deep-merged, arrays replaced, the including file over its includes', () => {
    // docs.gitlab.com/ci/yaml/includes: "Override included configuration values" and "...arrays".
    const result = merge({
      '.gitlab-ci.yml': lines(
        'include: autodevops-template.yml',
        'variables:',
        '  POSTGRES_USER: root',
        '  POSTGRES_PASSWORD: secure_password',
        'production:',
        '  environment:',
        '    url: https://domain.com',
        '  script:',
        '    - install_dependencies',
        '    - deploy',
        '    - notify_owner',
      ),
      'autodevops-template.yml': lines(
        'variables:',
        '  POSTGRES_USER: user',
        '  POSTGRES_PASSWORD: testing_password',
        '  POSTGRES_DB: $CI_ENVIRONMENT_SLUG',
        'production:',
        '  stage: deploy',
        '  script:',
        '    - install_dependencies',
        '    - deploy',
        '  environment:',
        '    name: production',
        '    url: https://$CI_PROJECT_PATH_SLUG.$KUBE_INGRESS_BASE_DOMAIN',
      ),
    });
    assert.deepEqual(said(result), []);
    assert.deepEqual(plain(result), {
      variables: { POSTGRES_USER: 'root', POSTGRES_PASSWORD: 'secure_password', POSTGRES_DB: '$CI_ENVIRONMENT_SLUG' },
      production: {
        stage: 'deploy',
        script: ['install_dependencies', 'deploy', 'notify_owner'],
        environment: { name: 'production', url: 'https://domain.com' },
      },
    });
    // What came from the include remembers the include line.
    const stage = valueOf(valueOf(result.root, 'production'), 'stage');
    assert.equal(result.line(stage!.origin), 'autodevops-template.yml:6');
    assert.deepEqual(result.viaOf(stage!)?.map(result.line), ['.gitlab-ci.yml:1']);
    // A file included once is merged as its parse's own tree, not a copy labelled with the include line.
    const parsed = result.parsed.get(join(result.folder, 'autodevops-template.yml'));
    assert.equal(stage, valueOf(valueOf(parsed?.root, 'production'), 'stage'));
    assert.equal(result.viaOf(valueOf(result.root, 'production')!), undefined, 'the including file deep-merged over it: its own map');
  });

  it('merges includes in order, a later include winning, nested includes first, and local wildcards sorted', () => {
    const result = merge({
      '.gitlab-ci.yml': lines('include:', '  - local: /ci/a.yml', '  - ci/b.yml', '  - local: ci/parts/*.yml'),
      'ci/a.yml': lines('include: ci/nested.yml', 'job:', '  script: [a]', '  variables: { FROM_A: "1" }'),
      'ci/nested.yml': lines('job:', '  script: [nested]', '  tags: [nested]'),
      'ci/b.yml': lines('job:', '  script: [b]'),
      'ci/parts/2.yml': lines('two:', '  script: [two]'),
      'ci/parts/1.yml': lines('one:', '  script: [one]', 'two:', '  script: [one-two]'),
    });
    assert.deepEqual(said(result), []);
    assert.deepEqual(plain(result), {
      job: { script: ['b'], tags: ['nested'], variables: { FROM_A: '1' } },
      one: { script: ['one'] },
      two: { script: ['two'] },
    });
    assert.equal(result.undecided, false);
  });

  it('reports a missing local file at its include line, cycles once, and keeps going', () => {
    const result = merge({
      '.gitlab-ci.yml': lines('include:', '  - local: missing.yml', '  - local: loop.yml', 'job:', '  script: [x]'),
      'loop.yml': lines('include: .gitlab-ci.yml', 'other:', '  script: [y]'),
    });
    assert.deepEqual(said(result), [
      '.gitlab-ci.yml:2 error gitlab-include Local file `missing.yml` does not exist!',
      'loop.yml:1 error gitlab-include Include `.gitlab-ci.yml` is already being included by this chain of includes: the includes form a cycle.',
    ]);
    assert.deepEqual(result.problems[1]?.via?.map(result.line), ['.gitlab-ci.yml:3']);
    assert.deepEqual(Object.keys(plain(result)), ['other', 'job']);
  });

  it('allows 150 includes and refuses the 151st', () => {
    const files: Record<string, string> = { '.gitlab-ci.yml': lines('include:', ...Array.from({ length: 151 }, (_, i) => `  - local: parts/${i}.yml`)) };
    for (let i = 0; i < 151; i++) files[`parts/${i}.yml`] = lines(`job${i}:`, '  script: [x]');
    const result = merge(files);
    assert.deepEqual(said(result), ['.gitlab-ci.yml:152 error gitlab-include Maximum of 150 nested includes are allowed!']);
    assert.equal(result.jobs.length, 150);
  });

  it('reports project, remote, template and component includes as not resolved offline (info), and leaves the configuration undecided', () => {
    const result = merge({
      '.gitlab-ci.yml': lines(
        'include:',
        '  - project: group/ci',
        '    file: /templates/build.yml',
        '  - remote: https://example.com/ci.yml',
        '  - template: Auto-DevOps.gitlab-ci.yml',
        '  - component: $CI_SERVER_FQDN/group/comp/build@1.0',
        '  - https://example.com/other.yml',
        'job:',
        '  script: [x]',
      ),
    });
    assert.deepEqual(
      result.problems.map((p) => `${result.line(p.origin)} ${p.severity}`),
      ['.gitlab-ci.yml:2 info', '.gitlab-ci.yml:4 info', '.gitlab-ci.yml:5 info', '.gitlab-ci.yml:6 info', '.gitlab-ci.yml:7 info'],
    );
    assert.match(result.problems[0]!.message, /include project: group\/ci \(\/templates\/build.yml\) is not resolved offline/);
    assert.equal(result.undecided, true);
  });

  it('includes a file whose include rules cannot be decided offline, marked undecided; skips one whose rules never apply', () => {
    const result = merge({
      '.gitlab-ci.yml': lines(
        'include:',
        '  - local: maybe.yml',
        '    rules:',
        '      - if: $CI_COMMIT_TAG',
        '  - local: never.yml',
        '    rules:',
        '      - when: never',
        '  - local: always.yml',
        '    rules:',
        '      - when: always',
      ),
      'maybe.yml': lines('maybe:', '  script: [x]'),
      'never.yml': lines('never:', '  script: [x]'),
      'always.yml': lines('always:', '  script: [x]'),
    });
    assert.deepEqual(
      result.jobs.map((job) => `${job.name}${job.node.undecided ? ' (undecided)' : ''}`),
      ['maybe (undecided)', 'always'],
    );
    assert.equal(result.undecided, true);
  });

  it('decides include rules that do not depend on the pipeline: exists on the repository files, if without variables, the first matching rule', () => {
    const result = merge({
      '.gitlab-ci.yml': lines(
        'include:',
        '  - local: docker.yml',
        '    rules:',
        '      - exists: [Dockerfile]',
        '  - local: python.yml',
        '    rules:',
        '      - exists:',
        '          - pyproject.toml',
        '          - setup.py',
        '  - local: ci-files.yml',
        '    rules:',
        '      - exists: ["ci/**/*.yml"]',
        '  - local: vetoed.yml',
        '    rules:',
        '      - exists: [Dockerfile]',
        '        when: never',
        '      - when: always',
        '  - local: fallback.yml',
        '    rules:',
        '      - exists: [missing.txt]',
        '      - when: always',
        '  - local: literal.yml',
        '    rules:',
        '      - if: \'"a" == "b"\'',
        '  - local: branch.yml',
        '    rules:',
        '      - exists: [Dockerfile]',
        '        if: $CI_COMMIT_BRANCH == "main"',
      ),
      Dockerfile: 'FROM scratch',
      'ci/jobs/lint.yml': lines('lint-extra:', '  script: [x]'),
      'docker.yml': lines('docker:', '  script: [x]'),
      'python.yml': lines('python:', '  script: [x]'),
      'ci-files.yml': lines('ci-files:', '  script: [x]'),
      'vetoed.yml': lines('vetoed:', '  script: [x]'),
      'fallback.yml': lines('fallback:', '  script: [x]'),
      'literal.yml': lines('literal:', '  script: [x]'),
      'branch.yml': lines('branch:', '  script: [x]'),
    });
    assert.deepEqual(
      result.jobs.map((job) => `${job.name}${job.node.undecided ? ' (undecided)' : ''}`),
      ['docker', 'ci-files', 'fallback', 'branch (undecided)'],
    );
    assert.equal(result.undecided, true, 'the branch rule depends on the pipeline');
  });

  it('looks an exists: file up without reading it when the caller can (a lockfile is not read on every check)', () => {
    const texts = new Map([
      ['/repo/.gitlab-ci.yml', lines('include:', '  - local: node.yml', '    rules:', '      - exists: [package-lock.json]')],
      ['/repo/node.yml', lines('node:', '  script: [npm ci]')],
      ['/repo/package-lock.json', '{}'],
    ]);
    const read: string[] = [];
    const merged = mergeGitLabConfig({
      file: '/repo/.gitlab-ci.yml',
      repositoryRoot: '/repo',
      read: (file) => (read.push(file), texts.get(file)),
      list: () => ['.gitlab-ci.yml', 'node.yml'],
      exists: (file) => texts.has(file),
    });
    assert.deepEqual(
      merged.jobs.map((job) => `${job.name}${job.node.undecided ? ' (undecided)' : ''}`),
      ['node'],
    );
    assert.ok(!read.includes('/repo/package-lock.json'), read.join(', '));
  });

  it('binds spec inputs with defaults and types, interpolates keys and values, truncate and expand_vars', () => {
    // docs.gitlab.com/ci/inputs: the `website` example, plus typed inputs.
    const result = merge({
      '.gitlab-ci.yml': lines(
        'include:',
        '  - local: scan.yml',
        '    inputs:',
        '      website: my-website',
        '      replicas: 3',
        '      stages: [build, test]',
      ),
      'scan.yml': lines(
        'spec:',
        '  inputs:',
        '    website:',
        '    user:',
        "      default: 'test-user'",
        '    replicas:',
        '      type: number',
        '    stages:',
        '      type: array',
        '    debug:',
        '      type: boolean',
        '      default: false',
        '---',
        "'$[[ inputs.website ]]-job':",
        '  script: echo "$[[ inputs.user ]] $[[ inputs.website | truncate(3,3) ]] $[[ inputs.user | expand_vars ]]"',
        '  parallel: $[[ inputs.replicas ]]',
        '  tags: $[[ inputs.stages ]]',
        '  allow_failure: $[[ inputs.debug ]]',
      ),
    });
    assert.deepEqual(said(result), []);
    assert.deepEqual(plain(result), {
      'my-website-job': { script: 'echo "test-user web test-user"', parallel: 3, tags: ['build', 'test'], allow_failure: false },
    });
  });

  it('refuses inputs GitLab refuses, at the line that gave them', () => {
    const result = merge({
      '.gitlab-ci.yml': lines(
        'include:',
        '  - local: deploy.yml',
        '    inputs:',
        '      environment: qa',
        '      version: "1.2"',
        '      count: many',
        '      colour: blue',
        '  - local: deploy.yml',
        '  - local: plain.yml',
        '    inputs:',
        '      x: 1',
      ),
      'deploy.yml': lines(
        'spec:',
        '  inputs:',
        '    environment:',
        '      options: [staging, production]',
        '    version:',
        '      regex: ^v\\d+\\.\\d+$',
        '      default: v1.0',
        '    count:',
        '      type: number',
        '      default: 1',
        '---',
        'deploy-$[[ inputs.environment ]]:',
        '  script: echo $[[ inputs.version ]] $[[ inputs.missing ]]',
      ),
      'plain.yml': lines('plain:', '  script: [x]'),
    });
    assert.deepEqual(said(result), [
      '.gitlab-ci.yml:7 error gitlab-inputs unknown input arguments: colour',
      '.gitlab-ci.yml:4 error gitlab-inputs `environment` input: `qa` cannot be used because it is not in the list of allowed options',
      '.gitlab-ci.yml:5 error gitlab-inputs `version` input: provided value does not match required RegEx pattern',
      '.gitlab-ci.yml:6 error gitlab-inputs `count` input: provided value is not a number',
      'deploy.yml:13 error gitlab-inputs unknown interpolation key: `missing`',
      '.gitlab-ci.yml:8 error gitlab-inputs `environment` input: required value has not been provided',
      '.gitlab-ci.yml:9 error gitlab-inputs Given inputs not defined in the `spec` section of the included configuration file',
    ]);
  });

  it('matches an input regex as RE2 does (GitLab checks it with RE2): POSIX classes and \\p{L}', () => {
    const result = merge({
      '.gitlab-ci.yml': lines('include:', '  - local: build.yml', '    inputs:', '      version: "123"', '      name: écho', '      tag: "12a"'),
      'build.yml': lines(
        'spec:',
        '  inputs:',
        "    version: {regex: '^[[:digit:]]+$'}",
        "    name: {regex: '^\\p{L}+$'}",
        "    tag: {regex: '^[[:digit:]]+$'}",
        '---',
        'build:',
        '  script: echo $[[ inputs.version ]] $[[ inputs.name ]] $[[ inputs.tag ]]',
      ),
    });
    assert.deepEqual(said(result), ['.gitlab-ci.yml:6 error gitlab-inputs `tag` input: provided value does not match required RegEx pattern']);
  });

  it('extends as GitLab documents it: bases merged in order, then the job; hashes deep, arrays replaced', () => {
    // docs.gitlab.com/ci/yaml/yaml_optimization: "Merge details".
    const result = merge({
      '.gitlab-ci.yml': lines(
        '.only-important:',
        '  variables:',
        '    URL: "http://my-url.internal"',
        '    IMPORTANT_VAR: "the details"',
        '  rules:',
        '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
        '    - if: $CI_COMMIT_BRANCH == "stable"',
        '  tags:',
        '    - production',
        '  script:',
        '    - echo "Hello world!"',
        '.in-docker:',
        '  variables:',
        '    URL: "http://docker-url.internal"',
        '  tags:',
        '    - docker',
        '  image: alpine',
        'rspec:',
        '  variables:',
        '    GITLAB: "is-awesome"',
        '  extends:',
        '    - .only-important',
        '    - .in-docker',
        '  script:',
        '    - rake rspec',
      ),
    });
    assert.deepEqual(said(result), []);
    assert.deepEqual(plain(result)['rspec'], {
      variables: { URL: 'http://docker-url.internal', IMPORTANT_VAR: 'the details', GITLAB: 'is-awesome' },
      rules: [{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }, { if: '$CI_COMMIT_BRANCH == "stable"' }],
      tags: ['docker'],
      image: 'alpine',
      script: ['rake rspec'],
      extends: ['.only-important', '.in-docker'],
    });
  });

  it('refuses unknown, circular and too deep extends, once each, at the line that starts them', () => {
    const chain = Array.from({ length: 11 }, (_, i) => lines(`.l${i}:`, i === 10 ? '  script: [x]' : `  extends: .l${i + 1}`)).join('');
    const result = merge({
      '.gitlab-ci.yml': lines('a:', '  extends: .nowhere', '  script: [x]', '.b:', '  extends: .c', '.c:', '  extends: .b', 'deep:', '  extends: .l0') + chain,
    });
    assert.deepEqual(said(result), [
      '.gitlab-ci.yml:2 error gitlab-extends a: unknown keys in `extends` (.nowhere)',
      '.gitlab-ci.yml:7 error gitlab-extends .c: circular dependency detected in `extends`',
      '.gitlab-ci.yml:29 error gitlab-extends deep: nesting too deep in `extends`',
    ]);
    // Ten ancestors are allowed: `.l0` extends through `.l10` without a problem of its own.
    assert.ok(!said(result).some((line) => line.includes('.l0:')));
  });

  it('resolves !reference after extends, nested, flattening script arrays, and refuses what it cannot find or what loops', () => {
    // docs.gitlab.com/ci/yaml/yaml_optimization: "!reference tags".
    const result = merge({
      '.gitlab-ci.yml': lines(
        '.setup:',
        '  script:',
        '    - echo creating environment',
        '.teardown:',
        '  after_script:',
        '    - echo deleting environment',
        '.vars:',
        '  variables:',
        '    URL: "http://my-url.internal"',
        '.nested:',
        '  extends: .setup',
        '  before_script:',
        '    - !reference [.nested, script]',
        '    - echo nested',
        'test:',
        '  variables:',
        '    URL: !reference [.vars, variables, URL]',
        '  script:',
        '    - !reference [.setup, script]',
        '    - echo running my own command',
        '  before_script: !reference [.nested, before_script]',
        '  after_script:',
        '    - !reference [.teardown, after_script]',
        'broken:',
        '  script:',
        '    - !reference [.setup, scripts]',
        '    - !reference [.loop, script]',
        '.loop:',
        '  script:',
        '    - !reference [.loop, script]',
      ),
    });
    assert.deepEqual(said(result), [
      '.gitlab-ci.yml:26 error gitlab-reference !reference [".setup", "scripts"] could not be found',
      '.gitlab-ci.yml:30 error gitlab-reference !reference [".loop", "script"] is part of a circular chain',
    ]);
    assert.deepEqual(plain(result)['test'], {
      variables: { URL: 'http://my-url.internal' },
      script: ['echo creating environment', 'echo running my own command'],
      before_script: ['echo creating environment', 'echo nested'],
      after_script: ['echo deleting environment'],
    });
  });

  it('gives jobs default: and the old global keys unless inherit: default says otherwise, and global variables through inherit: variables', () => {
    // docs.gitlab.com/ci/yaml/#inherit
    const result = merge({
      '.gitlab-ci.yml': lines(
        'default:',
        "  image: 'ruby:3.0'",
        '  retry: 2',
        '  before_script:',
        '    - echo Hello World',
        'cache:',
        '  paths: [vendor]',
        'variables:',
        '  DOMAIN: example.com',
        '  WEBHOOK_URL: https://my-webhook.example.com',
        'rubocop:',
        '  inherit:',
        '    default: false',
        '    variables: false',
        '  script: bundle exec rubocop',
        'rspec:',
        '  inherit:',
        '    default: [image]',
        '    variables: [WEBHOOK_URL]',
        '  script: bundle exec rspec',
        'capybara:',
        '  inherit:',
        '    variables: false',
        '  image: ruby:3.3',
        '  script: bundle exec capybara',
        'karma:',
        '  inherit:',
        '    default: true',
        '    variables: [DOMAIN]',
        '  variables:',
        '    OWN: "1"',
        '  script: karma',
        '.hidden:',
        '  script: x',
      ),
    });
    const effective = Object.fromEntries(
      result.jobs.filter((job) => !job.hidden).map((job) => [job.name, parse(printMerged(job.effective)) as Record<string, unknown>]),
    );
    const keys = (name: string): string[] => Object.keys(effective[name] ?? {}).sort();
    assert.deepEqual(keys('rubocop'), ['inherit', 'script']);
    assert.deepEqual(keys('rspec'), ['image', 'inherit', 'script', 'variables']);
    assert.deepEqual(effective['rspec']?.['variables'], { WEBHOOK_URL: 'https://my-webhook.example.com' });
    assert.deepEqual(keys('capybara'), ['before_script', 'cache', 'image', 'inherit', 'retry', 'script']);
    assert.equal(effective['capybara']?.['image'], 'ruby:3.3');
    assert.deepEqual(effective['karma']?.['variables'], { DOMAIN: 'example.com', OWN: '1' });
    assert.deepEqual(effective['karma']?.['cache'], { paths: ['vendor'] });
    assert.deepEqual(
      result.jobs.map((job) => `${job.name}${job.hidden ? ' (hidden)' : ''}`),
      ['rubocop', 'rspec', 'capybara', 'karma', '.hidden (hidden)'],
    );
  });

  it("script arrays nest 10 levels deep at most (as gitlab-ci-local's reference tests expect); !reference follows 10 levels", () => {
    const chain = (levels: number): string =>
      lines('.s1:', '  - echo test', ...Array.from({ length: levels - 1 }, (_, i) => [`.s${i + 2}:`, `  - !reference [.s${i + 1}]`]).flat());
    const ten = merge({ '.gitlab-ci.yml': chain(9) + lines('test:', '  script:', '    - !reference [.s9]') });
    assert.deepEqual(said(ten), []);
    assert.deepEqual(plain(ten)['test'], { script: ['echo test'] });
    const eleven = merge({ '.gitlab-ci.yml': chain(11) + lines('test:', '  script:', '    - !reference [.s11]') });
    assert.deepEqual(said(eleven), [
      // The eleventh reference in a chain, where the walk first meets it (the hidden `.s11`, before `test`).
      '.gitlab-ci.yml:22 error gitlab-reference !reference [".s10"] is nested too deep: GitLab follows at most 10 levels of references',
    ]);
  });

  it('accepts duplicate keys with the last one winning (a warning), anchors and merge keys', () => {
    const result = merge({
      '.gitlab-ci.yml': lines('.base: &base', '  image: alpine', '  tags: [a]', 'job:', '  <<: *base', '  tags: [b]', '  script: [one]', '  script: [two]'),
    });
    assert.deepEqual(said(result), ["'.gitlab-ci.yml:8 warning gitlab-yaml 'script' is defined more than once here: GitLab keeps the last one.".slice(1)]);
    assert.deepEqual(plain(result)['job'], { image: 'alpine', tags: ['b'], script: ['two'] });
  });

  it("merges each << over what is there so far, in order, as GitLab's YAML reader (Ruby's Psych) does", () => {
    const result = merge({
      '.gitlab-ci.yml': lines(
        '.build-stage: &build-stage',
        '  stage: build',
        '  image: alpine',
        '.test-stage: &test-stage',
        '  stage: test',
        'stages: [build, test]',
        'unit: {stage: test, script: make unit}',
        'report:',
        '  <<: *build-stage',
        '  <<: *test-stage',
        '  needs: [unit]',
        '  script: make report',
        'written-above:',
        '  stage: build',
        '  <<: *test-stage',
        '  script: make',
        'listed:',
        '  <<: [*test-stage, *build-stage]',
        '  script: make',
      ),
    });
    // A later << overwrites an earlier one's keys and the keys written above it; in a list the first wins.
    assert.deepEqual(said(result), []);
    assert.deepEqual(plain(result)['report'], { stage: 'test', image: 'alpine', needs: ['unit'], script: 'make report' });
    assert.equal((plain(result)['written-above'] as { stage: string }).stage, 'test');
    assert.deepEqual(plain(result)['listed'], { stage: 'test', image: 'alpine', script: 'make' });
  });
});
