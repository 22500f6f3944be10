import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { commit, git } from '../../support/git';
import { newClone } from '../../support/repos';
import { tempFolder } from '../../support/temp';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: {} });
  return { code, out, err };
}

interface RunsJson {
  verdict: string;
  runs: { workflow: string; job: string; conclusion: string }[];
}

// Two jobs: one passes, one fails only when FAIL is in the file the push sends.
const WORKFLOW = `on:
  push:
    paths: ['src/**']
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello from preflight
  check:
    runs-on: ubuntu-latest
    steps:
      - run: if grep -q FAIL src/app.txt; then exit 1; fi
`;
const DOCS = `on:
  push:
    paths: ['docs/**']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
`;

describe('shipshape preflight --run', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape preflight run ');
  after(folder.remove);
  let count = 0;
  const feature = () => {
    const { repo } = newClone(folder.path, `repo${++count}`);
    git(repo, 'switch', '-q', '-c', 'feature');
    commit(repo, '.github/workflows/ci.yml', WORKFLOW);
    commit(repo, '.github/workflows/docs.yml', DOCS);
    git(repo, 'push', '-q', '-u', 'origin', 'feature');
    return repo;
  };

  it('runs the jobs this push would run and passes when they succeed (the docs workflow is not run)', async () => {
    const repo = feature();
    commit(repo, 'src/app.txt', 'all good\n');
    const { code, out } = await cli(repo, 'preflight', '--json', '--run', '--store', join(folder.path, 'store'));
    const json = JSON.parse(out) as RunsJson;
    assert.equal(code, 0);
    assert.equal(json.verdict, 'pass');
    assert.deepEqual(json.runs, [
      { workflow: '.github/workflows/ci.yml', job: 'greet', conclusion: 'success' },
      { workflow: '.github/workflows/ci.yml', job: 'check', conclusion: 'success' },
    ]);
  });

  it('blocks when a job fails locally, and says which in the text output', async () => {
    const repo = feature();
    commit(repo, 'src/app.txt', 'FAIL\n');
    const json = await cli(repo, 'preflight', '--json', '--run', '--store', join(folder.path, 'store'));
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.out) as RunsJson;
    assert.equal(parsed.verdict, 'block');
    assert.deepEqual(
      parsed.runs.map((run) => `${run.job} ${run.conclusion}`),
      ['greet success', 'check failure'],
    );
    const text = await cli(repo, 'preflight', '--run', '--store', join(folder.path, 'store'));
    assert.equal(text.code, 1);
    assert.match(text.out, /Do not push yet/);
    assert.match(text.out, /Ran locally:\n {2}success +\.github\/workflows\/ci\.yml greet\n {2}failure +\.github\/workflows\/ci\.yml check\n/);
  });

  it('never runs repository code under --untrusted: --run is refused before anything runs', async () => {
    const repo = feature();
    commit(repo, 'src/app.txt', 'all good\n');
    const { code, out, err } = await cli(repo, 'preflight', '--run', '--untrusted', '--store', join(folder.path, 'store'));
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /--run runs the workflows' steps, code from the repository/);
  });
});
