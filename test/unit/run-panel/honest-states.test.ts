import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problemLists, type WorkflowPlan } from '../../../src/core/runs/plan';
import type { RunPanelState } from '../../../src/protocol/run-panel';
import type { LiveJob, RunEntry } from '../../../src/vscode/runs/local-runs-model';
import { problemLocation } from '../../../src/vscode/runs/run-panel-files';
import { panelStateOf } from '../../../src/vscode/runs/run-panel-state';
import { changeAnnouncements } from '../../../src/webview/run-panel/announcements';

const WARNING = "asked for Node 18, ran on this machine's Node 20.11.1";
const leg = (key: string, extra: Partial<LiveJob> = {}): LiveJob => ({
  key,
  name: 'test',
  status: 'success',
  limitations: [],
  steps: [
    { index: 0, name: 'Run actions/setup-node@v4', status: 'skipped', ...(extra.warnings ? { warning: WARNING, reason: WARNING } : {}) },
    { index: 1, name: 'Run npm test', status: 'success', durationMs: 5 },
  ],
  ...extra,
});

function entry(jobs: LiveJob[], extra: Partial<RunEntry> = {}): RunEntry {
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
    ...extra,
  };
}

const refusedPlan = {
  workflow: '.github/workflows/ci.yml',
  ...problemLists([
    { message: 'Unknown key "runs_on".', file: '.github/workflows/ci.yml', line: 4, column: 5, rule: 'syntax-check' },
    { message: 'Unknown key "runs_on".', file: '.github/workflows/ci.yml', line: 4, column: 5, rule: 'syntax-check' },
    { message: 'input "x" is required; give it with --input x=VALUE' },
  ]),
} as Partial<WorkflowPlan> as WorkflowPlan;

describe('run panel: honest states', () => {
  it('shows a success that ran on another toolchain as a warning, with its reason, on the leg, its step and the run', () => {
    const state = panelStateOf(entry([leg('test (18)', { warnings: [WARNING] }), leg('test (20)')]), new Map(), undefined);
    const [old, current] = state.jobs;
    assert.equal(state.run.status, 'warning');
    assert.equal(old?.status, 'warning');
    assert.deepEqual(old?.warnings, [WARNING]);
    assert.equal(old?.steps[0]?.status, 'warning');
    assert.equal(old?.steps[0]?.reason, WARNING);
    assert.equal(current?.status, 'success');
    assert.equal(current?.steps[0]?.status, 'skipped');
  });

  it('lists each problem of a refused run once, with a short place to open', () => {
    const state = panelStateOf(entry([], { status: 'failure', problem: 'The workflow cannot run: 2 problems.', plan: refusedPlan }), new Map(), undefined);
    assert.equal(state.run.status, 'failure');
    assert.deepEqual(state.run.problems, [
      { message: 'Unknown key "runs_on".', location: 'ci.yml:4:5', rule: 'syntax-check' },
      { message: 'input "x" is required; give it with --input x=VALUE', location: undefined, rule: undefined },
    ]);
  });

  it('opens a problem in the repository at its 0-based line and column; one without a place opens nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'shipshape-problem-'));
    try {
      const run = { id: 'run-1', record: { repositoryRoot: root, workflow: '.github/workflows/ci.yml' } };
      assert.deepEqual(problemLocation(run, { file: '.github/workflows/ci.yml', line: 4, column: 5 }, []), {
        file: join(root, '.github', 'workflows', 'ci.yml'),
        line: 3,
        column: 4,
      });
      assert.equal(problemLocation(run, { file: '../elsewhere.yml', line: 1 }, []), undefined);
      assert.equal(problemLocation(run, {}, []), undefined);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('announces what finished, briefly, and nothing for the first state', () => {
    const running = panelStateOf(
      entry([leg('build', { status: 'running' }), leg('test (18)', { status: 'running' })], { status: 'running' }),
      new Map(),
      undefined,
    );
    const later = panelStateOf(
      entry([leg('build', { status: 'failure', name: 'build' }), leg('test (18)', { warnings: [WARNING] })], { status: 'failure' }),
      new Map(),
      undefined,
    );
    assert.deepEqual(changeAnnouncements(undefined, running), []);
    assert.deepEqual(changeAnnouncements(running, running), []);
    assert.deepEqual(changeAnnouncements(running, later), ['Job build failed', `Job test (18) finished with a warning: ${WARNING}`, 'Run failed']);
    const refused: RunPanelState = panelStateOf(entry([], { status: 'failure', problem: 'x', plan: refusedPlan }), new Map(), undefined);
    assert.deepEqual(changeAnnouncements(panelStateOf(entry([], { status: 'running' }), new Map(), undefined), refused), [
      'The workflow cannot run: 2 problems',
    ]);
  });
});
