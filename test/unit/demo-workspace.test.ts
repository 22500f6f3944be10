import { strict as assert } from 'node:assert';
import { readRepoSummary } from '../../src/core/recovery/repo-summary';
import { findPipelineFiles } from '../../src/core/pipelines/find-pipeline-files';
import { lintPaths } from '../../src/core/pipelines/lint-paths';
import { git } from '../support/git';
import { tempFolder } from '../support/temp';

// The sandbox and the VS Code test tiers open this workspace; it must hold the mistakes the README promises.
describe('demo workspace (npm run sandbox)', () => {
  const folder = tempFolder('shipshape demo ');
  let workspace = '';
  before(async () => {
    const { createDemoWorkspace } = await import('../../scripts/lib/demo-workspace.mjs');
    workspace = createDemoWorkspace(folder.path).workspace;
  });
  after(folder.remove);

  it('has two commits on main that are not on origin/main', async () => {
    const summary = await readRepoSummary(workspace);
    assert.equal(summary.branch, 'main');
    assert.equal(summary.upstream, 'origin/main');
    assert.equal(summary.ahead, 2);
    assert.equal(summary.changedFiles, 0);
    assert.equal(git(workspace, 'log', '--format=%s', 'origin/main..main').trim(), 'Add search tests\nAdd search endpoint');
  });

  it('has a dropped stash that is still in the object store', () => {
    assert.equal(git(workspace, 'stash', 'list').trim(), '');
    const dangling = git(workspace, 'fsck', '--no-reflogs', '--unreachable', '--no-progress');
    const stashes = dangling
      .split('\n')
      .filter((line) => line.startsWith('unreachable commit '))
      .map((line) => line.split(' ')[2] as string)
      .filter((sha) => git(workspace, 'log', '-1', '--format=%s', sha).startsWith('On main: WIP: pagination'));
    assert.equal(stashes.length, 1);
  });

  it('has a deleted branch recorded only in the HEAD reflog', () => {
    assert.equal(git(workspace, 'branch', '--list', 'experiment/*').trim(), '');
    assert.match(git(workspace, 'reflog', '--format=%gs'), /checkout: moving from experiment\/cache to main/);
  });

  it('has pipeline files of all three kinds (the Azure pipeline with its steps template, .gitlab-ci.yml with the file it includes)', async () => {
    const found = await findPipelineFiles(workspace);
    assert.deepEqual(
      found.map((file) => file.relativePath),
      [
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        '.gitlab-ci.yml',
        '.gitlab/ci/review-apps.yml',
        'azure-pipelines.yml',
        'templates/build-steps.yml',
      ],
    );
  });

  it('has two Azure mistakes: one in the pipeline, one only its expansion shows, in the template it includes', async () => {
    const report = await lintPaths({ paths: [], root: workspace, cwd: workspace });
    const azure = report.files
      .filter((file) => file.kind === 'azure-pipelines')
      .flatMap((file) =>
        file.findings.map((finding) => {
          const via = finding.related?.map((related) => ` via ${related.path.slice(workspace.length + 1)}:${related.range.start.line}`).join('') ?? '';
          return `${file.path.slice(workspace.length + 1)}:${finding.range.start.line} ${finding.rule}: ${finding.message}${via}`;
        }),
      );
    assert.deepEqual(azure, [
      'azure-pipelines.yml:24 azure-depends-on: Stage Deploy depends on unknown stage Package.',
      'templates/build-steps.yml:11 azure-duplicate-names: The step name test appears more than once. via azure-pipelines.yml:19',
    ]);
  });

  it('has two GitLab mistakes: one in .gitlab-ci.yml, one only the merged configuration shows, in the file it includes', async () => {
    const report = await lintPaths({ paths: [], root: workspace, cwd: workspace });
    const gitlab = report.files
      .filter((file) => file.kind === 'gitlab-ci')
      .flatMap((file) =>
        file.findings.map((finding) => {
          const via = finding.related?.map((related) => ` via ${related.path.slice(workspace.length + 1)}:${related.range.start.line}`).join('') ?? '';
          return `${file.path.slice(workspace.length + 1)}:${finding.range.start.line} ${finding.rule}: ${finding.message}${via}`;
        }),
      );
    assert.deepEqual(gitlab, [
      '.gitlab-ci.yml:32 gitlab-stages: pages job: chosen stage publish does not exist; available stages are .pre, build, test, deploy, .post',
      '.gitlab/ci/review-apps.yml:4 gitlab-needs: review job: undefined need: unit-tests via .gitlab-ci.yml:7',
    ]);
  });
});
