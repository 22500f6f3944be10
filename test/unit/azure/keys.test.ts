import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkKeys, type CheckKeysOptions } from '../../../src/core/pipelines/azure/checks/keys';
import { azureRole, type AzureRole } from '../../../src/core/pipelines/azure/roles';
import { expandPipeline } from '../../../src/core/pipelines/azure/templates/expand';
import { parseTemplateFile } from '../../../src/core/pipelines/azure/templates/tree';
import { tempFolder } from '../../support/temp';

/** Writes the files, expands `entry` (as a template when its role says so) and lists `file:line severity rule message`. */
function check(files: Record<string, string>, entry = 'azure-pipelines.yml', options: CheckKeysOptions & { role?: AzureRole } = {}): string[] {
  const folder = tempFolder('shipshape-azure-keys-').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const file = join(folder, entry);
  const role = options.role ?? azureRole(parseTemplateFile(file, files[entry] ?? '').root);
  const read = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  const expansion = expandPipeline({ file, repositoryRoot: folder, read, template: role !== 'pipeline' });
  return checkKeys(expansion.root, role, options).map((finding) => {
    const line = readFileSync(finding.origin.file, 'utf8').slice(0, finding.origin.start).split('\n').length;
    return `${finding.origin.file.slice(folder.length + 1)}:${line} ${finding.severity} ${finding.rule} ${finding.message}`;
  });
}

const pipeline = (...lines: string[]): Record<string, string> => ({ 'azure-pipelines.yml': [...lines, ''].join('\n') });

