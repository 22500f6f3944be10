import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { AzureOutline } from '../../../src/core/pipelines/azure/pipeline-outline';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

describe('Azure outline (the Pipelines view)', () => {
  const folder = tempFolder('shipshape azure outline ');
  after(folder.remove);
  const at = (path: string) => join(folder.path, path);
  const lines = (...text: string[]) => [...text, ''].join('\n');

  before(() => {
    writeFile(
      folder.path,
      'templates/build.yml',
      lines(
        'parameters:',
        '- name: config',
        '  default: Release',
        'steps:',
        '- script: |',
        '    dotnet build -c ${{ parameters.config }}',
        '    echo done',
        '- task: PublishPipelineArtifact@1',
        '  inputs: { path: out }',
      ),
    );
  });

  function outline(path: string, text: string, referenced = false): AzureOutline {
    const result = validatePipeline({ path: at(path), text, root: folder.path, azure: { outline: true, referenced } });
    assert.ok(result.azureOutline, 'no outline');
    return result.azureOutline;
  }

  /** `label @file:line` per node, indented by depth (lines 1-based, as a person reads them). */
  const shown = (result: AzureOutline): string[] =>
    result.stages.flatMap((stage) => [
      `${stage.written ? '' : '(implied) '}${stage.label} @${stage.place.file.slice(folder.path.length + 1)}:${stage.place.line + 1}`,
      ...stage.jobs.flatMap((job) => [
        `  ${job.label} @${job.place.file.slice(folder.path.length + 1)}:${job.place.line + 1}`,
        ...job.steps.map((step) => `    ${step.label} @${step.place.file.slice(folder.path.length + 1)}:${step.place.line + 1}`),
      ]),
    ]);

  it('shows stages, jobs and steps after expansion, template steps at the template line', () => {
    const text = lines(
      'trigger: [main]',
      'stages:',
      '- stage: Build',
      '  jobs:',
      '  - job: Compile',
      '    steps:',
      '    - checkout: self',
      '    - template: templates/build.yml',
      '    - bash: ./test.sh',
      '      displayName: Run the tests',
      '- stage: Deploy',
      '  displayName: Ship it',
      '  jobs:',
      '  - deployment: Production',
      '    environment: prod',
      '    strategy:',
      '      runOnce:',
      '        deploy:',
      '          steps:',
      '          - pwsh: ./deploy.ps1',
    );
    const result = outline('azure-pipelines.yml', text);
    assert.equal(result.role, 'pipeline');
    assert.equal(result.problem, undefined);
    assert.deepEqual(shown(result), [
      'Build @azure-pipelines.yml:3',
      '  Compile @azure-pipelines.yml:5',
      '    checkout: self @azure-pipelines.yml:7',
      '    dotnet build -c Release @templates/build.yml:5',
      '    PublishPipelineArtifact@1 @templates/build.yml:8',
      '    Run the tests @azure-pipelines.yml:9',
      'Deploy @azure-pipelines.yml:11',
      '  Production @azure-pipelines.yml:14',
      '    ./deploy.ps1 @azure-pipelines.yml:20',
    ]);
    assert.equal(result.stages[1]?.displayName, 'Ship it');
    assert.deepEqual(
      result.stages.map((stage) => [stage.written, stage.dependsOn, stage.jobs.map((job) => job.written)]),
      [
        [true, [], [true]],
        [true, [], [true]],
      ],
    );
    assert.deepEqual(result.counts, { stages: 2, jobs: 2, steps: 5 });
  });

  it('gives a steps-only pipeline one implied stage and job', () => {
    const result = outline('azure-pipelines.yml', lines('pool: { vmImage: ubuntu-latest }', 'steps:', '- script: make', '- script: make test'));
    assert.deepEqual(shown(result), [
      '(implied) Stage @azure-pipelines.yml:1',
      '  Job @azure-pipelines.yml:1',
      '    make @azure-pipelines.yml:3',
      '    make test @azure-pipelines.yml:4',
    ]);
    assert.deepEqual(result.counts, { stages: 0, jobs: 1, steps: 2 });
    assert.deepEqual([result.stages[0]?.written, result.stages[0]?.jobs[0]?.written], [false, false]);
  });

  it('keeps what each stage and job depends on', () => {
    const text = lines('jobs:', '- job: A', '  steps: [{ script: a }]', '- job: B', '  dependsOn: [A]', '  steps: [{ script: b }]');
    assert.deepEqual(
      outline('azure-pipelines.yml', text).stages[0]?.jobs.map((job) => job.dependsOn),
      [[], ['A']],
    );
  });

  it('says a referenced file is a template, whatever its keys', () => {
    const text = lines('steps:', '- script: make');
    assert.equal(outline('ci/steps.yml', text, true).role, 'steps-template');
    assert.equal(outline('ci/steps.yml', text).role, 'pipeline');
    assert.equal(outline('templates/jobs.yml', lines('jobs:', '- job: A', '  steps: [{ script: a }]')).role, 'jobs-template');
  });

  it('says when the file cannot be expanded', () => {
    const missing = outline('azure-pipelines.yml', lines('steps:', '- template: templates/nowhere.yml', '- script: make'));
    assert.match(missing.problem ?? '', /not found/);
    assert.deepEqual(missing.counts, { stages: 0, jobs: 1, steps: 2 });
    const unreadable = outline('azure-pipelines.yml', 'steps:\n- script: [unclosed\n');
    assert.ok(unreadable.problem, 'a YAML error is a problem');
  });
});
