import { strict as assert } from 'node:assert';
import { runPreflight } from '../../../src/core/preflight/preflight';
import type { PreflightReport } from '../../../src/core/preflight/types';
import { preflightEmptyReason, preflightGroups, preflightStatusLook, type PreflightViewState } from '../../../src/vscode/views/preflight-item-model';
import { commit, git } from '../../support/git';
import { newClone } from '../../support/repos';
import { tempFolder } from '../../support/temp';

// Split so this file holds no key-shaped text a scanner would flag.
const AWS_KEY = ['AKIA', 'QX7ZJ3K5M2N8P4R6'].join('');

const WORKFLOWS = {
  docs: 'on:\n  push:\n    paths: ["docs/**"]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo docs\n',
  ci: "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo test\n  deploy:\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo deploy\n",
};

/** The view's state for a repository, read by the real check. */
async function stateOf(repo: string, fixes: ReadonlyMap<string, string> = new Map()): Promise<PreflightViewState> {
  const result = await runPreflight(repo);
  return { status: 'ready', root: repo, report: result.report, commits: result.commits, notes: result.notes, fixes };
}

describe('Preflight view model', () => {
  const folder = tempFolder('shipshape preflight view ');
  after(folder.remove);
  let count = 0;
  const feature = () => {
    const { repo } = newClone(folder.path, `repo${++count}`);
    git(repo, 'switch', '-q', '-c', 'feature');
    git(repo, 'push', '-q', '-u', 'origin', 'feature');
    return repo;
  };

  it('shows a secret in an unpushed commit as blocking, and its action is the recovery fix for that commit', async () => {
    const repo = feature();
    const bad = commit(repo, 'config/settings.py', `DEBUG = True\naws_key = "${AWS_KEY}"\n`, 'Add settings');
    const state = await stateOf(repo, new Map([[bad, 'fix-123']]));
    const look = preflightStatusLook(state);
    assert.equal(look.verdict, 'block');
    assert.equal(look.text, '$(error) Preflight: 1 to fix');
    assert.match(look.tooltip, /1 commit to push/);
    assert.match(look.tooltip, /AKIA\*+/);
    assert.ok(!look.tooltip.includes(AWS_KEY), 'the tooltip shows the secret');

    const groups = preflightGroups(state);
    assert.deepEqual(
      groups.map((group) => `${group.label} (${group.description})`),
      ['Commits to push (1)', 'Risky content (1 to fix)'],
    );
    assert.deepEqual(
      groups[0]?.rows.map((row) => [row.label, row.description, row.action]),
      [['Add settings', bad.slice(0, 7), { kind: 'commit', sha: bad }]],
    );
    const secret = groups[1]?.rows[0];
    assert.deepEqual(secret?.action, { kind: 'fix', fixId: 'fix-123' });
    assert.equal(secret?.description, bad.slice(0, 7));
    assert.equal(secret?.color, 'error');
    assert.equal(preflightEmptyReason(state), undefined);
  });

  it('opens the file at the line when no recovery fix is known for the commit', async () => {
    const repo = feature();
    commit(repo, 'config/settings.py', `DEBUG = True\naws_key = "${AWS_KEY}"\n`);
    const groups = preflightGroups(await stateOf(repo));
    assert.deepEqual(groups.find((group) => group.id === 'content')?.rows[0]?.action, { kind: 'open', file: 'config/settings.py', line: 2 });
  });

  it('lists what CI will run for the push: workflows with their jobs, and why the others will not', async () => {
    const repo = feature();
    commit(repo, '.github/workflows/docs.yml', WORKFLOWS.docs);
    commit(repo, '.github/workflows/ci.yml', WORKFLOWS.ci);
    const state = await stateOf(repo);
    assert.equal(preflightStatusLook(state).text, '$(pass) Ready to push');
    const ci = preflightGroups(state).find((group) => group.id === 'ci');
    assert.equal(ci?.description, '1 of 2 workflows');
    const shown = ci?.rows.map((row) => `${row.label}: ${row.description} [${row.children?.map((job) => `${job.label} ${job.description}`).join(', ')}]`);
    assert.deepEqual(shown, [
      '.github/workflows/ci.yml: will run [test will run, deploy skipped]',
      '.github/workflows/docs.yml: will not run [publish skipped]',
    ]);
    assert.match(ci?.rows[1]?.tooltip ?? '', /will not run: .*paths/);
    assert.deepEqual(ci?.rows[0]?.action, { kind: 'open', file: '.github/workflows/ci.yml' });
  });

  it('puts branch findings (straight to the default branch) in Branch state, with the help in the tooltip', async () => {
    const { repo } = newClone(folder.path, `repo${++count}`);
    commit(repo, 'src/app.ts', 'export const a = 1;\n');
    const groups = preflightGroups(await stateOf(repo));
    const branch = groups.find((group) => group.id === 'branch');
    assert.deepEqual(
      branch?.rows.map((row) => row.icon),
      ['warning'],
    );
    assert.match(branch?.rows[0]?.label ?? '', /main/);
    assert.equal(branch?.rows[0]?.action, undefined);
  });

  it('is empty, with the welcome reason, when there is nothing to push; the status bar says so', async () => {
    const repo = feature();
    const state = await stateOf(repo);
    assert.deepEqual(preflightGroups(state), []);
    assert.equal(preflightEmptyReason(state), 'nothing-to-push');
    assert.equal(preflightStatusLook(state).text, '$(pass) Nothing to push');
  });

  it('hides the status bar item outside a repository and says why the check failed', () => {
    assert.equal(preflightStatusLook({ status: 'no-repository' }).visible, false);
    assert.equal(preflightEmptyReason({ status: 'no-repository' }), 'no-repository');
    const failed = preflightStatusLook({ status: 'error', message: 'git is missing' });
    assert.equal(failed.text, '$(circle-slash) Preflight');
    assert.match(failed.tooltip, /git is missing/);
  });

  it('counts warnings apart from blocking findings', () => {
    const report: PreflightReport = {
      verdict: 'warn',
      commits: ['a'.repeat(40)],
      findings: [{ kind: 'large-file', severity: 'warn', message: 'big.bin is 60 MB', file: 'big.bin', commit: 'a'.repeat(40) }],
      pipelines: [],
    };
    const state: PreflightViewState = {
      status: 'ready',
      root: '/r',
      report,
      commits: [{ sha: 'a'.repeat(40), subject: 'Add data' }],
      notes: [],
      fixes: new Map(),
    };
    assert.equal(preflightStatusLook(state).text, '$(warning) Preflight: 1 to check');
    assert.equal(preflightGroups(state).find((group) => group.id === 'content')?.description, '1 to check');
  });
});
