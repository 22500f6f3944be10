import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Fix } from '../../../src/core/pipelines/finding';
import { stageInsertIndex } from '../../../src/core/pipelines/gitlab/gitlab-fixes';
import { applyTextEdits } from '../../../src/core/pipelines/text-edits';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { lines, writeRepository } from './support';

/** Validates `file` of a repository holding `files`, as the editor does. */
function validate(folder: string, file: string, text: string): readonly Finding[] {
  return validatePipeline({ path: join(folder, file), text, root: folder, kind: 'gitlab-ci' }).findings;
}

const described = (findings: readonly Finding[]): string[] => findings.map((finding) => `${finding.rule} ${finding.message}`);

/**
 * The finding of `rule` in `file`, its fix titled `title` (else its first) applied to the file it
 * edits, and the repository validated again: the fixed text and what is left in `file`.
 */
function fix(files: Record<string, string>, rule: string, title?: string, file = '.gitlab-ci.yml'): { fix: Fix; fixed: string; left: string[] } {
  const folder = writeRepository(files);
  const text = files[file] as string;
  const findings = validate(folder, file, text).filter((candidate) => candidate.rule === rule);
  assert.ok(findings.length, `no ${rule} finding in:\n${text}`);
  const chosen = findings.flatMap((finding) => finding.fixes ?? []).find((candidate) => title === undefined || candidate.title === title);
  assert.ok(chosen, `no ${rule} finding has the fix ${title ?? ''}: ${JSON.stringify(findings.map((f) => [f.message, f.fixes?.map((x) => x.title)]))}`);
  const target = chosen.file ?? join(folder, file);
  const fixed = applyTextEdits(readFileSync(target, 'utf8'), chosen.edits);
  const after = { ...files, [target.slice(folder.length + 1)]: fixed };
  const again = writeRepository(after);
  return { fix: chosen, fixed, left: described(validate(again, file, after[file] as string)) };
}

