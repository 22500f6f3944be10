import { strict as assert } from 'node:assert';
import { classifyPipelinePath } from '../../src/core/pipelines/pipeline-kind';
import { findPipelineFiles } from '../../src/core/pipelines/find-pipeline-files';
import { writeFile } from '../support/git';
import { tempFolder } from '../support/temp';

describe('classifyPipelinePath', () => {
  const cases: [string, string | undefined][] = [
    ['.github/workflows/ci.yml', 'github-workflow'],
    ['.github/workflows/release.yaml', 'github-workflow'],
    ['.github/workflows/nested/ci.yml', undefined],
    ['.github/dependabot.yml', undefined],
    ['action.yml', 'github-action'],
    ['actions/setup/action.yaml', 'github-action'],
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['azure-pipelines.yml', 'azure-pipelines'],
    ['ci/release.azure-pipelines.yml', 'azure-pipelines'],
    ['docker-compose.yml', undefined],
    ['.github\\workflows\\win.yml', 'github-workflow'],
    // Azure Pipelines: Microsoft's patterns, then the ones real repositories use.
    ['azure-pipelines.yaml', 'azure-pipelines'],
    ['.azure-pipelines.yml', 'azure-pipelines'],
    ['build/azure-pipelines/linux.yml', 'azure-pipelines'],
    ['.azure-pipelines/templates/steps.yaml', 'azure-pipelines'],
    ['.pipelines/PowerShell-Release.yml', 'azure-pipelines'],
    ['src/.pipelines/ci.yml', 'azure-pipelines'],
    ['vsts-ci.yml', 'azure-pipelines'],
    ['.vsts-ci.yml', 'azure-pipelines'],
    ['azure-pipelines-pr.yml', 'azure-pipelines'],
    ['azure-pipelines.official.yaml', 'azure-pipelines'],
    ['build/azure-pipeline.stable.yml', 'azure-pipelines'],
    ['ci/nightly-azure-pipelines.yml', 'azure-pipelines'],
    ['eng/pipelines/templates/jobs/ci.yml', 'azure-pipelines'],
    ['.vsts-ci/windows.yml', 'azure-pipelines'],
    ['.vsts-ci-linux/templates/test.yml', 'azure-pipelines'],
    ['.pipelines/README.md', undefined],
    ['eng/pipelines/scripts/run.ps1', undefined],
    ['engineering/pipelines/ci.yml', undefined],
    ['azure-pipelines.json', undefined],
    ['pipelines/ci.yml', undefined],
  ];
  for (const [path, kind] of cases) it(`${path} -> ${kind ?? 'not a pipeline'}`, () => assert.equal(classifyPipelinePath(path), kind));
});

describe('findPipelineFiles', () => {
  const folder = tempFolder();
  after(folder.remove);

  before(() => {
    writeFile(folder.path, '.github/workflows/ci.yml', 'on: push\n');
    writeFile(folder.path, 'sub dir/ünïcode/action.yml', 'name: x\n');
    writeFile(folder.path, '.gitlab-ci.yml', 'test:\n  script: [echo]\n');
    writeFile(folder.path, 'node_modules/pkg/action.yml', 'name: ignored\n');
    writeFile(folder.path, 'config.yml', 'a: 1\n');
  });

  it('finds pipelines by path, sorted, skipping node_modules', async () => {
    const found = await findPipelineFiles(folder.path);
    assert.deepEqual(
      found.map((file) => [file.relativePath, file.kind]),
      [
        ['.github/workflows/ci.yml', 'github-workflow'],
        ['.gitlab-ci.yml', 'gitlab-ci'],
        ['sub dir/ünïcode/action.yml', 'github-action'],
      ],
    );
  });

  it('finds Azure files by content and every template an Azure file references, and nothing else', async () => {
    const azure = tempFolder();
    try {
      writeFile(azure.path, 'azure-pipelines.yml', 'variables:\n- template: ci/vars.yml\nsteps:\n- template: ci/steps/build.yml\n');
      writeFile(azure.path, 'ci/vars.yml', 'variables:\n  a: 1\n');
      writeFile(azure.path, 'ci/steps/build.yml', 'steps:\n- template: ../../shared/inner.yml@self\n- template: missing.yml\n');
      writeFile(azure.path, 'shared/inner.yml', 'parameters:\n  x: 1\n');
      writeFile(azure.path, 'build/release.yml', 'jobs:\n- job: Release\n  steps:\n  - task: NuGetCommand@2\n');
      writeFile(azure.path, 'k8s/job.yml', 'apiVersion: batch/v1\nkind: Job\nspec: {}\n');
      writeFile(azure.path, 'docker-compose.yml', 'services:\n  web:\n    image: nginx\n');
      writeFile(azure.path, 'node_modules/x/ci.yml', 'steps:\n- script: make\n');
      const found = await findPipelineFiles(azure.path);
      assert.deepEqual(
        found.map((file) => [file.relativePath, file.kind]),
        [
          ['azure-pipelines.yml', 'azure-pipelines'],
          ['build/release.yml', 'azure-pipelines'],
          ['ci/steps/build.yml', 'azure-pipelines'],
          ['ci/vars.yml', 'azure-pipelines'],
          ['shared/inner.yml', 'azure-pipelines'],
        ],
      );
    } finally {
      azure.remove();
    }
  });

  it('stops at the limit', async () => {
    assert.equal((await findPipelineFiles(folder.path, { limit: 1 })).length, 1);
  });

  it('returns nothing for a folder that does not exist', async () => {
    assert.deepEqual(await findPipelineFiles(`${folder.path}/missing`), []);
  });

  it('honours an aborted signal', async () => {
    await assert.rejects(findPipelineFiles(folder.path, { signal: AbortSignal.abort() }));
  });
});
