import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { forgetParsedGitLabFiles, parsedGitLabFile } from '../../../src/core/pipelines/gitlab/parse-cache';
import { mergeGitLabConfig } from '../../../src/core/pipelines/gitlab/merge';
import { resolveReferences } from '../../../src/core/pipelines/gitlab/references';
import { interpolated, type InputProblem } from '../../../src/core/pipelines/gitlab/inputs';
import { keyText, type AMap } from '../../../src/core/pipelines/yaml/located-tree';
import { lines } from './support';

describe('GitLab file parses kept across validations', () => {
  const root = '/repo';
  const files = new Map([
    [join(root, '.gitlab-ci.yml'), "include: 'jobs.yml'\nbuild:\n  script: make\n"],
    [join(root, 'jobs.yml'), 'test:\n  script: make test\n'],
  ]);
  const read = (file: string) => files.get(file);
  const merge = () => mergeGitLabConfig({ file: join(root, '.gitlab-ci.yml'), repositoryRoot: root, read, list: () => [] });
  beforeEach(forgetParsedGitLabFiles);

  it('a second validation (as after an edit elsewhere) reuses the included file’s parse; a changed text is parsed again', () => {
    const included = join(root, 'jobs.yml');
    const first = merge().parsed.get(included);
    assert.ok(first);
    assert.equal(merge().parsed.get(included), first);
    const changed = parsedGitLabFile(included, 'test:\n  script: make check\n');
    assert.notEqual(changed, first);
    assert.equal(changed.text, 'test:\n  script: make check\n');
  });

  it('forgets every parse on request', () => {
    const text = 'test:\n  script: make\n';
    const first = parsedGitLabFile('/x.yml', text);
    assert.equal(parsedGitLabFile('/x.yml', text), first);
    forgetParsedGitLabFiles();
    assert.notEqual(parsedGitLabFile('/x.yml', text), first);
  });
});

describe('GitLab !reference resolution copies only what it changes', () => {
  it('gives back the very subtrees that hold no reference', () => {
    const file = parsedGitLabFile(
      '/refs.yml',
      lines('.setup:', '  script: [make]', 'build:', '  script: [!reference [.setup, script], make build]', 'test:', '  script: [make test]'),
    );
    const root = file.root as AMap;
    const resolved = resolveReferences(root, false, []).root;
    assert.notEqual(resolved, root);
    const entry = (map: AMap, key: string) => map.entries.find((candidate) => keyText(candidate) === key)?.value;
    assert.equal(entry(resolved, 'test'), entry(root, 'test'));
    assert.equal(entry(resolved, '.setup'), entry(root, '.setup'));
    assert.notEqual(entry(resolved, 'build'), entry(root, 'build'));
    const plain = parsedGitLabFile('/plain.yml', lines('test:', '  script: [make test]'));
    assert.equal(resolveReferences(plain.root as AMap, false, []).root, plain.root);
  });
});

describe('GitLab inputs: an interpolation kept with the parse', () => {
  it('gives back the same tree for the same values, with its problems each time, and another for other values', () => {
    const root = parsedGitLabFile('/inputs.yml', lines('job:', '  script:', '    - echo $[[ inputs.name ]] $[[ inputs.missing ]]')).root as AMap;
    const values = (name: string) => new Map([['name', parsedGitLabFile(`/${name}.yml`, `${name}\n`).root as AMap]]);
    const first: InputProblem[] = [];
    const second: InputProblem[] = [];
    const tree = interpolated(root, values('a'), first);
    assert.equal(interpolated(root, values('a'), second), tree);
    assert.ok(first.length > 0, 'the unknown input is a problem');
    assert.deepEqual(second, first);
    assert.notEqual(interpolated(root, values('b'), []), tree);
  });
});
