import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { EMPTY_CONFIG } from '../../../src/core/pipelines/config';
import { detectKind } from '../../../src/core/pipelines/detect-kind';
import { findPipelineFiles } from '../../../src/core/pipelines/find-pipeline-files';
import { classifyPipelinePath } from '../../../src/core/pipelines/pipeline-kind';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { lines, writeRepository } from './support';

const MAIN = lines('stages: [build, test]', 'include:', '  - local: ci/build.yml', 'test:', '  stage: tset', '  script: make test');
const BUILD = lines('.base:', '  image: node', 'build:', '  extends: .bse', '  stage: build', '  script: make');
const COMPONENT = lines(
  'spec:',
  '  inputs:',
  '    stage:',
  '      default: test',
  '---',
  '"$[[ inputs.stage ]]-job":',
  '  stage: $[[ inputs.stage ]]',
  '  script: echo',
);

describe('validatePipeline on GitLab CI files', () => {
  const folder = writeRepository({ '.gitlab-ci.yml': MAIN, 'ci/build.yml': BUILD, 'templates/component.yml': COMPONENT });
  const at = (path: string) => join(folder, path);
  const found = (path: string, text: string, options: Partial<Parameters<typeof validatePipeline>[0]> = {}) =>
    validatePipeline({ path: at(path), text, root: folder, ...options });
  const described = (result: ReturnType<typeof validatePipeline>) =>
    result.findings.map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.rule} ${finding.message}`);

  it('checks the text being edited at the line written, in GitLab words', () => {
    const result = found('.gitlab-ci.yml', MAIN);
    assert.equal(result.kind, 'gitlab-ci');
    assert.deepEqual(described(result), ['5:10 error gitlab-stages test job: chosen stage tset does not exist; available stages are .pre, build, test, .post']);
    // The editor's text, not the saved one, is what is checked.
    assert.deepEqual(described(found('.gitlab-ci.yml', MAIN.replace('tset', 'test'))), []);
  });

  it('files a finding of an included file under it, with the include line as related information', () => {
    const result = found('ci/build.yml', BUILD, { kind: 'gitlab-ci' });
    assert.deepEqual(described(result), ['4:12 error gitlab-extends build: unknown keys in `extends` (.bse)']);
    assert.deepEqual(result.findings[0]?.related, [
      { path: at('.gitlab-ci.yml'), range: { start: { line: 3, column: 5 }, end: { line: 4, column: 1 } }, message: 'included from here' },
    ]);
  });

  it('checks an included file through the configuration that includes it, not again on its own with its default inputs', () => {
    const repository = writeRepository({
      '.gitlab-ci.yml': lines('include:', '  - local: deploy.yml', '    inputs:', '      when: manual', 'build:', '  script: make'),
      'deploy.yml': lines('spec:', '  inputs:', '    when:', '      default: sometimes', '---', 'deploy:', '  script: ./deploy', '  when: $[[ inputs.when ]]'),
    });
    const deploy = join(repository, 'deploy.yml');
    const result = validatePipeline({ path: deploy, text: readFileSync(deploy, 'utf8'), root: repository, kind: 'gitlab-ci' });
    // Alone, the default 'sometimes' is no `when`; the one configuration using the file passes 'manual'.
    assert.deepEqual(described(result), []);
  });

  it('reads a spec-header file as GitLab does: two documents, no YAML error, found by its content', () => {
    const result = found('templates/component.yml', COMPONENT);
    assert.equal(result.kind, 'gitlab-ci');
    assert.deepEqual(described(result), []);
    // A real syntax error is still one, from the GitLab pass alone.
    const broken = described(found('templates/component.yml', COMPONENT.replace('  script: echo', '  script: [echo')));
    assert.ok(broken.length > 0 && broken.every((line) => / gitlab-yaml /.test(line)), broken.join('\n'));
  });

  it('honours the config (off, another severity) and # shipshape-ignore', () => {
    const config = { ...EMPTY_CONFIG, rules: { 'gitlab-stages': 'warning' as const } };
    assert.deepEqual(described(found('.gitlab-ci.yml', MAIN, { config })), [
      '5:10 warning gitlab-stages test job: chosen stage tset does not exist; available stages are .pre, build, test, .post',
    ]);
    assert.deepEqual(described(found('.gitlab-ci.yml', MAIN, { config: { ...EMPTY_CONFIG, rules: { 'gitlab-stages': 'off' } } })), []);
    assert.deepEqual(described(found('.gitlab-ci.yml', MAIN.replace('stage: tset', 'stage: tset # shipshape-ignore gitlab-stages'))), []);
  });

  it('keeps a finding on a !reference: the filter of tags GitHub does not read leaves GitLab files alone', () => {
    const text = lines('test:', '  script:', '    - !reference [.setup, script]', '    - make');
    assert.deepEqual(
      described(found('.gitlab-ci.yml', text)).map((line) => line.split(' ').slice(0, 3).join(' ')),
      ['3:18 error gitlab-reference'],
    );
  });
});

describe('GitLab CI files: which files are GitLab files', () => {
  const byPath: [string, string | undefined][] = [
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['.gitlab-ci.yaml', 'gitlab-ci'],
    ['sub/.gitlab-ci-1.yml', 'gitlab-ci'],
    ['ci/release.gitlab-ci.yml', 'gitlab-ci'],
    ['.gitlab/ci/build.yml', 'gitlab-ci'],
    ['.gitlab/ci/jobs/deploy.yaml', 'gitlab-ci'],
    ['.gitlab/issue_templates/bug.md', undefined],
    ['.gitlab/ci/README.md', undefined],
    ['.gitlab/merge_request_templates.yml', undefined],
    ['gitlab-ci.md', undefined],
  ];
  for (const [path, kind] of byPath) it(`${path} -> ${kind ?? 'not a pipeline'}`, () => assert.equal(classifyPipelinePath(path), kind));

  const kindOf = (text: string, path = 'ci/build.yml'): string | undefined => detectKind(path, parseDocument(text));
  it('finds a spec header by its content, and never a GitHub workflow, an Azure file, Kubernetes or docker-compose', () => {
    assert.equal(kindOf(COMPONENT), 'gitlab-ci');
    assert.equal(kindOf(lines('spec:', '  inputs:', '    a:', '---', 'job:', '  script: x')), 'gitlab-ci');
    // One document with spec: is Kubernetes' (or anything's), not a GitLab header.
    assert.equal(kindOf(lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers: []')), undefined);
    assert.equal(kindOf(lines('spec:', '  containers: []', '---', 'spec:', '  containers: []')), undefined);
    assert.equal(kindOf(lines('spec:', '  replicas: 2')), undefined);
    assert.equal(kindOf(lines('on: push', 'jobs:', '  a:', '    runs-on: x')), 'github-workflow');
    assert.equal(kindOf(lines('steps:', '- script: make')), 'azure-pipelines');
    assert.equal(kindOf(lines('services:', '  web:', '    image: nginx')), undefined);
    assert.equal(kindOf(lines('stages: [build]', 'build:', '  script: make')), undefined);
  });

  it('finds files by name, by spec header, and every file reached through include: local (wildcards too)', async () => {
    const folder = writeRepository({
      '.gitlab-ci.yml': lines('include:', '  - local: ci/build.yml', '  - local: /ci/jobs/*.yml', 'test:', '  script: make'),
      'ci/build.yml': lines('include: ci/deeper.yml', 'build:', '  script: make'),
      'ci/deeper.yml': lines('lint:', '  script: make lint'),
      'ci/jobs/a.yml': lines('a:', '  script: a'),
      'ci/unrelated.yml': lines('stages: [x]', 'x:', '  script: x'),
      'templates/component.yml': COMPONENT,
      'k8s/deploy.yml': lines('apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  replicas: 1'),
      'docker-compose.yml': lines('services:', '  web:', '    image: nginx'),
      '.github/workflows/ci.yml': lines('on: push', 'jobs: {}'),
      'azure-pipelines.yml': lines('steps:', '- script: make'),
    });
    const found = await findPipelineFiles(folder);
    assert.deepEqual(
      found.map((file) => [file.relativePath, file.kind]),
      [
        ['.github/workflows/ci.yml', 'github-workflow'],
        ['.gitlab-ci.yml', 'gitlab-ci'],
        ['azure-pipelines.yml', 'azure-pipelines'],
        ['ci/build.yml', 'gitlab-ci'],
        ['ci/deeper.yml', 'gitlab-ci'],
        ['ci/jobs/a.yml', 'gitlab-ci'],
        ['templates/component.yml', 'gitlab-ci'],
      ],
    );
  });
});

describe('GitLab CI files: YAML that libyaml accepts', () => {
  const folder = writeRepository({});
  const check = (text: string) =>
    validatePipeline({ path: join(folder, '.gitlab-ci.yml'), text, root: folder }).findings.map(
      (finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.rule}`,
    );

  it('reads a flow collection whose closing bracket or items are less indented than YAML wants, with a warning, as GitLab does', () => {
    assert.deepEqual(check(lines('build:', '  stage: build', '  script: make', 'test:', '  needs: [', '    "build"', ']', '  script: make test')), [
      '7:1 warning gitlab-yaml',
    ]);
    // Items too, a flow map, and a comment on the line before.
    assert.deepEqual(check(lines('test:', '  script: [ # the steps', '    "a",', '  "b"', '  ]', '  variables: {', '    A: "1",', '}')), [
      '4:3 warning gitlab-yaml',
      '8:1 warning gitlab-yaml',
    ]);
    // What it reads is checked: the need below names no job, on its own line.
    assert.deepEqual(check(lines('test:', '  needs: [', '    "nope"', ']', '  script: make')), ['3:5 error gitlab-needs', '4:1 warning gitlab-yaml']);
  });

  it('reads a quoted text whose lines (the closing quote too) are less indented than YAML wants, with a warning, as GitLab does', () => {
    // GNOME gjs's CI: a single-quoted shell block whose closing quote sits at the list's indentation.
    assert.deepEqual(check(lines('job:', '  script:', "    - 'if true; then", '         echo a;', '       fi', "    '", '    - "echo', '  b"')), [
      '6:1 warning gitlab-yaml',
      '8:1 warning gitlab-yaml',
    ]);
    // A quote never closed is still an error, and a document marker ends the text as libyaml ends it.
    assert.ok(check(lines('job:', "  script: 'make", '  stage: test')).some((line) => / error gitlab-yaml$/.test(line)));
    assert.ok(check(lines('job:', "  script: 'make", '---', "x'")).some((line) => / error gitlab-yaml$/.test(line)));
  });

  it('still reports YAML GitLab refuses as an error', () => {
    assert.deepEqual(
      check(lines('test:', '  script: [make', '  stage: test')).every((line) => / error gitlab-yaml$/.test(line)),
      true,
    );
  });
});
