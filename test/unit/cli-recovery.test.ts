import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { commit, git } from '../support/git';
import { newClone } from '../support/repos';
import { tempFolder } from '../support/temp';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

/** Everything a fix may touch and an undo must restore (our own snapshot refs aside). */
const state = (repo: string) =>
  [
    git(repo, 'for-each-ref', '--format=%(refname) %(objectname)')
      .split('\n')
      .filter((line) => !line.startsWith('refs/shipshape/'))
      .join('\n'),
    git(repo, 'symbolic-ref', '-q', 'HEAD'),
    git(repo, 'rev-parse', 'HEAD'),
    git(repo, 'ls-files', '-s'),
    git(repo, 'status', '--porcelain=v1', '-uall'),
  ].join('\n---\n');

describe('shipshape doctor / fix / snapshots (on the demo workspace)', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape cli recovery ');
  let repo = '';
  before(async () => {
    const { createDemoWorkspace } = await import('../../scripts/lib/demo-workspace.mjs');
    repo = createDemoWorkspace(folder.path).workspace;
  });
  after(folder.remove);

  it('lists the situations with fixes and their exact commands', async () => {
    const result = await cli(repo, 'doctor');
    assert.equal(result.code, 0);
    assert.match(result.out, /^1\. 2 commits on main belong on a branch {2}\[wrong-branch\]/);
    assert.match(
      result.out,
      /fix [0-9a-f]{12}: Move 2 commits to a new branch add-search-endpoint\n {7}git branch add-search-endpoint [0-9a-f]{40}\n {7}git reset --keep [0-9a-f]{40}\n/,
    );
    assert.match(result.out, /Deleted branch experiment\/cache/);
  });

  it('prints what to be careful about with each fix, and gives effect and risks in JSON', async () => {
    const { repo: secrets } = newClone(folder.path, 'secret moved');
    const settings = commit(secrets, 'settings.env', `AWS_ACCESS_KEY_ID=${['AKIA', 'Z7Q3XK5N2M4P6R8T'].join('')}\n`, 'Settings');
    git(secrets, 'rm', '-q', 'settings.env');
    git(secrets, 'commit', '-q', '-m', 'Remove settings');
    const careful = `careful: ${settings.slice(0, 7)} "Settings" holds an AWS access key (settings.env): the branch keeps it in its history.`;
    assert.ok((await cli(secrets, 'doctor')).out.includes(`git reset --keep`), 'the move is offered');
    assert.ok((await cli(secrets, 'doctor')).out.includes(careful));
    const json = JSON.parse((await cli(secrets, 'doctor', '--json')).out) as { situations: { kind: string; fixes: { effect: string; risks: string[] }[] }[] };
    const move = json.situations.find((situation) => situation.kind === 'wrong-branch')?.fixes[0];
    assert.match(move?.effect ?? '', /^Creates the branch settings/);
    assert.match(move?.risks[0] ?? '', /holds an AWS access key/);
  });

  it('finds the dropped stash with --deep', async () => {
    const result = await cli(repo, 'doctor', '--deep');
    assert.equal(result.code, 0);
    assert.match(result.out, /3\. .*WIP: pagination.* {2}\[dropped-stash\]/);
  });

  it('prints JSON with ids that stay the same while the repository is unchanged', async () => {
    const first = JSON.parse((await cli(repo, 'doctor', '--json')).out) as {
      repo: string;
      situations: { id: string; kind: string; fixes: { id: string; commands: string[]; rewritesHistory: boolean }[] }[];
    };
    const second = JSON.parse((await cli(join(repo, '..'), 'doctor', '--json', '--repo', repo)).out) as typeof first;
    assert.equal(first.repo, repo);
    assert.deepEqual(first, second);
    assert.deepEqual(
      first.situations.map((s) => s.kind),
      ['wrong-branch', 'deleted-branch'],
    );
    assert.equal(first.situations[0]?.fixes[0]?.rewritesHistory, false);
  });

  it('applies a fix only with --yes, and undoes it exactly', async () => {
    const before = state(repo);
    const doctor = JSON.parse((await cli(repo, 'doctor', '--json')).out) as { situations: { fixes: { id: string }[] }[] };
    const fixId = doctor.situations[0]?.fixes[0]?.id ?? '';

    const unconfirmed = await cli(repo, 'fix', fixId);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.err, /add --yes to confirm/);
    assert.equal(state(repo), before);

    const applied = await cli(repo, 'fix', fixId, '--yes', '--json');
    assert.equal(applied.code, 0, applied.err);
    const { snapshotId } = JSON.parse(applied.out) as { snapshotId: string };
    assert.equal(git(repo, 'rev-list', '--count', 'origin/main..main').trim(), '0');
    assert.equal(git(repo, 'rev-list', '--count', 'origin/main..add-search-endpoint').trim(), '2');

    const listed = await cli(repo, 'snapshots');
    assert.match(listed.out, new RegExp(`^${snapshotId} .*Move 2 commits to a new branch add-search-endpoint \\(applied\\)$`, 'm'));

    const undone = await cli(repo, 'fix', '--undo', '--yes');
    assert.equal(undone.code, 0, undone.err);
    assert.equal(state(repo), before);
  });

  it('says when it finds nothing, and that the quick look leaves the object scan to --deep', async () => {
    const clean = tempFolder();
    try {
      git(clean.path, 'init', '-q', '-b', 'main');
      git(clean.path, '-c', 'user.name=T', '-c', 'user.email=t@t.invalid', 'commit', '-q', '--allow-empty', '-m', 'start');
      const quick = await cli(clean.path, 'doctor');
      assert.equal(quick.code, 0);
      assert.deepEqual(quick.out.trim().split('\n'), [
        'Nothing to undo: Shipshape found no git mistake here.',
        'That was the quick look: "shipshape doctor --deep" also scans every object for dropped stashes and files staged before a hard reset.',
      ]);
      assert.equal((await cli(clean.path, 'doctor', '--deep')).out, 'Nothing to undo: Shipshape found no git mistake here.\n');
    } finally {
      clean.remove();
    }
  });

  it('says clearly what is wrong, with exit 2', async () => {
    const outside = tempFolder();
    try {
      const notRepo = await cli(outside.path, 'doctor');
      assert.equal(notRepo.code, 2);
      assert.match(notRepo.err, /^shipshape: .* is not inside a Git repository\./);
      assert.equal(notRepo.out, '');
      // Asked for JSON, a script reading stdout gets the failure as JSON (the line on stderr stays).
      const asJson = await cli(outside.path, 'doctor', '--json');
      assert.equal(asJson.code, 2);
      const { error } = JSON.parse(asJson.out) as { error: { code: string; message: string } };
      assert.equal(error.code, 'not-a-repository');
      assert.match(error.message, /is not inside a Git repository\./);
      assert.match(asJson.err, /^shipshape: /);
    } finally {
      outside.remove();
    }
    assert.equal((await cli(repo, 'fix', 'nope', '--yes')).code, 2);
    assert.equal((await cli(repo, 'fix')).code, 2);
    assert.equal((await cli(repo, 'doctor', 'extra')).code, 2);
    assert.equal((await cli(repo, 'fix', '--purge', '--yes')).code, 2);
  });
});
