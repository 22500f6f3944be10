import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../../support/temp';
import { repoWithWorkflow } from '../../support/repos';
import { git, sha } from '../../support/git';
import { job, logOf, runIn, step } from './helpers';

/* Where a local run must behave as GitHub's runner documents it, not as is convenient. */
describe('local runs: what the runner does, as GitHub documents it', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-runner-semantics-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  it("gives a push the pushed commit's message, author and tree, and github.workflow its name and ref, as GitHub's payload and context do", async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'push-payload',
      `name: Release notes
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - env:
          MESSAGE: \${{ github.event.head_commit.message }}
          AUTHOR: \${{ github.event.head_commit.author.email }}
          TREE: \${{ github.event.head_commit.tree_id }}
          COMMITS: \${{ toJSON(github.event.commits.*.id) }}
          WORKFLOW: \${{ github.workflow }}
          WORKFLOW_REF: \${{ github.workflow_ref }}
          DEFAULT_BRANCH: \${{ github.event.repository.default_branch }}
          BEFORE: \${{ github.event.before }}
          CREATED: \${{ github.event.created }}
        run: |
          echo "before=$BEFORE created=$CREATED"
          echo "message=$MESSAGE"
          echo "author=$AUTHOR"
          echo "tree=$TREE"
          echo "commits=$(echo $COMMITS | tr -d ' \\n')"
          echo "workflow=$WORKFLOW"
          echo "workflow_ref=$WORKFLOW_REF"
          echo "default_branch=$DEFAULT_BRANCH"
`,
    );
    git(repo, 'checkout', '-q', '-b', 'trunk');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'Fix the parser\n\nLonger text.');
    const head = sha(repo, 'HEAD');
    const { updates } = await runIn(repo, store);
    const log = logOf(updates, 'a', 0);
    const value = (name: string) => log.find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1);
    assert.equal(value('message'), 'Fix the parser', log.join('\n'));
    assert.equal(value('author'), 'test@example.com');
    assert.equal(value('tree'), sha(repo, 'HEAD^{tree}'));
    assert.equal(value('commits'), `["${head}"]`);
    assert.equal(value('workflow'), 'Release notes');
    assert.match(value('workflow_ref') ?? '', /\/\.github\/workflows\/ci\.yml@refs\/heads\/trunk$/);
    assert.equal(value('default_branch'), 'main', 'no origin: main, the branch the repository has');
    assert.equal(value('before'), '0000000000000000000000000000000000000000 created=true', 'no upstream: a new branch');

    // Pushed once, then a commit more: `before` is what the remote branch is at.
    const origin = join(temp.path, 'push-payload-origin.git');
    git(temp.path, 'init', '-q', '--bare', origin);
    git(repo, 'remote', 'add', 'origin', origin);
    git(repo, 'push', '-q', '-u', 'origin', 'trunk');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'Second');
    const again = logOf((await runIn(repo, store)).updates, 'a', 0);
    assert.ok(again.includes(`before=${head} created=false`), again.join('\n'));
  });

  it("gives a pull request its base branch's commit as base.sha and the default branch as its base when none is given", async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'pr-payload',
      `on: pull_request
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - env:
          BASE: \${{ github.event.pull_request.base.ref }}@\${{ github.event.pull_request.base.sha }}
          HEAD_SHA: \${{ github.event.pull_request.head.sha }}
        run: echo "base=$BASE head=$HEAD_SHA"
`,
    );
    const base = sha(repo, 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'feature');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'Feature');
    const { updates } = await runIn(repo, store, { event: 'pull_request' });
    const log = logOf(updates, 'a', 0);
    assert.ok(log.includes(`base=main@${base} head=${sha(repo, 'HEAD')}`), log.join('\n'));
  });

  it('gives each step github.output, github.env, github.step_summary and github.event_path, the files the runner names', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'step-files',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: write
        run: |
          echo "answer=42" >> "\${{ github.output }}"
          echo "FROM_ENV=yes" >> "\${{ github.env }}"
          echo "# Summary" >> "\${{ github.step_summary }}"
      - run: |
          echo "answer=\${{ steps.write.outputs.answer }} env=$FROM_ENV"
          test -f "\${{ github.event_path }}" && echo "payload read"
`,
    );
    const { record, updates } = await runIn(repo, store);
    const log = logOf(updates, 'a', 1);
    assert.ok(log.includes('answer=42 env=yes'), log.join('\n'));
    assert.ok(log.includes('payload read'), log.join('\n'));
    assert.match(job(record, 'a').summary ?? '', /# Summary/);
  });

  it('fails a step whose working-directory does not exist, and creates nothing', async () => {
    const outside = join(temp.path, 'outside', 'never', 'created');
    const repo = repoWithWorkflow(
      temp.path,
      'missing-dir',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: relative
        continue-on-error: true
        run: pwd
        working-directory: does-not-exist
      - id: absolute
        continue-on-error: true
        run: pwd
        working-directory: ${outside}
      - id: file
        continue-on-error: true
        run: pwd
        working-directory: README.md
      - id: existing
        run: pwd
        working-directory: sub
`,
      { 'sub/keep.txt': 'x\n' },
    );
    const { record, updates } = await runIn(repo, store);
    const a = job(record, 'a');
    assert.deepEqual(
      a.steps.map((s) => [s.id, s.outcome]),
      [
        ['relative', 'failure'],
        ['absolute', 'failure'],
        ['file', 'failure'],
        ['existing', 'success'],
      ],
    );
    assert.match(step(a, 'relative').reason ?? '', /working-directory "does-not-exist" does not exist/);
    assert.match(step(a, 'file').reason ?? '', /is not a folder/);
    assert.ok(!existsSync(join(temp.path, 'outside')), 'an absolute working-directory is never created on the host');
    assert.ok(logOf(updates, 'a', 3).some((line) => line.endsWith('/sub')));
  });

  it('fails a step whose environment file GitHub cannot read (a multi-line value never closed), as the runner does', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'env-file',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: broken
        continue-on-error: true
        run: |
          echo 'fine=yes' >> "$GITHUB_OUTPUT"
          echo 'notes<<EOF' >> "$GITHUB_OUTPUT"
          echo 'never closed' >> "$GITHUB_OUTPUT"
      - id: ok
        run: echo 'value=1' >> "$GITHUB_OUTPUT"
`,
    );
    const { record } = await runIn(repo, store);
    const a = job(record, 'a');
    assert.deepEqual(
      a.steps.map((s) => [s.id, s.outcome]),
      [
        ['broken', 'failure'],
        ['ok', 'success'],
      ],
    );
    assert.match(step(a, 'broken').reason ?? '', /GITHUB_OUTPUT: .*no line is exactly "EOF"/);
  });

  it('gives job.status as failure after a failed step, and cancelled in a cancelled leg', async () => {
    const marker = join(temp.path, 'leg-2-started');
    const repo = repoWithWorkflow(
      temp.path,
      'job-status',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: before
        run: echo "status=\${{ job.status }}"
      - run: exit 1
      - id: after
        if: always()
        run: echo "status=\${{ job.status }}"
      - id: implicit-success
        if: job.status == 'failure'
        run: echo never, success() is implied without a status function
      - id: notify
        if: always() && job.status == 'failure'
        run: echo notified
  legs:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        n: [1, 2]
    steps:
      - run: |
          # leg 1 fails once leg 2 runs, so fail-fast cancels a running leg
          if [ "\${{ matrix.n }}" = 1 ]; then
            for i in $(seq 100); do [ -e "${marker}" ] && exit 1; sleep 0.1; done; exit 1
          else
            touch "${marker}"; sleep 20
          fi
      - id: cleanup
        if: always()
        run: echo "status=\${{ job.status }}"
`,
    );
    const { record, updates } = await runIn(repo, store, { maxParallel: 3 });
    const a = job(record, 'a');
    assert.ok(logOf(updates, 'a', 0).includes('status=success'));
    assert.ok(logOf(updates, 'a', 2).includes('status=failure'));
    assert.equal(step(a, 'implicit-success').status, 'skipped');
    assert.match(step(a, 'implicit-success').reason ?? '', /GitHub adds success\(\) to an if: without a status function, and an earlier step failed/);
    assert.equal(step(a, 'notify').status, 'success');
    assert.equal(job(record, 'legs (2)').status, 'cancelled');
    assert.ok(logOf(updates, 'legs (1)', 1).includes('status=failure'));
    assert.ok(logOf(updates, 'legs (2)', 1).includes('status=cancelled'));
  });

  it('gives github.event.inputs as strings while inputs keeps booleans and numbers typed', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'inputs',
      `on:
  workflow_dispatch:
    inputs:
      dry: {type: boolean, default: true}
      count: {type: number, default: 3}
      name: {type: string}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo 'event=\${{ toJSON(github.event.inputs.dry) }} \${{ toJSON(github.event.inputs.count) }} \${{ toJSON(github.event.inputs.name) }}'
          echo 'typed=\${{ toJSON(inputs.dry) }} \${{ toJSON(inputs.count) }}'
          node -e 'console.log(JSON.stringify(require(process.env.GITHUB_EVENT_PATH).inputs))'
          echo "legacy=\${{ github.event.inputs.dry == 'true' }}"
`,
    );
    const { record, updates } = await runIn(repo, store, { event: 'workflow_dispatch', inputs: { count: '7' } });
    assert.equal(job(record, 'a').status, 'success');
    const lines = logOf(updates, 'a', 0);
    assert.ok(lines.includes('event="true" "7" ""'), lines.join('\n'));
    assert.ok(lines.includes('typed=true 7'), lines.join('\n'));
    assert.ok(lines.includes('legacy=true'));
    assert.ok(lines.includes('{"dry":"true","count":"7","name":""}'), 'the event file holds strings too');
  });
});
