import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { preflightCommand } from '../../../src/cli/preflight-commands';
import { prepareLocalPlan } from '../../../src/core/runs/local-run';
import { commit, git, sha, writeFile } from '../../support/git';
import { emptyRepoWithIdentity, newClone, newRepo } from '../../support/repos';
import { tempFolder } from '../../support/temp';

// Split so this file holds no key-shaped text a scanner would flag.
const AWS_KEY = ['AKIA', 'QX7ZJ3K5M2N8P4R6'].join('');

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

interface Json {
  verdict: string;
  commits: string[];
  findings: { kind: string; severity: string; message: string; commit?: string; file?: string; line?: number }[];
  pipelines: { file: string; kind: string; willRun: boolean; reason: string; jobs: { id: string; willRun: boolean; reason: string }[] }[];
}

async function preflightJson(repo: string, ...more: string[]): Promise<{ code: number; json: Json; err: string }> {
  const result = await cli(repo, 'preflight', '--json', ...more);
  return { code: result.code, json: JSON.parse(result.out) as Json, err: result.err };
}

const kinds = (json: Json) => json.findings.map((finding) => `${finding.severity} ${finding.kind}`);

describe('shipshape preflight', function () {
  this.timeout(30000);
  const folder = tempFolder('shipshape preflight ');
  after(folder.remove);
  let count = 0;
  /** A clone on a feature branch that is pushed and tracks origin/feature: nothing to push yet. */
  const featureClone = () => {
    const { repo, origin } = newClone(folder.path, `repo${++count}`);
    git(repo, 'switch', '-q', '-c', 'feature');
    git(repo, 'push', '-q', '-u', 'origin', 'feature');
    return { repo, origin };
  };

  it('blocks a secret in an unpushed commit, masked in every output (exit 1)', async () => {
    const { repo } = featureClone();
    const bad = commit(repo, 'config/settings.py', `DEBUG = True\naws_key = "${AWS_KEY}"\n`, 'settings');
    const { code, json } = await preflightJson(repo);
    assert.equal(code, 1);
    assert.equal(json.verdict, 'block');
    assert.deepEqual(json.commits, [bad]);
    const secret = json.findings.find((finding) => finding.kind === 'secret');
    assert.deepEqual(
      { ...secret, message: undefined },
      { kind: 'secret', severity: 'block', commit: bad, file: 'config/settings.py', line: 2, message: undefined },
    );
    const text = await cli(repo, 'preflight');
    assert.equal(text.code, 1);
    assert.match(text.out, /Do not push yet/);
    assert.match(text.out, /AKIA\*+/);
    for (const output of [JSON.stringify(json), text.out, text.err]) assert.ok(!output.includes(AWS_KEY), 'the secret is shown in full');
  });

  it('passes a clean feature branch quietly: no findings, exit 0', async () => {
    const { repo } = featureClone();
    const one = commit(repo, 'src/app.ts', 'export const answer = 42;\n');
    const { code, json } = await preflightJson(repo);
    assert.equal(code, 0);
    assert.deepEqual({ verdict: json.verdict, commits: json.commits, findings: json.findings }, { verdict: 'pass', commits: [one], findings: [] });
    assert.match((await cli(repo, 'preflight')).out, /^Preflight: Ready to push \(1 commit checked\)\.\n$/);
  });

  it('reports conflict markers, a committed .env and an invalid pipeline file the push sends', async () => {
    const { repo } = featureClone();
    writeFile(repo, '.env', 'TOKEN=abc\n');
    writeFile(repo, 'src/merge.ts', 'const a = 1;\n<<<<<<< HEAD\nconst b = 2;\n=======\nconst b = 3;\n>>>>>>> other\n');
    commit(repo, '.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    steps:\n      - run: echo hi\n');
    const { code, json } = await preflightJson(repo);
    assert.equal(code, 1);
    assert.deepEqual(kinds(json).sort(), ['block conflict-marker', 'block env-file', 'block pipeline-error']);
    const marker = json.findings.find((finding) => finding.kind === 'conflict-marker');
    assert.deepEqual([marker?.file, marker?.line], ['src/merge.ts', 2]);
    assert.equal(json.findings.find((finding) => finding.kind === 'pipeline-error')?.file, '.github/workflows/ci.yml');
  });

  it('answers "will CI run" for Azure Pipelines files by their trigger:, and leaves templates out', async () => {
    const { repo } = featureClone();
    writeFile(
      repo,
      'azure-pipelines.yml',
      'trigger:\n  branches:\n    include: [feature]\n  paths:\n    include: [src]\nstages:\n- stage: Build\n  jobs:\n  - job: Compile\n    steps:\n    - template: templates/steps.yml\n- stage: Test\n  jobs:\n  - job: Unit\n    steps:\n    - script: echo test\n',
    );
    writeFile(repo, 'templates/steps.yml', 'steps:\n- script: echo build\n');
    writeFile(repo, 'docs.azure-pipelines.yml', 'trigger: none\njobs:\n- job: Docs\n  steps:\n  - script: echo docs\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'pipelines');
    git(repo, 'push', '-q');
    commit(repo, 'src/app.ts', 'export {};\n');
    const { json } = await preflightJson(repo);
    const azure = json.pipelines.filter((pipeline) => pipeline.kind === 'azure-pipelines');
    assert.deepEqual(
      azure.map((pipeline) => [pipeline.file, pipeline.willRun]),
      [
        ['azure-pipelines.yml', true],
        ['docs.azure-pipelines.yml', false],
      ],
    );
    assert.match(azure[0]?.reason ?? '', /src\/app\.ts match/);
    assert.deepEqual(
      azure[0]?.jobs.map((job) => [job.id, job.willRun]),
      [
        ['Build', true],
        ['Test', true],
      ],
    );
    assert.match(azure[1]?.reason ?? '', /trigger: none/);
    commit(repo, 'README.md', 'docs\n');
    git(repo, 'push', '-q');
    commit(repo, 'notes.txt', 'x\n');
    const docsOnly = (await preflightJson(repo)).json.pipelines.find((pipeline) => pipeline.file === 'azure-pipelines.yml');
    assert.equal(docsOnly?.willRun, false);
    assert.match(docsOnly?.reason ?? '', /no changed file matches/);
  });

  it('answers "will CI run" for .gitlab-ci.yml by GitLab\'s rules for a push of this branch', async () => {
    const { repo } = featureClone();
    writeFile(
      repo,
      '.gitlab-ci.yml',
      [
        'stages: [build, deploy]',
        'include:',
        '  - local: ci/lint.yml',
        'build:',
        '  stage: build',
        '  script: make',
        '  rules:',
        '    - changes: [src/**/*]',
        'deploy:',
        '  stage: deploy',
        '  script: deploy',
        '  rules:',
        '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
        'release:',
        '  stage: deploy',
        '  script: release',
        '  rules:',
        '    - if: $RELEASE_TOKEN',
        '',
      ].join('\n'),
    );
    writeFile(repo, 'ci/lint.yml', 'lint:\n  stage: build\n  script: lint\n  only: [branches]\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'gitlab');
    git(repo, 'push', '-q');
    commit(repo, 'src/app.ts', 'export {};\n');
    const { json } = await preflightJson(repo);
    const gitlab = json.pipelines.find((pipeline) => pipeline.kind === 'gitlab-ci');
    assert.equal(gitlab?.file, '.gitlab-ci.yml');
    assert.equal(gitlab?.willRun, true);
    assert.deepEqual(
      gitlab?.jobs.map((job) => [job.id, job.willRun]),
      [
        ['lint', true],
        ['build', true],
        ['deploy', false],
        ['release', false],
      ],
    );
    assert.match(gitlab?.jobs.find((job) => job.id === 'release')?.reason ?? '', /^cannot tell/);
  });

  it('warns about a pipeline error only in the working tree, without blocking', async () => {
    const { repo } = featureClone();
    writeFile(repo, '.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    steps:\n      - run: echo hi\n');
    const { code, json } = await preflightJson(repo);
    assert.equal(code, 0);
    assert.deepEqual(kinds(json), ['warn pipeline-error']);
  });

  it('answers "will CI run" for path-filtered workflows exactly as the planner does', async () => {
    const { repo } = featureClone();
    const workflow = (paths: string) =>
      `on:\n  push:\n    paths: ['${paths}']\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo test\n  lint:\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lint\n`;
    writeFile(repo, '.github/workflows/src.yml', workflow('src/**'));
    writeFile(repo, '.github/workflows/docs.yml', workflow('docs/**'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'workflows');
    git(repo, 'push', '-q');
    commit(repo, 'src/app.ts', 'export {};\n');
    commit(repo, 'src/lib/util.ts', 'export {};\n');
    const { json } = await preflightJson(repo);
    const byFile = new Map(json.pipelines.map((pipeline) => [pipeline.file, pipeline]));
    assert.deepEqual([...byFile.keys()].sort(), ['.github/workflows/docs.yml', '.github/workflows/src.yml']);
    for (const file of byFile.keys()) {
      const { plan } = await prepareLocalPlan({ repo, workflow: file, changedFiles: ['src/app.ts', 'src/lib/util.ts'] });
      const ours = byFile.get(file);
      assert.equal(ours?.willRun, plan.willRun, file);
      assert.equal(ours?.reason, plan.trigger.reason, file);
      assert.deepEqual(
        ours?.jobs,
        plan.jobs.map((job) => ({ id: job.key, willRun: job.willRun, reason: job.reason })),
      );
    }
    assert.equal(byFile.get('.github/workflows/src.yml')?.willRun, true);
    assert.equal(byFile.get('.github/workflows/docs.yml')?.willRun, false);
    assert.deepEqual(
      byFile.get('.github/workflows/src.yml')?.jobs.map((job) => [job.id, job.willRun]),
      [
        ['test', true],
        ['lint', false],
      ],
    );
  });

  it('blocks a branch that diverged from its upstream and warns when it is only behind', async () => {
    const { repo, origin } = featureClone();
    const other = join(folder.path, `other${count}`);
    git(folder.path, 'clone', '-q', '-b', 'feature', origin, other);
    commit(other, 'theirs.txt', 'theirs\n');
    git(other, 'push', '-q');
    git(repo, 'fetch', '-q');
    const behind = await preflightJson(repo);
    assert.equal(behind.code, 0);
    assert.deepEqual(kinds(behind.json), ['warn behind-upstream']);
    commit(repo, 'mine.txt', 'mine\n');
    const diverged = await preflightJson(repo);
    assert.equal(diverged.code, 1);
    assert.deepEqual(kinds(diverged.json), ['block diverged']);
    assert.match(diverged.json.findings[0]?.message ?? '', /1 commit here, 1 commit there/);
    assert.match((await cli(repo, 'preflight')).out, /git pull --rebase/);
  });

  it('warns about pushing straight to the default branch', async () => {
    const { repo } = newClone(folder.path, `main${++count}`);
    commit(repo, 'a.txt', 'a\n');
    const { code, json } = await preflightJson(repo);
    assert.equal(code, 0);
    assert.equal(json.verdict, 'warn');
    assert.deepEqual(kinds(json), ['warn default-branch']);
  });

  it('in the hook, a force push dropping published commits warns on a branch and blocks on the default branch', async () => {
    const { repo } = newClone(folder.path, `force${++count}`);
    const published = commit(repo, 'a.txt', 'a\n');
    git(repo, 'push', '-q');
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    const rewritten = commit(repo, 'b.txt', 'b\n');
    const run = async (ref: string) => {
      let out = '';
      let err = '';
      const input = `refs/heads/main ${rewritten} ${ref} ${published}\n`;
      const code = await preflightCommand(['--hook', 'origin', 'url', '--json'], { out: (t) => (out += t), err: (t) => (err += t), cwd: repo }, () =>
        Promise.resolve(input),
      );
      return { code, json: JSON.parse(out) as Json, err };
    };
    const onMain = await run('refs/heads/main');
    assert.equal(onMain.code, 1);
    assert.deepEqual(kinds(onMain.json), ['block force-push', 'warn default-branch']);
    assert.match(onMain.json.findings[0]?.message ?? '', /lose 1 published commit/);
    const elsewhere = await run('refs/heads/topic');
    assert.equal(elsewhere.code, 0);
    assert.deepEqual(kinds(elsewhere.json), ['warn force-push']);
  });

  it('in the hook, checks a new branch against what the remote has, and a deletion of a branch sends nothing', async () => {
    const { repo } = featureClone();
    const secret = commit(repo, 'key.txt', `${AWS_KEY}\n`);
    const zero = '0'.repeat(40);
    const hook = async (input: string) => {
      let out = '';
      const code = await preflightCommand(['--hook', 'origin', 'url', '--json'], { out: (t) => (out += t), err: () => undefined, cwd: repo }, () =>
        Promise.resolve(input),
      );
      return { code, json: JSON.parse(out) as Json };
    };
    const fresh = await hook(`refs/heads/feature ${secret} refs/heads/new-branch ${zero}\n`);
    assert.equal(fresh.code, 1);
    assert.deepEqual(fresh.json.commits, [secret]);
    const deletion = await hook(`(delete) ${zero} refs/heads/feature ${sha(repo, 'origin/feature')}\n`);
    assert.deepEqual({ code: deletion.code, commits: deletion.json.commits, findings: deletion.json.findings }, { code: 0, commits: [], findings: [] });
  });

  it('skips binary files and survives invalid UTF-8 in a diff', async () => {
    const { repo } = featureClone();
    writeFileSync(join(repo, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from(AWS_KEY)]));
    writeFileSync(join(repo, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe, 0x0a]));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'bytes');
    const { code, json } = await preflightJson(repo);
    assert.equal(code, 0);
    assert.deepEqual(json.findings, []);
  });

  it('says clearly when it is not in a repository, there are no commits, or there is no remote', async () => {
    const outside = await cli(folder.path, 'preflight');
    assert.equal(outside.code, 2);
    assert.match(outside.err, /not inside a (git working tree|Git repository)/);

    const empty = emptyRepoWithIdentity(join(folder.path, 'empty'));
    const none = await cli(empty, 'preflight');
    assert.equal(none.code, 0);
    assert.match(none.out, /no commits yet: there is nothing to push/);

    const local = newRepo(folder.path, `local${++count}`);
    commit(local, 'key.txt', `${AWS_KEY}\n`);
    const alone = await cli(local, 'preflight');
    assert.equal(alone.code, 1);
    assert.match(alone.out, /no remote to push to/);

    assert.equal((await cli(local, 'preflight', '--remote', 'nowhere')).code, 2);
    assert.equal((await cli(local, 'preflight', 'extra')).code, 2);
  });

  it('lets the push go when the check itself fails, unless --strict', async () => {
    const { repo } = featureClone();
    const broken = (argv: string[]) => {
      let err = '';
      const io = { out: () => undefined, err: (t: string) => (err += t), cwd: repo, env: {} };
      return preflightCommand(argv, io, () => Promise.reject(new Error('stdin closed'))).then((code) => ({ code, err }));
    };
    const lenient = await broken(['--hook', 'origin']);
    assert.equal(lenient.code, 0);
    assert.match(lenient.err, /could not run: .*stdin closed[\s\S]*not blocked/);
    assert.equal((await broken(['--hook', 'origin', '--strict'])).code, 1);
  });
});
