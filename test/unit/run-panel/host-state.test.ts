import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowPlan } from '../../../src/core/runs/plan';
import type { JobResult } from '../../../src/core/runs/run-types';
import type { LiveJob, RunEntry } from '../../../src/vscode/runs/local-runs-model';
import { annotationFile, repositoryRoot } from '../../../src/vscode/runs/run-panel-files';
import { panelStateOf } from '../../../src/vscode/runs/run-panel-state';

const liveJob = (key: string, name = key): LiveJob => ({
  key,
  name,
  status: 'success',
  limitations: [],
  steps: [{ index: 0, name: 'Run it', status: 'success', durationMs: 5 }],
});
const planJob = (key: string, jobId: string, needs: string[]) => ({
  key,
  jobId,
  name: jobId,
  matrix: null,
  needs,
  willRun: true,
  reason: '',
  limitations: [],
  steps: [],
  line: 0,
});

function entry(jobs: LiveJob[], plan?: Partial<WorkflowPlan>, extra: Partial<RunEntry> = {}): RunEntry {
  return {
    id: 'run-1',
    kind: 'run',
    workflow: '.github/workflows/ci.yml',
    name: 'CI',
    event: 'push',
    ref: 'refs/heads/main',
    startedAt: new Date(0),
    status: 'success',
    jobs,
    ...(plan ? { plan: plan as WorkflowPlan } : {}),
    ...extra,
  };
}

const result = (key: string, extra: Partial<JobResult>): JobResult => ({
  key,
  jobId: key,
  name: key,
  matrix: null,
  needs: [],
  status: 'failure',
  outputs: {},
  steps: [],
  reason: undefined,
  durationMs: 1,
  annotations: [],
  summary: '',
  limitations: [],
  ...extra,
});

describe('run panel host: state', () => {
  it('joins matrix legs: a leg needs every leg of each job it needs', () => {
    const plan = {
      jobs: [
        planJob('build (18)', 'build', []),
        planJob('build (20)', 'build', []),
        planJob('test', 'test', ['build']),
        planJob('deploy', 'deploy', ['test', 'ghost']),
      ],
    };
    const state = panelStateOf(
      entry([liveJob('build (18)', 'build'), liveJob('build (20)', 'build'), liveJob('test'), liveJob('deploy')], plan),
      new Map(),
      undefined,
    );
    assert.deepEqual(Object.fromEntries(state.jobs.map((job) => [job.key, job.needs])), {
      'build (18)': [],
      'build (20)': [],
      test: ['build (18)', 'build (20)'],
      deploy: ['test'],
    });
    assert.equal(state.run.ref, 'main');
    assert.equal(state.selected, undefined);
  });

  it('takes needs from results for legs the plan did not list (a matrix only known at run time)', () => {
    const live = new Map([
      ['lint (a)', result('lint (a)', { jobId: 'lint' })],
      ['report', result('report', { needs: ['lint'] })],
    ]);
    const state = panelStateOf(entry([liveJob('lint (a)'), liveJob('report')]), live, undefined);
    assert.deepEqual(state.jobs[1]?.needs, ['lint (a)']);
  });

  it('lists annotations with their location and summaries per job; text stays text', () => {
    const live = new Map([
      [
        '<script>alert(1)</script>',
        result('<script>alert(1)</script>', {
          annotations: [
            { level: 'error', message: '<img src=x onerror=alert(1)>', file: 'src/a.ts', line: 3, column: 7, job: '<script>alert(1)</script>', step: 0 },
            { level: 'notice', message: 'no file', job: 'x', step: 0 },
          ],
          summary: '# <b>hi</b>',
        }),
      ],
    ]);
    const state = panelStateOf(entry([liveJob('<script>alert(1)</script>')]), live, { jobKey: '<script>alert(1)</script>', stepIndex: 0 });
    assert.deepEqual(state.annotations, [
      { level: 'error', message: '<img src=x onerror=alert(1)>', title: undefined, location: 'src/a.ts:3:7', jobKey: '<script>alert(1)</script>' },
      { level: 'notice', message: 'no file', title: undefined, location: undefined, jobKey: 'x' },
    ]);
    assert.deepEqual(state.summaries, [
      { jobKey: '<script>alert(1)</script>', jobName: '<script>alert(1)</script>', markdown: '# <b>hi</b>', truncated: false },
    ]);
  });

  it('offers Cancel while running and Re-run when done (with a request to repeat)', () => {
    const running = panelStateOf(
      entry([], undefined, { status: 'running', controller: new AbortController(), request: { repo: '/r', workflow: 'ci.yml' } }),
      new Map(),
      undefined,
    );
    assert.deepEqual([running.run.canCancel, running.run.canRerun], [true, false]);
    const done = panelStateOf(entry([], undefined, { request: { repo: '/r', workflow: '/r/.github/workflows/ci.yml' } }), new Map(), undefined);
    assert.deepEqual([done.run.canCancel, done.run.canRerun], [false, true]);
  });
});

describe('run panel host: annotation files', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'shipshape-panel-repo-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), 'x');
    symlinkSync(tmpdir(), join(root, 'out-link'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("resolves files inside the repository, including paths in the run's isolated copy", () => {
    assert.equal(annotationFile(root, 'src/a.ts', 'r1'), join(root, 'src', 'a.ts'));
    assert.equal(annotationFile(root, '/tmp/shipshape-run-r1/workspace/src/a.ts', 'r1'), join(root, 'src', 'a.ts'));
    assert.equal(annotationFile(root, 'src/missing.ts', 'r1'), join(root, 'src', 'missing.ts'));
    assert.equal(annotationFile(root, 'missing-at-root.ts', 'r1'), join(root, 'missing-at-root.ts'));
  });

  it('refuses paths that leave the repository, by .., absolute path or symbolic link', () => {
    for (const file of ['../outside.txt', 'src/../../outside.txt', '/etc/passwd', 'out-link/anything', '.', ''])
      assert.equal(annotationFile(root, file, 'r1'), undefined, file);
  });

  it('finds the repository from the started workflow path, else a folder holding the workflow', () => {
    assert.equal(repositoryRoot('.github/workflows/ci.yml', join(root, '.github', 'workflows', 'ci.yml'), []), root);
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'on: push');
    assert.equal(repositoryRoot('.github/workflows/ci.yml', undefined, ['/nowhere', root]), root);
    assert.equal(repositoryRoot(undefined, undefined, [root]), undefined);
  });
});
