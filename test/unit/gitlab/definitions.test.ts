import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitLabDefinitionAt, type GitLabDefinition } from '../../../src/core/pipelines/gitlab/definitions';
import { lines, listFiles, readFile, writeRepository } from './support';

/** Real files in a fresh folder; `definition(file, marker)` asks at the `|` in the marker's place. */
function repository(files: Record<string, string>) {
  const folder = writeRepository(files);
  return {
    definition(path: string, marker: string): GitLabDefinition | undefined {
      const file = join(folder, path);
      const text = readFileSync(file, 'utf8');
      const at = text.indexOf(marker.replace('|', ''));
      assert.ok(at >= 0, `${marker} is not in ${path}`);
      return gitLabDefinitionAt({ file, text, offset: at + marker.indexOf('|'), repositoryRoot: folder, read: readFile, list: listFiles(folder) });
    },
    /** The target as `path:line:text at its range`, to compare readably. */
    show(target: GitLabDefinition | undefined): string | undefined {
      if (!target) return undefined;
      const text = readFileSync(target.file, 'utf8');
      return `${target.file.slice(folder.length + 1)}:${text.slice(0, target.start).split('\n').length}:${text.slice(target.start, target.end)}`;
    },
  };
}

const MAIN = lines(
  'include:',
  '  - local: ci/templates.yml',
  "  - 'ci/deploy.yml'",
  '  - local: ci/*.gitlab-ci.yml',
  '  - project: group/other',
  '    file: ci/missing.yml',
  '.base:',
  '  image: node:20',
  '  script: [npm ci]',
  'build:',
  '  extends: .base',
  'test:',
  '  extends: [.base, .remote-base]',
  '  needs: [build, { job: lint, artifacts: true }]',
  '  dependencies: [build]',
  '  script:',
  '    - !reference [.setup, script]',
  '    - !reference [.setup, variables, NODE_ENV]',
  '    - !reference [.nowhere, script]',
  'broken:',
  '  extends: .missing',
  '  needs: [nothing]',
  '  script: echo',
);

const FILES = {
  '.gitlab-ci.yml': MAIN,
  'ci/templates.yml': lines('.remote-base:', '  tags: [docker]', '.setup:', '  variables:', '    NODE_ENV: test', '  script:', '    - make setup'),
  'ci/deploy.yml': lines('lint:', '  script: npm run lint', 'deploy:', '  extends: .remote-base', '  needs: [build]', '  script: echo deploy'),
  'ci/a.gitlab-ci.yml': lines('a:', '  script: echo a'),
};

describe('GitLab go to definition (gitLabDefinitionAt)', () => {
  it('goes from extends: to the job it names, in this file or an included one (string or list entry)', () => {
    const repo = repository(FILES);
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', 'extends: .ba|se')), '.gitlab-ci.yml:7:.base');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', 'extends: [.base, .remote|-base]')), 'ci/templates.yml:1:.remote-base');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', 'extends: [.b|ase')), '.gitlab-ci.yml:7:.base');
  });

  it('goes from needs: and dependencies: to the job (a name or job: in a map)', () => {
    const repo = repository(FILES);
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', 'needs: [bu|ild')), '.gitlab-ci.yml:10:build');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', '{ job: li|nt')), 'ci/deploy.yml:1:lint');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', 'dependencies: [bui|ld]')), '.gitlab-ci.yml:10:build');
  });

  it('goes from !reference to the job, and to the key inside it', () => {
    const repo = repository(FILES);
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', '!reference [.se|tup, script]')), 'ci/templates.yml:3:.setup');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', '!reference [.setup, scr|ipt]')), 'ci/templates.yml:6:script');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', '!reference [.setup, variables, NODE|_ENV]')), 'ci/templates.yml:5:NODE_ENV');
  });

  it('opens include: local files (the map form, the short form, the first file a wildcard matches)', () => {
    const repo = repository(FILES);
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', 'local: ci/temp|lates.yml')), 'ci/templates.yml:1:');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', "'ci/dep|loy.yml'")), 'ci/deploy.yml:1:');
    assert.equal(repo.show(repo.definition('.gitlab-ci.yml', 'local: ci/*.gitlab|-ci.yml')), 'ci/a.gitlab-ci.yml:1:');
  });

  it('finds a job from an included file through the configuration that includes it', () => {
    const repo = repository(FILES);
    assert.equal(repo.show(repo.definition('ci/deploy.yml', 'extends: .remote|-base')), 'ci/templates.yml:1:.remote-base');
    assert.equal(repo.show(repo.definition('ci/deploy.yml', 'needs: [bu|ild]')), '.gitlab-ci.yml:10:build');
  });

  it('goes nowhere when the target is missing, or the cursor is on no reference', () => {
    const repo = repository(FILES);
    assert.equal(repo.definition('.gitlab-ci.yml', 'extends: .mis|sing'), undefined);
    assert.equal(repo.definition('.gitlab-ci.yml', 'needs: [noth|ing]'), undefined);
    assert.equal(repo.definition('.gitlab-ci.yml', '!reference [.nowh|ere, script]'), undefined);
    assert.equal(repo.definition('.gitlab-ci.yml', '!reference [.nowhere, scr|ipt]'), undefined);
    assert.equal(repo.definition('.gitlab-ci.yml', 'file: ci/miss|ing.yml'), undefined, 'another project');
    assert.equal(repo.definition('.gitlab-ci.yml', 'image: no|de:20'), undefined);
    assert.equal(repo.definition('.gitlab-ci.yml', 'bro|ken:'), undefined, 'a job name itself');
  });

  it('does not follow a needs: to another pipeline, nor a missing include', () => {
    const repo = repository({
      '.gitlab-ci.yml': lines(
        'include: ci/gone.yml',
        'build:',
        '  script: make',
        'test:',
        '  needs:',
        '    - pipeline: other',
        '      job: build',
        '  script: make test',
      ),
    });
    assert.equal(repo.definition('.gitlab-ci.yml', 'job: bu|ild'), undefined);
    assert.equal(repo.definition('.gitlab-ci.yml', 'ci/go|ne.yml'), undefined);
  });
});
