import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { composeHeaderAndConfiguration } from '../../../src/core/pipelines/gitlab/header-documents';
import { parseGitLabFile } from '../../../src/core/pipelines/gitlab/gitlab-file';
import { PARSE_OPTIONS } from '../../../src/core/pipelines/yaml/source-file';
import { firstDifference } from '../pipelines/fast-yaml-compare';
import { lines } from './support';
import { CORPUS_ROOT, corpusAvailable, corpusSkipReason, filesUnder } from '../../support/corpus';

const yamlDocuments = (text: string) =>
  parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: new LineCounter(), customTags: [] }) as unknown as { contents: unknown }[];

describe('GitLab files with a spec: header, composed one document at a time', () => {
  const HEADER = lines(
    '# A component',
    'spec:',
    '  inputs:',
    '    stage:',
    '      default: test',
    '    skip:',
    '      type: boolean',
    '      default: false',
    '--- # the configuration',
    '',
    'build:',
    '  stage: $[[ inputs.stage ]]',
    '  script:',
    '    - !reference [.setup, script]',
    '    - make',
    '',
  );

  it("builds both documents as yaml's parseAllDocuments does, at the file's own offsets", () => {
    const fast = composeHeaderAndConfiguration(HEADER);
    assert.ok(fast, 'both documents are built');
    const yaml = yamlDocuments(HEADER);
    assert.equal(yaml.length, 2);
    assert.equal(firstDifference(fast[0].contents, yaml[0]?.contents, 'header'), undefined);
    assert.equal(firstDifference(fast[1].contents, yaml[1]?.contents, 'configuration'), undefined);
  });

  it('gives parseGitLabFile the same header, root and problems as a parse by yaml', () => {
    const fast = parseGitLabFile('/r/c.yml', HEADER, composeHeaderAndConfiguration(HEADER));
    const slow = parseGitLabFile('/r/c.yml', HEADER);
    assert.deepEqual(fast, slow);
    assert.equal(fast.root?.kind, 'map');
  });

  it('leaves other files to yaml: one document, three, a leading --- only, or YAML the composer declines', () => {
    for (const text of [
      'build:\n  script: make\n',
      'spec:\n  inputs: {}\n---\na: 1\n---\nb: 2\n',
      '---\nbuild:\n  script: make\n',
      '# only a comment\n---\nbuild:\n  script: make\n',
      'spec:\n  inputs:\n    x: {default: "a\n  b"}\n---\nbuild:\n  script: make\n',
    ])
      assert.equal(composeHeaderAndConfiguration(text), undefined, JSON.stringify(text));
  });
});

describe(`GitLab header files of the real-world corpus${corpusSkipReason}`, function () {
  this.timeout(60000);
  before(function () {
    if (!corpusAvailable) this.skip();
  });

  it('builds the same documents as yaml for every corpus file it builds (omnibus-gitlab’s largest among them)', () => {
    let built = 0;
    for (const path of filesUnder(join(CORPUS_ROOT, 'gitlab')).filter((file) => /\.ya?ml$/i.test(file))) {
      const text = readFileSync(path, 'utf8');
      const fast = composeHeaderAndConfiguration(text);
      if (!fast) continue;
      built++;
      const yaml = yamlDocuments(text);
      assert.equal(yaml.length, 2, path);
      assert.equal(
        firstDifference(fast[0].contents, yaml[0]?.contents, 'header') ?? firstDifference(fast[1].contents, yaml[1]?.contents, 'configuration'),
        undefined,
        path,
      );
    }
    assert.ok(built >= 2, `the corpus's large header files are built (${built})`);
  });
});

describe("GitLab files with a spec: header: the header's own keys and input types", () => {
  const problemsOf = (text: string) =>
    parseGitLabFile('/repo/component.yml', text).problems.map((p) => `${text.slice(0, p.origin.start).split('\n').length} ${p.rule} ${p.message}`);

  it('refuses unknown keys in the header, in spec and in an input, and an input type GitLab does not know, where written', () => {
    assert.deepEqual(
      problemsOf(
        lines(
          'spec:',
          '  input:',
          '    x: {}',
          '  inputs:',
          '    env:',
          '      type: text',
          '    stage:',
          '      defualt: test',
          'specs: {}',
          '---',
          'build:',
          '  script: make',
        ),
      ),
      [
        '9 gitlab-inputs header config contains unknown keys: specs',
        '2 gitlab-inputs header:spec config contains unknown keys: input',
        '6 gitlab-inputs header:spec:inputs:env input type unknown value: text',
        '8 gitlab-inputs header:spec:inputs:stage config contains unknown keys: defualt',
      ],
    );
  });

  it('takes every key and type GitLab documents', () => {
    const text = lines(
      'spec:',
      '  component: [name, version, reference]',
      '  include: [{ local: inputs.yml }]',
      '  inputs:',
      '    a: { type: array, default: [] }',
      '    b: { type: boolean, default: false, description: x }',
      '    c: { type: number, options: [1, 2] }',
      '    d:',
      '      type: string',
      '      regex: ^v',
      '      rules:',
      "        - if: '$[[ inputs.b ]] == true'",
      '          options: [x]',
      '---',
      'build:',
      '  script: make',
    );
    assert.deepEqual(problemsOf(text), []);
  });
});

describe('GitLab files with blank documents', () => {
  it('drops a trailing or empty document as GitLab does: one configuration, no header', () => {
    for (const text of [lines('job:', '  script: echo', '---'), lines('---', 'job:', '  script: echo', '---', '---')]) {
      const parsed = parseGitLabFile('/repo/.gitlab-ci.yml', text);
      assert.equal(parsed.header, undefined, text);
      assert.deepEqual(parsed.problems, [], text);
      assert.equal(parsed.root?.kind, 'map', text);
    }
  });
});