describe('Azure keys and shapes', () => {
  it('accepts a pipeline using every place the table knows', () => {
    const text = [
      'name: $(Date:yyyyMMdd)$(Rev:.r)',
      'trigger:',
      '  batch: true',
      '  branches: { include: [main], exclude: [old/*] }',
      '  paths: { exclude: [docs] }',
      'pr: none',
      'schedules:',
      '- cron: "0 0 * * *"',
      '  displayName: nightly',
      '  branches: { include: [main] }',
      '  always: true',
      'resources:',
      '  repositories:',
      '  - repository: tools',
      '    type: github',
      '    name: org/tools',
      '    endpoint: gh',
      '  pipelines:',
      '  - pipeline: upstream',
      '    source: Upstream',
      '    trigger: { branches: { include: [main] } }',
      '  containers:',
      '  - container: linux',
      '    image: ubuntu:22.04',
      'variables:',
      '- name: a',
      '  value: 1',
      '  readonly: true',
      '- group: secrets',
      'lockBehavior: sequential',
      'stages:',
      '- stage: Build',
      '  displayName: Build',
      '  isSkippable: false',
      '  templateContext: { anything: [1] }',
      '  jobs:',
      '  - job: Compile',
      '    pool: { vmImage: ubuntu-latest, demands: [ "Agent.OS -equals Linux" ] }',
      '    container: linux',
      '    workspace: { clean: all }',
      '    timeoutInMinutes: "30"',
      '    continueOnError: $[ eq(variables.a, 1) ]',
      '    strategy:',
      '      matrix: { one: { x: 1 }, two: { x: 2 } }',
      '      maxParallel: 2',
      '    steps:',
      '    - checkout: self',
      '      fetchDepth: 1',
      '      submodules: recursive',
      '    - task: PowerShell@2',
      '      inputs: { targetType: inline, script: echo }',
      '      retryCountOnTaskFailure: 2',
      '      enabled: TRUE',
      '    - task: my-publisher.my-extension.my-contribution.MyTask@1',
      '    - task: e213ff0f-5d5c-4791-802d-52ea3e7be1f1@2',
      '    - pwsh: echo',
      '      errorActionPreference: stop',
      '      target: { container: host, commands: restricted, settableVariables: none }',
      '    - bash: echo',
      '      env: { A: b }',
      '    - publish: out',
      '      artifact: drop',
      '    - download: current',
      '      artifact: drop',
      '  - deployment: Ship',
      '    environment: { name: prod, resourceType: VirtualMachine }',
      '    strategy:',
      '      rolling:',
      '        maxParallel: 2',
      '        deploy: { steps: [ { script: echo } ] }',
      '        on: { failure: { steps: [ { script: echo } ] }, success: { steps: [] } }',
    ];
    assert.deepEqual(check(pipeline(...text)), []);
  });

  it("reports an unknown key at the pipeline's root in Azure's words, with the nearest key", () => {
    assert.deepEqual(check(pipeline('pol: { vmImage: x }', 'steps:', '- script: echo')), [
      'azure-pipelines.yml:1 error azure-keys Unexpected value \'pol\'. Did you mean "pool"?',
    ]);
  });

  it('reports pipeline keys in a steps template, and accepts them in one a pipeline extends', () => {
    const files = { 'steps.yml': ['parameters:', '- name: x', 'pool: { vmImage: x }', 'steps:', '- script: echo ${{ parameters.x }}', ''].join('\n') };
    assert.deepEqual(check(files, 'steps.yml', { role: 'steps-template' }), [
      "steps.yml:3 error azure-keys Unexpected value 'pool' in a steps template. A steps template holds only 'parameters' and 'steps'.",
    ]);
    assert.deepEqual(check(files, 'steps.yml', { role: 'steps-template', extended: true }), []);
  });

  it('reports unknown keys of a stage, a job and a step kind', () => {
    const text = [
      'stages:',
      '- stage: A',
      '  dependOn: []',
      '  jobs:',
      '  - job: B',
      '    dispalyName: b',
      '    steps:',
      '    - script: echo',
      '      inputs: { a: b }',
    ];
    assert.deepEqual(check(pipeline(...text)), [
      'azure-pipelines.yml:3 error azure-keys Unexpected value \'dependOn\' in a stage. Did you mean "dependsOn"?',
      'azure-pipelines.yml:6 error azure-keys Unexpected value \'dispalyName\' in a job. Did you mean "displayName"?',
      "azure-pipelines.yml:9 error azure-keys Unexpected value 'inputs' in a script step.",
    ]);
  });

  it('reports a deployment without an environment and unknown lifecycle hooks', () => {
    const text = ['jobs:', '- deployment: Ship', '  strategy:', '    runOnce:', '      deplo:', '        steps: [ { script: echo } ]'];
    assert.deepEqual(check(pipeline(...text)), [
      'azure-pipelines.yml:5 error azure-keys Unexpected value \'deplo\' in a runOnce strategy. Did you mean "deploy"?',
      "azure-pipelines.yml:2 error azure-shapes Deployment job 'Ship' needs an environment.",
    ]);
  });

  it('reports a step with no kind or with two', () => {
    const text = ['steps:', '- displayName: nothing', '- script: echo', '  bash: echo'];
    assert.deepEqual(check(pipeline(...text)), [
      'azure-pipelines.yml:2 error azure-shapes A step needs one of task, script, bash, pwsh, powershell, checkout, download, downloadBuild, getPackage, publish, upload, reviewApp, restoreCache, saveCache (or template).',
      "azure-pipelines.yml:4 error azure-shapes Unexpected value 'bash': a step has one kind, and this one is already 'script'.",
    ]);
  });

  it('reports mappings and sequences where the other is expected', () => {
    const text = ['pool: [a]', 'workspace: all', 'steps:', '  script: echo'];
    assert.deepEqual(check(pipeline(...text)), [
      'azure-pipelines.yml:1 error azure-shapes A sequence was not expected.',
      'azure-pipelines.yml:2 error azure-shapes Expected a mapping.',
      'azure-pipelines.yml:4 error azure-shapes A mapping was not expected.',
    ]);
  });

  it('checks booleans, numbers and enums, and leaves values holding expressions alone', () => {
    const text = [
      'parameters:',
      '- name: p',
      '  type: string',
      "  default: '10'",
      'jobs:',
      '- job: A',
      '  continueOnError: maybe',
      '  timeoutInMinutes: soon',
      '  workspace: { clean: everything }',
      '  steps:',
      '  - script: echo',
      '    continueOnError: $(flag)',
      '    timeoutInMinutes: ${{ parameters.p }}',
      '    enabled: False',
      '    retryCountOnTaskFailure: "3"',
    ];
    assert.deepEqual(check(pipeline(...text)), [
      "azure-pipelines.yml:7 error azure-shapes Unexpected value 'maybe': expected true or false.",
      "azure-pipelines.yml:8 error azure-shapes Unexpected value 'soon': expected a number.",
      "azure-pipelines.yml:9 error azure-shapes Unexpected value 'everything': expected 'outputs' or 'resources' or 'all'.",
    ]);
  });

  it("takes a rolling deployment's maxParallel as a number or a percentage (Azure's 'number or percentage as x%')", () => {
    const rolling = (value: string) =>
      pipeline(
        'jobs:',
        '- deployment: Web',
        '  environment: { name: prod, resourceType: VirtualMachine }',
        '  strategy:',
        '    rolling:',
        `      maxParallel: ${value}`,
        '      deploy:',
        '        steps:',
        '        - script: echo deploying',
      );
    assert.deepEqual(check(rolling('50%')), []);
    assert.deepEqual(check(rolling('2')), []);
    assert.deepEqual(check(rolling('half')), ["azure-pipelines.yml:6 error azure-shapes Unexpected value 'half': expected a number or a percentage (25%)."]);
  });

  it('checks each undecided branch on its own and never compares them', () => {
    const text = [
      'parameters:',
      '- name: os',
      '  type: string',
      'steps:',
      "- ${{ if eq(parameters.os, 'windows') }}:",
      '    pwsh: echo',
      '  ${{ else }}:',
      '    bash: echo',
      '    inptus: {}',
    ];
    assert.deepEqual(check({ 'steps.yml': [...text, ''].join('\n') }, 'steps.yml', { role: 'steps-template' }), [
      "steps.yml:9 error azure-keys Unexpected value 'inptus' in a pwsh step.",
    ]);
  });

  it('requires a major version on a task, and accepts qualified and GUID names', () => {
    const text = [
      'steps:',
      '- task: PowerShell',
      '- task: PowerShell@two',
      '- task: Contoso.Tools.Build.Compile@3',
      '- task: 2ff763a7-ce83-4e1f-bc89-0ae63477cebe@1',
    ];
    assert.deepEqual(check(pipeline(...text)), [
      "azure-pipelines.yml:2 error azure-tasks Task 'PowerShell' needs a major version (PowerShell@N).",
      "azure-pipelines.yml:3 error azure-tasks Task 'PowerShell@two' is not a task reference: write Name@N (for example PowerShell@2).",
    ]);
  });

  it('warns about an input a known task does not have (case and aliases accepted), never about unknown tasks', () => {
    const text = [
      'steps:',
      '- task: PublishPipelineArtifact@1',
      '  inputs: { targetPath: out, ARTIFACT: drop, artifactNme: x }',
      '- task: bash@3',
      '  inputs: { script: echo, $(dynamic): 1 }',
      '- task: Contoso.Tools@1',
      '  inputs: { whatever: 1 }',
    ];
    assert.deepEqual(check(pipeline(...text)), [
      "azure-pipelines.yml:3 warning azure-tasks Task 'PublishPipelineArtifact@1' has no input 'artifactNme'. Did you mean \"artifactName\"?",
    ]);
  });

  it('checks variables in both forms, and group and name items', () => {
    const text = ['variables:', '- name: a', '  valu: 1', '- group: g', '  name: x', '- value: 2', 'steps:', '- script: echo'];
    assert.deepEqual(check(pipeline(...text)), [
      'azure-pipelines.yml:3 error azure-keys Unexpected value \'valu\' in a variable. Did you mean "value"?',
      "azure-pipelines.yml:5 error azure-keys Unexpected value 'name' in a variable group.",
      'azure-pipelines.yml:6 error azure-shapes A variable in the list form needs a name (or is a group or a template).',
    ]);
    assert.deepEqual(check(pipeline('variables:', '  a: 1', '  b: { c: d }', 'steps:', '- script: echo')), [
      'azure-pipelines.yml:3 error azure-shapes A mapping was not expected.',
    ]);
  });

  it('checks triggers, schedules and resources', () => {
    const text = [
      'trigger: { branchs: [main] }',
      'pr: { drafts: false, branches: { incude: [main] } }',
      'schedules:',
      '- cron: "0 0 * * *"',
      '  alway: true',
      'resources:',
      '  repos: []',
      'steps:',
      '- script: echo',
    ];
    assert.deepEqual(check(pipeline(...text)), [
      'azure-pipelines.yml:1 error azure-keys Unexpected value \'branchs\' in a trigger. Did you mean "branches"?',
      'azure-pipelines.yml:2 error azure-keys Unexpected value \'incude\' in a branches filter. Did you mean "include"?',
      'azure-pipelines.yml:5 error azure-keys Unexpected value \'alway\' in a schedule. Did you mean "always"?',
      "azure-pipelines.yml:7 error azure-keys Unexpected value 'repos' in a resources.",
    ]);
  });

  it('points at the line in the template a step came from', () => {
    const files = {
      ...pipeline('steps:', '- template: steps.yml'),
      'steps.yml': ['steps:', '- script: echo', '  displayNme: x', ''].join('\n'),
    };
    assert.deepEqual(check(files), ['steps.yml:3 error azure-keys Unexpected value \'displayNme\' in a script step. Did you mean "displayName"?']);
  });

  it("accepts legacy keys, template references not read and a template's refusal idiom", () => {
    const text = [
      'parameters:',
      '- name: mode',
      '  type: string',
      'steps:',
      '- template: steps.yml@other',
      '  parameters: { anything: [1] }',
      "- ${{ if eq(parameters.mode, '') }}:",
      '  - "mode was not given": error',
      '- script: echo',
    ];
    assert.deepEqual(check({ 't.yml': [...text, ''].join('\n') }, 't.yml', { role: 'steps-template' }), []);
    assert.deepEqual(check(pipeline('queue: { name: Hosted }', 'phases:', '- phase: A', '  steps: [ { script: echo } ]')), []);
  });
});