describe('GitLab quick fixes', () => {
  it('changes an unknown job key to the keyword it is a typo of, and not to one the job has', () => {
    const text = lines('build:', '  stage: build', '  scirpt: make', '  artefacts:', '    paths: [out]');
    const result = fix({ '.gitlab-ci.yml': text }, 'gitlab-job', "Change to 'script'");
    assert.equal(result.fixed, text.replace('scirpt', 'script'));
    assert.deepEqual(result.left, ['gitlab-job jobs:build config contains unknown keys: artefacts']);
    // A key the job has already is no candidate (the rename would write it twice).
    const folder = writeRepository({ '.gitlab-ci.yml': lines('build:', '  script: make', '  scripts: [x]') });
    const finding = validate(folder, '.gitlab-ci.yml', lines('build:', '  script: make', '  scripts: [x]')).find((f) => f.rule === 'gitlab-job');
    assert.equal(finding?.fixes, undefined);
  });

  it('changes a root key GitLab takes for a job to the global keyword it is a typo of', () => {
    const text = lines('stage: [build, test]', 'varaibles:', '  NAME: value', 'build:', '  stage: build', '  script: make');
    const stages = fix({ '.gitlab-ci.yml': text }, 'gitlab-job', "Change to 'stages'");
    assert.equal(stages.fixed, text.replace('stage: [', 'stages: ['));
    const variables = fix({ '.gitlab-ci.yml': stages.fixed }, 'gitlab-job', "Change to 'variables'");
    assert.equal(variables.fixed, lines('stages: [build, test]', 'variables:', '  NAME: value', 'build:', '  stage: build', '  script: make'));
    assert.deepEqual(variables.left, []);
  });

  it('changes a need or dependency naming no job to the closest job name, quoted or not', () => {
    const text = lines('build:', '  stage: build', '  script: make', 'test:', '  needs: ["buld"]', '  dependencies: [buil]', '  script: make test');
    const needs = fix({ '.gitlab-ci.yml': text }, 'gitlab-needs', "Change to 'build'");
    assert.equal(needs.fixed, text.replace('"buld"', '"build"'));
    assert.deepEqual(needs.left, ['gitlab-needs jobs:test dependencies the buil should be part of needs', 'gitlab-needs test job: undefined dependency: buil']);
    const dependencies = fix({ '.gitlab-ci.yml': needs.fixed }, 'gitlab-needs', "Change to 'build'");
    assert.deepEqual(dependencies.left, []);
    // `needs: [{ job: x }]` too.
    const mapped = lines('build:', '  script: make', 'test:', '  needs:', '    - job: buld', '      artifacts: true', '  script: make test');
    assert.equal(fix({ '.gitlab-ci.yml': mapped }, 'gitlab-needs').fixed, mapped.replace('job: buld', 'job: build'));
  });

  it('changes an extends naming no job to the closest template, in the file that names it', () => {
    const base = lines('.base:', '  image: node', '  script: make');
    const text = lines('include: ci/base.yml', 'build:', '  extends: [.bse]');
    const result = fix({ '.gitlab-ci.yml': text, 'ci/base.yml': base }, 'gitlab-extends');
    assert.equal(result.fix.title, "Change to '.base'");
    assert.equal(result.fixed, text.replace('.bse', '.base'));
    assert.deepEqual(result.left, []);
  });

  it('changes a stage that is a typo of a declared one, or adds it to stages: where its needs put it', () => {
    const text = lines(
      'stages:',
      '  - build',
      '  - deploy',
      'build:',
      '  stage: build',
      '  script: make',
      'unit:',
      '  stage: tests',
      '  needs: [build]',
      '  script: make test',
      'ship:',
      '  stage: deploy',
      '  needs: [unit]',
      '  script: make ship',
    );
    const declared = text.replace('  - deploy', '  - test\n  - deploy');
    const renamed = fix({ '.gitlab-ci.yml': declared }, 'gitlab-stages', "Change to 'test'");
    assert.equal(renamed.fixed, declared.replace('stage: tests', 'stage: test'));
    assert.deepEqual(renamed.left, []);
    const added = fix({ '.gitlab-ci.yml': text.replace('tests', 'verify') }, 'gitlab-stages', "Add 'verify' to stages:");
    assert.equal(added.fixed.split('\n').slice(0, 4).join('\n'), 'stages:\n  - build\n  - verify\n  - deploy');
    assert.deepEqual(added.left, []);
  });

  it('adds a stage to a flow list, and a new stages: list with the defaults when there is none', () => {
    const flow = lines('stages: [build]', 'lint:', '  stage: lint', '  script: make lint', 'build:', '  stage: build', '  script: make', '  needs: [lint]');
    const inFlow = fix({ '.gitlab-ci.yml': flow }, 'gitlab-stages');
    assert.equal(inFlow.fixed, flow.replace('[build]', '[lint, build]'));
    // `test` is the stage of a job without one: still there once lint is added.
    assert.deepEqual(inFlow.left, []);

    const none = lines('# The pipeline', '', 'variables:', '  A: b', '', '# Publishes the package', 'publish:', '  stage: release', '  script: make publish');
    const created = fix({ '.gitlab-ci.yml': none }, 'gitlab-stages');
    assert.equal(created.fix.title, "Add 'release' to a new stages: list");
    assert.equal(
      created.fixed,
      lines(
        '# The pipeline',
        '',
        'variables:',
        '  A: b',
        '',
        'stages:',
        '  - build',
        '  - test',
        '  - release',
        '  - deploy',
        '',
        '# Publishes the package',
        'publish:',
        '  stage: release',
        '  script: make publish',
      ),
    );
    assert.deepEqual(created.left, []);
  });

  it('adds the stage to the stages: of the included file that declares them', () => {
    const files = {
      '.gitlab-ci.yml': lines('include: ci/stages.yml', 'pack:', '  stage: package', '  script: make pack'),
      'ci/stages.yml': lines('stages:', '  - build', '  - test', '  - deploy'),
    };
    const result = fix(files, 'gitlab-stages');
    assert.ok(result.fix.file?.endsWith(join('ci', 'stages.yml')), result.fix.file);
    assert.equal(result.fixed, lines('stages:', '  - build', '  - test', '  - package', '  - deploy'));
    assert.deepEqual(result.left, []);
  });

  it('puts a stage after the stages its jobs need, before those of the jobs needing them, else in the usual order, else last', () => {
    assert.equal(stageInsertIndex(['a', 'b', 'c'], 'x', ['b'], ['c']), 2);
    assert.equal(stageInsertIndex(['a', 'b', 'c'], 'x', [], ['b']), 1);
    assert.equal(stageInsertIndex(['build', 'deploy'], 'test', [], []), 1);
    assert.equal(stageInsertIndex(['test', 'deploy'], 'build', [], []), 0);
    assert.equal(stageInsertIndex(['build', 'test'], 'smoke', [], []), 2);
  });

  it('offers no rename when no name is close', () => {
    const text = lines('build:', '  script: make', 'test:', '  needs: [package]', '  script: make test');
    const folder = writeRepository({ '.gitlab-ci.yml': text });
    const finding = validate(folder, '.gitlab-ci.yml', text).find((candidate) => candidate.rule === 'gitlab-needs');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });
});
