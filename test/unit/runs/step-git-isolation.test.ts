import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, writeFile } from '../../support/git';
import { newClone } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { job, logOf, repositoryFingerprint, runIn } from './helpers';

function commitWorkflow(repo: string, steps: string): void {
  writeFile(repo, '.github/workflows/ci.yml', `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'workflow');
}

/** The caller's environment with a home of its own (its `.gitconfig` given), and no GIT_CONFIG_GLOBAL, so git reads that home. */
function homeEnv(home: string, gitconfig: string, more: Record<string, string> = {}): NodeJS.ProcessEnv {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, '.gitconfig'), gitconfig);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...more };
  delete env.GIT_CONFIG_GLOBAL;
  return env;
}

describe("a step's git acts on the run's copy only", function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-step-git-');
  after(() => temp.remove());

  it('the repository-locating variables of a hook (GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_*…) never reach a step', async () => {
    const { repo } = newClone(temp.path, 'hooked');
    commitWorkflow(
      repo,
      `      - run: |
          env | grep -E '^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|COMMON_DIR|NAMESPACE|PREFIX|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_0|CONFIG_VALUE_0|CONFIG)=' || echo no-repository-variables
          git tag leaked-tag
          git config user.name leaked-by-step
          echo made-in-step > stepfile.txt
          git add stepfile.txt
`,
    );
    const dotGit = join(repo, '.git');
    const before = [repositoryFingerprint(repo), git(repo, 'config', '--local', '--list')].join('\n');
    // What git exports to a hook run in a linked worktree, and what `git -c` passes down.
    const { record, updates } = await runIn(repo, join(temp.path, 'store'), {
      hostEnv: homeEnv(join(temp.path, 'hooked-home'), '', {
        GIT_DIR: dotGit,
        GIT_WORK_TREE: repo,
        GIT_INDEX_FILE: join(dotGit, 'index'),
        GIT_OBJECT_DIRECTORY: join(dotGit, 'objects'),
        GIT_COMMON_DIR: dotGit,
        GIT_NAMESPACE: 'ns',
        GIT_PREFIX: 'sub/',
        GIT_CONFIG_PARAMETERS: "'core.hookspath'='/tmp/elsewhere'",
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'core.hooksPath',
        GIT_CONFIG_VALUE_0: '/tmp/elsewhere',
      }),
    });
    assert.equal(job(record, 'a').status, 'success', JSON.stringify(job(record, 'a')));
    assert.deepEqual(
      logOf(updates, 'a', 0).filter((line) => /GIT_|no-repository/.test(line)),
      ['no-repository-variables'],
    );
    assert.equal([repositoryFingerprint(repo), git(repo, 'config', '--local', '--list')].join('\n'), before);
  });

  it('a push to a URL the step names, or through a remote it adds, is blocked; --allow-push lets it through', async () => {
    const { repo, origin } = newClone(temp.path, 'pusher');
    // The user's own push rewrite (longer than any blocking prefix) must not open a way out either.
    const home = join(temp.path, 'pusher-home');
    const gitconfig = `[url "${temp.path}/"]\n\tpushInsteadOf = mine:\n`;
    commitWorkflow(
      repo,
      `      - run: git push ${origin} HEAD:refs/heads/by-url
        continue-on-error: true
      - run: git push file://${origin} HEAD:refs/heads/by-file-url
        continue-on-error: true
      - run: git remote add other ${origin} && git push other HEAD:refs/heads/by-new-remote
        continue-on-error: true
      - run: git push mine:pusher-origin.git HEAD:refs/heads/by-users-rewrite
        continue-on-error: true
`,
    );
    const remoteBefore = git(origin, 'for-each-ref');
    const { record } = await runIn(repo, join(temp.path, 'store'), { hostEnv: homeEnv(home, gitconfig) });
    assert.deepEqual(record.plan.problems, []);
    assert.deepEqual(
      job(record, 'a').steps.map((s) => s.outcome),
      ['failure', 'failure', 'failure', 'failure'],
    );
    assert.equal(git(origin, 'for-each-ref'), remoteBefore, 'nothing reached the remote');

    const allowed = await runIn(repo, join(temp.path, 'store'), { hostEnv: homeEnv(home, gitconfig), allowPush: true });
    assert.deepEqual(
      job(allowed.record, 'a').steps.map((s) => s.outcome),
      ['success', 'success', 'success', 'success'],
    );
    assert.deepEqual(git(origin, 'for-each-ref', '--format=%(refname)', 'refs/heads/by-*').split('\n').filter(Boolean), [
      'refs/heads/by-file-url',
      'refs/heads/by-new-remote',
      'refs/heads/by-url',
      'refs/heads/by-users-rewrite',
    ]);
  });

  it("`git config --global` in a step changes a copy of the user's global config, which the step still reads", async () => {
    const { repo } = newClone(temp.path, 'globals');
    const home = join(temp.path, 'globals-home');
    const gitconfig = '[user]\n\tname = Real User\n';
    commitWorkflow(
      repo,
      `      - run: git config user.name
      - run: |
          git config --global user.name "github-actions[bot]"
          git config --global --add safe.directory '*'
          test "$(git config user.name)" = "github-actions[bot]"
`,
    );
    const { record, updates } = await runIn(repo, join(temp.path, 'store'), { hostEnv: homeEnv(home, gitconfig) });
    assert.equal(job(record, 'a').status, 'success', JSON.stringify(job(record, 'a')));
    assert.deepEqual(
      logOf(updates, 'a', 0).filter((line) => !line.startsWith('default shell')),
      ['Real User'],
    );
    assert.equal(readFileSync(join(home, '.gitconfig'), 'utf8'), gitconfig);
  });
});
