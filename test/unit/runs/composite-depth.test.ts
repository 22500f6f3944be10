import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { runIn } from './helpers';

const WORKFLOW = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/loop
      - run: echo after
`;

describe('local runs: nested composite actions', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-composite-depth-');
  after(() => temp.remove());

  it('refuses, before any step runs, a run whose step uses an action that uses itself (no endless recursion)', async () => {
    const loop = 'runs:\n  using: composite\n  steps:\n    - run: echo level\n      shell: bash\n    - uses: ./.github/actions/loop\n';
    const repo = repoWithWorkflow(temp.path, 'loop', WORKFLOW, { '.github/actions/loop/action.yml': loop });
    const { record, updates } = await runIn(repo, join(temp.path, 'store'));
    // Refused by validation: recorded as not run (issue 12 asks that such a run show as failed).
    assert.notEqual(record.status, 'success');
    assert.match(JSON.stringify(record), /leads to a loop \(\.\/\.github\/actions\/loop → \.\/\.github\/actions\/loop\)/);
    assert.equal(updates.flatMap((update) => (update.type === 'log' ? update.lines : [])).filter((line) => line === 'level').length, 0, 'nothing ran');
  });
});

describe('lint and plan: a local composite action that loops', function () {
  this.timeout(30_000);
  const temp = tempFolder('shipshape-composite-lint-');
  after(() => temp.remove());

  it('reports the loop at the step, in lint and as a plan problem; a deep but finite chain is fine up to 10', async () => {
    const files = {
      '.github/actions/a/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/b\n',
      '.github/actions/b/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/a\n',
      '.github/actions/leaf/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: echo leaf\n      shell: bash\n',
    };
    const repo = repoWithWorkflow(
      temp.path,
      'loops',
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/a\n      - uses: ./.github/actions/leaf\n',
      files,
    );
    const { findings } = validatePipeline({
      path: join(repo, '.github/workflows/ci.yml'),
      text: readFileSync(join(repo, '.github/workflows/ci.yml'), 'utf8'),
      root: repo,
      kind: 'github-workflow',
    });
    const loops = findings.filter((finding) => /leads to a loop/.test(finding.message));
    assert.equal(loops.length, 1, findings.map((finding) => finding.message).join('\n'));
    assert.match(loops[0]?.message ?? '', /\.\/\.github\/actions\/a → \.\/\.github\/actions\/b → \.\/\.github\/actions\/a/);
    assert.equal(loops[0]?.range.start.line, 6);
    const { plan } = await prepareLocalPlan({ repo, workflow: '.github/workflows/ci.yml', event: 'push' });
    assert.ok(
      plan.problems.some((problem) => /leads to a loop/.test(problem)),
      plan.problems.join('\n'),
    );
  });
});
