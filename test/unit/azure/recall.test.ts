import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

/** Mistakes Azure DevOps rejects when it compiles a pipeline, found by a recall hunt: each reported at the line written. */
describe('Azure recall: what Azure DevOps rejects', () => {
  const folder = tempFolder('shipshape azure recall ');
  after(folder.remove);

  const lines = (text: string, files: Record<string, string> = {}, path = 'azure-pipelines.yml') => {
    for (const [file, content] of Object.entries(files)) writeFile(folder.path, file, content);
    return validatePipeline({
      path: join(folder.path, path),
      text: [...text.split('\n'), ''].join('\n'),
      root: folder.path,
      kind: 'azure-pipelines',
    }).findings.map((finding) => `${finding.range.start.line} ${finding.rule} ${finding.message}`);
  };

  it('reports a key extends does not take, also when the template is followed', () => {
    const template = { 'base.yml': 'steps:\n- script: echo t\n' };
    assert.deepEqual(lines('extends:\n  template: base.yml\n  parameter:\n    a: b', template), [
      `3 azure-keys Unexpected value 'parameter' in an extends. Did you mean "parameters"?`,
    ]);
    assert.deepEqual(lines('extends:\n  template: base.yml\n  parameters:\n    a: b', template), []);
  });

  it('reports parameter declarations Azure refuses: unknown keys, expressions, a default used that its type or values refuse', () => {
    const text = [
      'parameters:',
      '- name: os',
      '  typ: string',
      '  default: linux',
      '- name: image',
      '  options: [a, b]',
      '  default: a',
      '- name: n',
      '  type: number',
      '  default: abc',
      '- name: mode',
      '  default: fast',
      '  values: [debug, release]',
      '- name: from',
      '  default: ${{ variables.x }}',
      'steps:',
      '- script: echo',
    ].join('\n');
    assert.deepEqual(lines(text), [
      `3 azure-template-parameters Unexpected value 'typ' in a parameter. Did you mean "type"?`,
      `6 azure-template-parameters Unexpected value 'options' in a parameter.`,
      "10 azure-template-parameters The 'n' parameter is a number: 'abc' is not one.",
      "12 azure-template-parameters The 'mode' parameter value 'fast' is not a valid value. Allowed: debug, release.",
      '15 azure-template-parameters A template expression is not allowed in this context: a parameter declaration holds only literal values.',
    ]);
  });

  it('accepts declarations with every key, defaults that fit, and a template default a caller replaces', () => {
    const files = { 'steps.yml': 'parameters:\n- name: mode\n  type: string\n  default: fast\n  values: [debug, release]\nsteps:\n- script: echo\n' };
    const text = [
      'parameters:',
      '- name: mode',
      '  displayName: Mode',
      '  type: string',
      '  default: release',
      '  values: [debug, release]',
      '- name: n',
      '  type: number',
      "  default: '3'",
      'steps:',
      '- template: steps.yml',
      '  parameters:',
      '    mode: debug',
    ].join('\n');
    assert.deepEqual(lines(text, files), []);
  });

  it('reports a schedule without cron, and a cron without five fields', () => {
    const text = [
      'schedules:',
      "- cron: '0 0 * *'",
      '  branches: { include: [main] }',
      '- branches: { include: [main] }',
      "- cron: '0 3 * * Mon-Fri'",
      "- cron: '*/15 0-6 1,15 Jan *'",
      'steps:',
      '- script: echo',
    ].join('\n');
    assert.deepEqual(lines(text), [
      "2 azure-shapes Unexpected value '0 0 * *': a cron schedule has five fields (minutes hours days months days-of-week), not 4.",
      "4 azure-shapes A schedule needs 'cron'.",
    ]);
  });

  it("reports a template expression in trigger, pr and resources other than containers (a repository's ref excepted), where Azure does not expand them", () => {
    const text = [
      'parameters:',
      '- name: b',
      '  default: main',
      'name: ${{ parameters.b }}-$(Rev:r)',
      'trigger:',
      '  branches:',
      '    include:',
      '    - ${{ parameters.b }}',
      'pr:',
      "  ${{ if eq(parameters.b, 'main') }}:",
      '    branches: [main]',
      'resources:',
      '  repositories:',
      '  - repository: tools',
      '    type: git',
      '    name: p/${{ parameters.b }}',
      '    ref: refs/heads/${{ parameters.b }}', // the one property Microsoft documents as expanded
      '  containers:',
      '  - container: linux',
      '    image: ubuntu:${{ parameters.b }}',
      'variables:',
      '  branch: ${{ parameters.b }}',
      'steps:',
      '- checkout: tools',
    ].join('\n');
    const why = 'A template expression is not allowed in this context:';
    assert.deepEqual(lines(text), [
      `8 azure-expression ${why} triggers are read before templates are expanded.`,
      `10 azure-expression ${why} triggers are read before templates are expanded.`,
      `16 azure-expression ${why} resources other than containers are read before templates are expanded.`,
    ]);
  });

  it('reports a checkout or a template naming a repository the pipeline does not declare', () => {
    const text = [
      'resources:',
      '  repositories:',
      '  - repository: Tools',
      '    type: git',
      '    name: p/tools',
      'steps:',
      '- checkout: self',
      '- checkout: tools',
      '- checkout: git://p/other@refs/heads/main',
      '- checkout: other',
      '- template: build.yml@tools',
      '- template: test.yml@shared',
      '- template: local.yml@self',
    ].join('\n');
    const files = { 'local.yml': 'steps:\n- checkout: none\n' };
    assert.deepEqual(
      lines(text, files).filter((line) => !line.includes('azure-template-remote')),
      [
        "10 azure-resources Repository 'other' is not declared in resources.repositories: a checkout names self, none, a declared repository or git://project/repository.",
        "12 azure-resources Repository 'shared' is not declared in resources.repositories: a template@repository names a declared repository (or self).",
      ],
    );
  });

  it('does not judge repository names in a template checked on its own, a file that may be one, repositories declared only in some cases or in a template not read', () => {
    const steps = 'steps:\n- checkout: tools\n- template: x.yml@tools\n';
    const own = (line: string): boolean => !line.includes('azure-template-remote');
    assert.deepEqual(lines(steps, {}, 'templates/steps.yml').filter(own), []);
    assert.deepEqual(lines(steps, {}, 'ci/steps.yml').filter(own), []);
    const unknown = [
      'resources:',
      '  repositories:',
      "  - ${{ if eq(variables['Build.SourceBranchName'], 'main') }}:",
      '    - repository: tools',
      '      type: git',
      '      name: p/tools',
      'steps:',
      '- checkout: tools',
    ].join('\n');
    assert.deepEqual(
      lines(unknown).filter((line) => !line.includes('template expression')),
      [],
    );
    // A template extended but not read (another repository's) may declare the repositories its parameters use.
    const extended = [
      'resources:',
      '  repositories:',
      '  - repository: templates',
      '    type: git',
      '    name: p/templates',
      'extends:',
      '  template: pipeline.yml@templates',
      '  parameters:',
      '    steps:',
      '    - template: build.yml@tools',
      '    - checkout: tools',
    ].join('\n');
    assert.deepEqual(lines(extended).filter(own), []);
  });

  it('reports resources and containers without what Microsoft marks required, and accepts the ACR form of a container', () => {
    const text = [
      'resources:',
      '  containers:',
      '  - container: linux',
      '    options: --privileged',
      '  - container: acr',
      '    type: ACR',
      '    azureSubscription: sub',
      '    resourceGroup: rg',
      '    registry: reg',
      '    repository: app',
      '  builds:',
      '  - build: jenkins',
      '    version: 5',
      '  packages:',
      '  - package: contoso',
      '    type: npm',
      '  webhooks:',
      '  - webhook: hook',
      '    type: x',
      'jobs:',
      '- job: A',
      '  container:',
      '    options: --cpus 2',
      '  services:',
      '    redis:',
      "      ports: ['6379']",
      '    db: postgres:16',
      '  steps:',
      '  - script: echo',
    ].join('\n');
    assert.deepEqual(lines(text), [
      "3 azure-shapes A container resource needs 'image'.",
      "12 azure-shapes A build resource needs 'type', 'connection' and 'source'.",
      "15 azure-shapes A package resource needs 'connection' and 'name'.",
      "18 azure-shapes A webhook resource needs 'connection'.",
      "23 azure-shapes A container needs 'image'.",
      "26 azure-shapes A container needs 'image'.",
    ]);
  });
});
