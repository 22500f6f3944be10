import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { topLevelOf } from '../../../src/core/git/top-level';
import { folderOfPath, groupByFolder, isInside, repositoriesOf, repositoryLabel } from '../../../src/core/workspace/folder-groups';
import { initRepo } from '../../support/git';
import { tempFolder } from '../../support/temp';

const web = { name: 'web', path: '/ws/web' };
const api = { name: 'api', path: '/ws/api' };
const apiDocs = { name: 'api-docs', path: '/ws/api/docs' };

describe('folder groups (multi-root workspaces)', () => {
  it('tells a path inside a folder from a sibling that shares its prefix', () => {
    assert.equal(isInside('/ws/api/x.yml', '/ws/api'), true);
    assert.equal(isInside('/ws/api', '/ws/api'), true);
    assert.equal(isInside('/ws/api2/x.yml', '/ws/api'), false);
    assert.equal(isInside('/ws', '/ws/api'), false);
  });

  it('gives a path to the deepest folder holding it, whatever the folder order', () => {
    assert.equal(folderOfPath('/ws/api/docs/.github/workflows/a.yml', [api, apiDocs]), apiDocs);
    assert.equal(folderOfPath('/ws/api/docs/.github/workflows/a.yml', [apiDocs, api]), apiDocs);
    assert.equal(folderOfPath('/ws/api/src/a.ts', [apiDocs, api]), api);
    assert.equal(folderOfPath('/elsewhere/a.ts', [api, web]), undefined);
  });

  it('groups items by folder in the workspace order, each once, empty folders kept', () => {
    const items = ['/ws/api/b.yml', '/ws/web/a.yml', '/ws/api/docs/c.yml', '/tmp/d.yml', '/ws/api/e.yml'];
    const groups = groupByFolder(items, [web, api, apiDocs, { name: 'empty', path: '/ws/empty' }], (item) => item);
    assert.deepEqual(
      groups.map((group) => [group.folder.name, group.items]),
      [
        ['web', ['/ws/web/a.yml']],
        ['api', ['/ws/api/b.yml', '/ws/api/e.yml']],
        ['api-docs', ['/ws/api/docs/c.yml']],
        ['empty', []],
      ],
    );
  });

  it('keeps one repository for folders that share a top level, in the order of its first folder', () => {
    const repositories = repositoriesOf([
      { folder: web, topLevel: '/ws/web' },
      { folder: api, topLevel: '/ws' },
      { folder: { name: 'plain', path: '/plain' }, topLevel: undefined },
      { folder: apiDocs, topLevel: '/ws' },
    ]);
    assert.deepEqual(
      repositories.map((repository) => [repository.root, repository.inRepository, repositoryLabel(repository)]),
      [
        ['/ws/web', true, 'web'],
        ['/ws', true, 'api, api-docs'],
        ['/plain', false, 'plain'],
      ],
    );
  });

  describe('with real repositories', () => {
    const scratch = tempFolder();
    after(scratch.remove);

    it('de-duplicates two folders of one repository by its top level, and leaves a folder outside any alone', async () => {
      const repo = join(scratch.path, 'mono');
      mkdirSync(join(repo, 'packages', 'a'), { recursive: true });
      mkdirSync(join(repo, 'packages', 'b'), { recursive: true });
      initRepo(repo);
      const other = join(scratch.path, 'not-a-repo');
      mkdirSync(other);
      const folders = [
        { name: 'a', path: join(repo, 'packages', 'a') },
        { name: 'b', path: join(repo, 'packages', 'b') },
        { name: 'not-a-repo', path: other },
      ];
      const tops = await Promise.all(folders.map(async (folder) => ({ folder, topLevel: await topLevelOf(folder.path) })));
      const repositories = repositoriesOf(tops);
      assert.equal(repositories.length, 2);
      assert.deepEqual(
        repositories[0]?.folders.map((folder) => folder.name),
        ['a', 'b'],
      );
      assert.equal(repositories[0]?.inRepository, true);
      assert.deepEqual(
        repositories[1]?.folders.map((folder) => folder.name),
        ['not-a-repo'],
      );
      assert.equal(repositories[1]?.inRepository, false);
    });
  });
});
