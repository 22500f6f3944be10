import { strict as assert } from 'node:assert';
import { parseDocument } from 'yaml';
import { detectKind } from '../../../src/core/pipelines/detect-kind';

const kindOf = (text: string, path = 'ci/build.yml'): string | undefined => detectKind(path, parseDocument(text));

describe('detectKind: Azure Pipelines by content', () => {
  const azure: [string, string][] = [
    ['stages of `- stage:`', 'stages:\n- stage: Build\n  jobs:\n  - job: A\n    steps:\n    - script: make\n'],
    ['stages of templates', 'stages:\n- template: stages/build.yml\n'],
    ['jobs of `- job:`', 'jobs:\n- job: Linux\n  pool: { vmImage: ubuntu-latest }\n'],
    ['jobs of `- deployment:`', 'jobs:\n- deployment: Deploy\n  environment: prod\n'],
    ['steps of `- task:`', 'steps:\n- task: NuGetToolInstaller@1\n'],
    ['steps of `- script:`', 'pool: { vmImage: ubuntu-latest }\nsteps:\n- script: echo hi\n'],
    ['steps of `- bash:`', 'steps:\n- bash: echo hi\n'],
    ['steps of `- template:`', 'parameters:\n- name: x\nsteps:\n- template: inner.yml\n'],
    ['steps inside `${{ if }}`', 'steps:\n- ${{ if eq(parameters.a, true) }}:\n  - pwsh: Write-Host hi\n'],
    ['extends a template', 'trigger: none\nextends:\n  template: v1/1ES.Official.PipelineTemplate.yml@1ESPipelineTemplates\n'],
    ['a single job with services', 'services:\n  redis: redis\nsteps:\n- script: redis-cli ping\n'],
  ];
  for (const [name, text] of azure) it(`finds ${name}`, () => assert.equal(kindOf(text), 'azure-pipelines'));

  const other: [string, string][] = [
    ['a GitHub workflow', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n    - run: make\n'],
    ['a GitHub workflow with a jobs list by mistake', 'on: push\njobs:\n- job: A\n'],
    ['a GitLab file', 'stages: [build, test]\nimage: node:20\nbuild:\n  stage: build\n  script: [make]\n'],
    ['a GitLab include with stages as strings', 'stages:\n- build\n- test\nbuild:\n  script: make\n'],
    ['a Kubernetes Job', 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers: []\n'],
    ['a Tekton task with steps', 'apiVersion: tekton.dev/v1\nkind: Task\nsteps:\n- name: build\n  script: make\n'],
    ['a docker-compose file', 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'],
    ['a Cloud Build file', 'steps:\n- name: gcr.io/cloud-builders/docker\n  args: [build, .]\n- name: ubuntu\n  script: echo hi\n'],
    ['a Drone file', 'kind: pipeline\nsteps:\n- name: test\n  image: golang\n  commands: [go test]\n'],
    ['an eslint config with extends', 'extends: eslint:recommended\nrules: {}\n'],
    ['other YAML with a steps list', 'steps:\n- one\n- two\n'],
    ['a mapping of jobs', 'jobs:\n  build:\n    script: make\n'],
  ];
  for (const [name, text] of other) it(`never fires on ${name}`, () => assert.notEqual(kindOf(text), 'azure-pipelines'));
  it('leaves a GitHub workflow a workflow', () => assert.equal(kindOf(other[0]?.[1] ?? ''), 'github-workflow'));

  it('judges only YAML files', () => assert.equal(kindOf('steps:\n- script: make\n', 'notes.txt'), undefined));
});
