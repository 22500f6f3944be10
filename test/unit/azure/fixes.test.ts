import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Finding } from '../../../src/core/pipelines/finding';
import { applyTextEdits } from '../../../src/core/pipelines/text-edits';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

describe('Azure quick fixes', () => {
  const folder = tempFolder('shipshape azure fixes ');
  after(folder.remove);
  const path = join(folder.path, 'azure-pipelines.yml');

  before(() => {
    writeFile(
      folder.path,
      'templates/build.yml',
      [
        'parameters:',
        '- name: target',
        '  type: string',
        '- name: flavour',
        '  default: release',
        'steps:',
        '- script: make ${{ parameters.target }}',
        '',
      ].join('\n'),
    );
  });

  const validate = (text: string): readonly Finding[] => validatePipeline({ path, text, root: folder.path }).findings;

  /** The one finding of `rule`, its first fix applied, validated again: the fixed text and what is left of that rule. */
  function fix(text: string, rule: string): { title: string; fixed: string; left: string[] } {
    const finding = validate(text).find((candidate) => candidate.rule === rule);
    assert.ok(finding, `no ${rule} finding in:\n${text}`);
    const first = finding.fixes?.[0];
    assert.ok(first, `the ${rule} finding "${finding.message}" has no fix`);
    const fixed = applyTextEdits(text, first.edits);
    const left = validate(fixed).map((candidate) => `${candidate.rule} ${candidate.message}`);
    return { title: first.title, fixed, left };
  }

  const lines = (...text: string[]) => [...text, ''].join('\n');

  it('changes an unknown key to the key it is a typo of', () => {
    const text = lines('jobs:', '- job: Build', '  pool: { vmImage: ubuntu-latest }', '  stepz:', '  - script: echo hi');
    const result = fix(text, 'azure-keys');
    assert.equal(result.title, "Change to 'steps'");
    assert.equal(result.fixed, text.replace('stepz', 'steps'));
    assert.deepEqual(result.left, []);
  });

  it('changes an unknown task input to the input it is a typo of', () => {
    const text = lines('steps:', '- task: Bash@3', '  inputs:', '    scirpt: echo hi');
    const result = fix(text, 'azure-tasks');
    assert.equal(result.fixed, text.replace('scirpt', 'script'));
    assert.deepEqual(result.left, []);
  });

  it('changes a dependsOn naming no stage to the closest stage name, quoted or not', () => {
    const text = lines('stages:', '- stage: Build', '  jobs: []', '- stage: Deploy', "  dependsOn: 'Buld'", '  jobs: []');
    const result = fix(text, 'azure-depends-on');
    assert.equal(result.title, "Change to 'Build'");
    assert.equal(result.fixed, text.replace("'Buld'", "'Build'"));
    assert.deepEqual(result.left, []);
    // A job's dependsOn in a list.
    const jobs = lines('jobs:', '- job: Compile', '  steps: [{ script: make }]', '- job: Test', '  dependsOn: [Compil]', '  steps: [{ script: make test }]');
    assert.equal(fix(jobs, 'azure-depends-on').fixed, jobs.replace('[Compil]', '[Compile]'));
  });

  it('offers no rename when no name is close', () => {
    const text = lines('stages:', '- stage: Build', '  jobs: []', '- stage: Deploy', '  dependsOn: Package', '  jobs: []');
    const finding = validate(text).find((candidate) => candidate.rule === 'azure-depends-on');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });

  it('renames a duplicate stage or job with a suffix no other name has', () => {
    const stages = lines('stages:', '- stage: Build', '  jobs: []', '- stage: Build_2', '  jobs: []', '- stage: Build', '  jobs: []');
    const result = fix(stages, 'azure-duplicate-names');
    assert.equal(result.title, "Rename to 'Build_3'");
    assert.equal(result.fixed, lines('stages:', '- stage: Build', '  jobs: []', '- stage: Build_2', '  jobs: []', '- stage: Build_3', '  jobs: []'));
    assert.deepEqual(result.left, []);
    const jobs = lines('jobs:', '- job: Test', '  steps: [{ script: a }]', '- job: test', '  steps: [{ script: b }]');
    assert.equal(fix(jobs, 'azure-duplicate-names').fixed, jobs.replace('job: test', 'job: test_2'));
  });

  it('adds a missing required parameter under the reference, with or without a parameters key', () => {
    const bare = lines('steps:', '- template: templates/build.yml', '- script: echo done');
    const added = fix(bare, 'azure-template-parameters');
    assert.equal(added.title, "Add the 'target' parameter");
    assert.equal(added.fixed, lines('steps:', '- template: templates/build.yml', '  parameters:', '    target: ', '- script: echo done'));
    assert.deepEqual(added.left, []);

    const withOthers = lines('steps:', '- template: templates/build.yml', '  parameters:', '      flavour: debug');
    const result = fix(withOthers, 'azure-template-parameters');
    assert.equal(result.fixed, lines('steps:', '- template: templates/build.yml', '  parameters:', '      target: ', '      flavour: debug'));
    assert.deepEqual(result.left, []);

    const empty = lines('jobs:', '- job: A', '  steps:', '  - template: templates/build.yml', '    parameters:');
    assert.equal(
      fix(empty, 'azure-template-parameters').fixed,
      lines('jobs:', '- job: A', '  steps:', '  - template: templates/build.yml', '    parameters:', '      target: '),
    );
  });

  it('leaves flow-style parameters to the person', () => {
    const text = lines('steps:', '- template: templates/build.yml', '  parameters: { flavour: debug }');
    const finding = validate(text).find((candidate) => candidate.rule === 'azure-template-parameters');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });
});
