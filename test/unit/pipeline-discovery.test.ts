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
