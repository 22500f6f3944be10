import { strict as assert } from 'node:assert';
import { join, relative } from 'node:path';
import type { GitLabOutline } from '../../../src/core/pipelines/gitlab/pipeline-outline';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { lines, readFile, writeRepository } from './support';

describe('GitLab outline (the Pipelines view)', () => {
  function outline(folder: string, path: string): GitLabOutline {
    const file = join(folder, path);
    const result = validatePipeline({ path: file, text: readFile(file) ?? '', root: folder, kind: 'gitlab-ci', gitlab: { outline: true } });
    assert.ok(result.gitlabOutline, 'no outline');
    return result.gitlabOutline;
  }

  /** `stage` then `  job @file:line (needs …) [trigger]` per node (lines 1-based, as a person reads them). */
  const shown = (folder: string, result: GitLabOutline): string[] =>
    result.stages.flatMap((stage) => [
      `${stage.name}${stage.declared ? '' : ' (not declared)'}`,
      ...stage.jobs.map(
        (job) =>
          `  ${job.name} @${relative(folder, job.place.file)}:${job.place.line + 1}` +
          (job.needs ? ` needs [${job.needs.join(', ')}]` : '') +
          (job.trigger ? ` trigger ${job.trigger}` : ''),
      ),
    ]);

  it('shows the merged stages and jobs in stages: order, each job at the line it is written in, with needs and triggers', () => {
    const folder = writeRepository({
      '.gitlab-ci.yml': lines(
        'stages: [build, test, deploy, cleanup]',
        'include:',
        '  - local: ci/deploy.yml',
        'default:',
        '  image: node:20',
        '.npm:',
        '  stage: build',
        '  before_script: [npm ci]',
        'compile:',
        '  extends: .npm',
        '  script: npm run build',
        'unit:',
        '  stage: test',
        '  needs: [compile]',
        '  script: npm test',
        'lint:',
        '  stage: test',
        '  needs: []',
        '  script: npm run lint',
      ),
      'ci/deploy.yml': lines(
        'review:',
        '  stage: deploy',
        '  needs: [unit, { job: lint, artifacts: false }]',
        '  script: ./deploy.sh',
        'docs:',
        '  stage: deploy',
        '  trigger:',
        '    include: docs/.gitlab-ci.yml',
        'downstream:',
        '  stage: deploy',
        '  trigger: group/website',
      ),
    });
    const result = outline(folder, '.gitlab-ci.yml');
    assert.deepEqual(shown(folder, result), [
      // The stage comes through extends; the hidden .npm is a template, not a job.
      'build',
      '  compile @.gitlab-ci.yml:9',
      'test',
      '  unit @.gitlab-ci.yml:12 needs [compile]',
      '  lint @.gitlab-ci.yml:16 needs []',
      'deploy',
      '  review @ci/deploy.yml:1 needs [unit, lint]',
      '  docs @ci/deploy.yml:5 trigger child pipeline',
      '  downstream @ci/deploy.yml:9 trigger group/website',
      // Declared, with no job yet: shown (GitLab would skip it), so the list reads as stages: does.
      'cleanup',
    ]);
    assert.deepEqual(result.counts, { stages: 4, jobs: 6 });
    assert.equal(result.includedBy, undefined);
    assert.equal(result.problem, undefined);
  });

  it("uses GitLab's default stages when stages: is absent, .pre and .post only when a job is in them, and a job's stage not declared after them", () => {
    const folder = writeRepository({
      '.gitlab-ci.yml': lines(
        'deploy:',
        '  stage: deploy',
        '  script: ./deploy.sh',
        'tests:',
        '  script: make test',
        'notify:',
        '  stage: .post',
        '  script: ./notify.sh',
        'pages:',
        '  stage: publish',
        '  script: make site',
        'setup:',
        '  stage: .pre',
        '  script: ./setup.sh',
      ),
    });
    assert.deepEqual(shown(folder, outline(folder, '.gitlab-ci.yml')), [
      '.pre',
      '  setup @.gitlab-ci.yml:12',
      // No stage: is test.
      'test',
      '  tests @.gitlab-ci.yml:4',
      'deploy',
      '  deploy @.gitlab-ci.yml:1',
      '.post',
      '  notify @.gitlab-ci.yml:6',
      'publish (not declared)',
      '  pages @.gitlab-ci.yml:9',
    ]);
  });

  it('shows an included file as the jobs it brings into the configuration that includes it', () => {
    const folder = writeRepository({
      '.gitlab-ci.yml': lines('stages: [build, deploy]', 'include: ci/deploy.yml', 'build:', '  stage: build', '  script: make'),
      'ci/deploy.yml': lines('.deploy:', '  stage: deploy', 'production:', '  extends: .deploy', '  needs: [build]', '  script: ./deploy.sh'),
    });
    const result = outline(folder, 'ci/deploy.yml');
    assert.equal(result.includedBy, '.gitlab-ci.yml');
    // Its stage from the template it extends; only the stages its jobs are in.
    assert.deepEqual(shown(folder, result), ['deploy', '  production @ci/deploy.yml:3 needs [build]']);
    assert.deepEqual(result.counts, { stages: 1, jobs: 1 });
  });

  it('does not call the stages of a fragment checked alone undeclared: the file that includes it may declare them', () => {
    const folder = writeRepository({ 'ci/jobs.yml': lines('lint:', '  stage: verify', '  script: make lint') });
    assert.deepEqual(shown(folder, outline(folder, 'ci/jobs.yml')), ['verify', '  lint @ci/jobs.yml:1']);
  });

  it('says why a configuration cannot be merged: an include missing, YAML GitLab refuses', () => {
    const folder = writeRepository({
      '.gitlab-ci.yml': lines('include: ci/missing.yml', 'build:', '  script: make'),
      'broken.gitlab-ci.yml': lines('build:', '  script: [make', 'test:', '  script: make test'),
    });
    const missing = outline(folder, '.gitlab-ci.yml');
    assert.match(missing.problem ?? '', /Local file `ci\/missing\.yml` does not exist!/);
    // What could be merged is still shown.
    assert.deepEqual(shown(folder, missing), ['test', '  build @.gitlab-ci.yml:2']);
    assert.ok(outline(folder, 'broken.gitlab-ci.yml').problem);
    // An unknown extends is an error in the file, not a merge that failed.
    const unknown = writeRepository({ '.gitlab-ci.yml': lines('build:', '  extends: .nope', '  script: make') });
    assert.equal(outline(unknown, '.gitlab-ci.yml').problem, undefined);
  });

  it('gives no outline unless asked (lint)', () => {
    const folder = writeRepository({ '.gitlab-ci.yml': lines('build:', '  script: make') });
    const file = join(folder, '.gitlab-ci.yml');
    assert.equal(validatePipeline({ path: file, text: readFile(file) ?? '', root: folder }).gitlabOutline, undefined);
  });
});
