import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { forgetParsedGitLabFiles, parsedGitLabFile } from '../../../src/core/pipelines/gitlab/parse-cache';
import { mergeGitLabConfig } from '../../../src/core/pipelines/gitlab/merge';
import { checkGitLabConfig } from '../../../src/core/pipelines/gitlab/checks';
import { resolveReferences } from '../../../src/core/pipelines/gitlab/references';
import { interpolated, type InputProblem } from '../../../src/core/pipelines/gitlab/inputs';
import { keyText, valueOf, type AMap } from '../../../src/core/pipelines/yaml/located-tree';
import { lines } from './support';
import { parseGitLabFile } from '../../../src/core/pipelines/gitlab/gitlab-file';
import { printMerged } from '../../../src/core/pipelines/gitlab/print';

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

  it('an edit inside one job converts that job again; the jobs it did not touch or move keep the last parse’s trees', () => {
    const path = '/edited.yml';
    const text = lines(
      '# the pipeline',
      '.tpl: &tpl',
      '  image: alpine',
      'a:',
      '  script:',
      '    - make a',
      'b:',
      '  script:',
      '    - make b',
      'c:',
      '  <<: *tpl',
      '  script:',
      '    - make c',
      'd:',
      '  script:',
      '    - make d',
      'e:',
      '  script:',
      '    - if true; then',
      '        make e;',
      '      fi',
    );
    const value = (parsed: { root: unknown }, key: string) => (parsed.root as AMap).entries.find((entry) => keyText(entry) === key)?.value as AMap;
    const scriptOf = (parsed: { root: unknown }, key: string) => JSON.stringify(printMerged(value(parsed, key)));
    // Kept from the second parse of a file on (one being edited): a file read once keeps nothing.
    parsedGitLabFile(path, text.replace('make d', 'make e'));
    const first = parsedGitLabFile(path, text);
    // (Each edit lies inside one scalar: the YAML parse is patched in place, reparse-after-edit.ts.)
    // A character replaced in b's script: a, .tpl and d (before and after it, not moved) are kept; b is new; c, with an alias, is always converted.
    const replaced = parsedGitLabFile(path, text.replace('make b', 'make x'));
    assert.equal(value(replaced, 'a'), value(first, 'a'));
    assert.equal(value(replaced, 'd'), value(first, 'd'));
    assert.notEqual(value(replaced, 'b'), value(first, 'b'));
    assert.match(scriptOf(replaced, 'b'), /make x/);
    assert.notEqual(value(replaced, 'c'), value(first, 'c'));
    assert.equal(value(replaced, '.tpl'), value(first, '.tpl'), 'an anchor is kept (and registered again for the alias after it)');
    // An entry with an alias is kept when the edit comes after it (the anchor it names comes before it, untouched).
    const spanning = parsedGitLabFile(path, text.replace('make d', 'make x'));
    const later = parsedGitLabFile(path, text.replace('make d', 'make y'));
    assert.equal(value(later, 'c'), value(spanning, 'c'));
    // A character inserted: what comes after it moved (new offsets), what comes before is kept.
    const inserted = parsedGitLabFile(path, text.replace('make b', 'make xy'));
    assert.equal(value(inserted, 'a'), value(first, 'a'));
    assert.notEqual(value(inserted, 'd'), value(first, 'd'));
    assert.equal(value(inserted, 'd').origin.start, value(first, 'd').origin.start + 1);
    // An edit inside the anchor reaches the job that uses it.
    const anchored = parsedGitLabFile(path, text.replace('alpine', 'alpinx'));
    assert.match(scriptOf(anchored, 'c'), /alpinx/);
    // A multi-line plain scalar is parsed again from scratch (no patch): the other jobs are still kept.
    const base = parsedGitLabFile(path, text);
    const reparsed = parsedGitLabFile(path, text.replace('make e;', 'make f;'));
    assert.equal(value(reparsed, 'a'), value(base, 'a'));
    assert.equal(value(reparsed, 'd'), value(base, 'd'));
    assert.match(scriptOf(reparsed, 'e'), /make f;/);
    // Before the root mapping (where a %TAG directive would change every tag), nothing is kept.
    const prologue = parsedGitLabFile(path, text.replace('make e;', 'make f;').replace('# the pipeline', '# the pipelinx'));
    assert.notEqual(value(prologue, 'a'), value(reparsed, 'a'));
    // Each parse equals a parse from scratch.
    for (const edited of [replaced, inserted, anchored, reparsed, prologue]) assert.deepEqual(edited.root, parseGitLabFile(path, edited.text).root);
  });

  it('a second merge of unchanged files gives the same extended jobs and effective maps; a changed default: gives new ones', () => {
    const texts = new Map([
      [join(root, '.gitlab-ci.yml'), lines("include: 'base.yml'", 'default:', '  tags: [one]', 'build:', '  extends: .base', '  script: [make]')],
      [join(root, 'base.yml'), lines('.base:', '  image: alpine', '  variables: { A: "1" }')],
    ]);
    const mergeTexts = () => mergeGitLabConfig({ file: join(root, '.gitlab-ci.yml'), repositoryRoot: root, read: (file) => texts.get(file), list: () => [] });
    const build = (merged: ReturnType<typeof mergeTexts>) => merged.jobs.find((job) => job.name === 'build');
    const first = build(mergeTexts());
    const again = build(mergeTexts());
    assert.equal(again?.node, first?.node, 'extends merged as before');
    assert.equal(again?.effective, first?.effective, 'its effective map made once');
    texts.set(join(root, '.gitlab-ci.yml'), lines("include: 'base.yml'", 'default:', '  tags: [two]', 'build:', '  extends: .base', '  script: [make]'));
    const changed = build(mergeTexts());
    assert.notEqual(changed?.effective, first?.effective);
    assert.equal(printMerged(valueOf(changed?.effective, 'tags')), '- two\n');
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

describe('GitLab !reference resolution kept across merges', () => {
  beforeEach(forgetParsedGitLabFiles);

  it('gives the same resolved job when its references resolve to the same nodes, and resolves again when one changed', () => {
    const root = '/refs-kept';
    const texts = new Map([
      [join(root, '.gitlab-ci.yml'), lines("include: 'rules.yml'", 'build:', '  rules: !reference [.rules, on-main]', '  script: [make]')],
      [join(root, 'rules.yml'), lines('.rules:', '  on-main:', '    - if: $CI_COMMIT_BRANCH == "main"', '  nested:', '    - !reference [.rules, on-main]')],
    ]);
    const build = () =>
      mergeGitLabConfig({ file: join(root, '.gitlab-ci.yml'), repositoryRoot: root, read: (file) => texts.get(file), list: () => [] }).jobs.find(
        (job) => job.name === 'build',
      )?.node;
    const first = build();
    assert.equal(build(), first);
    texts.set(join(root, 'rules.yml'), lines('.rules:', '  on-main:', '    - if: $CI_COMMIT_BRANCH == "trunk"'));
    const changed = build();
    assert.notEqual(changed, first);
    assert.match(printMerged(changed), /trunk/);
  });

  it('tells a missing reference on every merge (a walk that told something is not kept)', () => {
    const root = '/refs-missing';
    const text = lines('build:', '  rules: !reference [.nowhere, rules]', '  script: [make]');
    const merge = () => mergeGitLabConfig({ file: join(root, '.gitlab-ci.yml'), repositoryRoot: root, read: () => text, list: () => [] });
    assert.equal(merge().problems.length, 1);
    assert.equal(merge().problems.length, 1);
  });
});

describe('GitLab included files with inputs, edited', () => {
  beforeEach(forgetParsedGitLabFiles);

  it('keeps the interpolated and relabelled trees of the jobs an edit to the included file did not touch', () => {
    const root = '/inputs-kept';
    const part = (script: string) =>
      lines(
        'spec:',
        '  inputs:',
        '    stage:',
        '      default: test',
        '---',
        'a:',
        '  stage: $[[ inputs.stage ]]',
        '  script:',
        '    - make a',
        'b:',
        '  script:',
        `    - ${script}`,
      );
    const texts = new Map([
      [
        join(root, '.gitlab-ci.yml'),
        lines(
          'include:',
          '  - local: part.yml',
          '    inputs: { stage: build }',
          '  - local: part.yml',
          '    inputs: { stage: deploy }',
          'stages: [build, test, deploy]',
        ),
      ],
      [join(root, 'part.yml'), part('make b')],
    ]);
    const merge = () => mergeGitLabConfig({ file: join(root, '.gitlab-ci.yml'), repositoryRoot: root, read: (file) => texts.get(file), list: () => [] });
    const job = (merged: ReturnType<typeof merge>, name: string) => merged.jobs.find((candidate) => candidate.name === name)?.node;
    merge();
    texts.set(join(root, 'part.yml'), part('make c'));
    const before = merge();
    texts.set(join(root, 'part.yml'), part('make d'));
    const after = merge();
    assert.equal(job(after, 'a'), job(before, 'a'));
    assert.notEqual(job(after, 'b'), job(before, 'b'));
    assert.match(printMerged(job(after, 'b')), /make d/);
    assert.match(printMerged(job(after, 'a')), /stage: deploy/);
    assert.deepEqual(
      after.viaOf(valueOf(job(after, 'a'), 'stage')!)?.map((origin) => origin.start),
      [texts.get(join(root, '.gitlab-ci.yml'))!.indexOf('local: part.yml\n    inputs: { stage: deploy }')],
    );
  });
});

describe('GitLab checks kept across merges', () => {
  beforeEach(forgetParsedGitLabFiles);

  it('gives an unchanged job the same findings without checking it again, and checks it again when it, or whether the configuration is open, changed', () => {
    const root = '/checks-kept';
    let text = lines('bad-rule:', '  rules:', '    - if: $A ==', '  script: [make]', 'no-script:', '  stage: test');
    const merge = () => mergeGitLabConfig({ file: join(root, '.gitlab-ci.yml'), repositoryRoot: root, read: () => text, list: () => [] });
    const first = checkGitLabConfig(merge());
    const again = checkGitLabConfig(merge());
    assert.equal(again.length, 2);
    assert.ok(
      again.every((finding, index) => finding === first[index]),
      'the same finding objects',
    );
    assert.deepEqual(
      checkGitLabConfig(merge(), { fragment: true }).map((finding) => finding.message),
      ['jobs:bad-rule:rules:rule if invalid expression syntax: ' + first[0]!.message.split('syntax: ')[1]],
      'a fragment is not told it lacks a script',
    );
    text = text.replace('$A ==', '$B ==');
    assert.notEqual(checkGitLabConfig(merge())[0], first[0]);
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
