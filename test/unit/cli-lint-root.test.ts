import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { findProjectRoot } from '../../src/core/pipelines/project-root';
import { git, writeFile } from '../support/git';
import { tempFolder } from '../support/temp';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const BROKEN = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    needs: tset', '    steps: [{run: echo a}]', ''].join('\n');

/** Issue #11, item 18: without git, `shipshape lint` finds the project as it does with git. */
describe('shipshape lint without git', () => {
  const folder = tempFolder('shipshape lint no git ');
  const project = join(folder.path, 'project');
  before(() => {
    writeFile(project, '.github/workflows/broken.yml', BROKEN);
    writeFile(project, 'src/deep/er/file.txt', 'x\n');
  });
  after(folder.remove);

  it('finds the folder holding .github (or .git) by walking up, else keeps the folder', () => {
    assert.equal(findProjectRoot(join(project, '.github', 'workflows')), project);
    assert.equal(findProjectRoot(join(project, 'src', 'deep', 'er')), project);
    assert.equal(findProjectRoot(project), project);
    assert.equal(findProjectRoot(folder.path), folder.path);
    writeFile(project, 'sub/.git', 'gitdir: elsewhere\n'); // a submodule's .git is a file
    assert.equal(findProjectRoot(join(project, 'sub')), join(project, 'sub'));
  });

  for (const sub of ['.github/workflows', 'src/deep/er']) {
    it(`lints the project's workflows from ${sub} in a folder that is not a repository`, async () => {
      const result = await cli(join(project, sub), 'lint');
      assert.equal(result.code, 1, result.out + result.err);
      assert.match(result.out, /broken\.yml:5:12: error: Job "build" needs "tset"/);
    });
  }

  it('lints the repository from a subfolder when git is not on PATH', async () => {
    const repo = join(folder.path, 'repo');
    writeFile(repo, '.github/workflows/broken.yml', BROKEN);
    writeFile(repo, 'src/a.txt', 'a\n');
    git(repo, 'init', '-q', '-b', 'main');
    const path = process.env.PATH;
    process.env.PATH = join(folder.path, 'no-programs-here');
    try {
      const result = await cli(join(repo, 'src'), 'lint');
      assert.equal(result.code, 1, result.out + result.err);
      assert.match(result.out, /^\.\.\/\.github\/workflows\/broken\.yml:5:12: error/);
    } finally {
      process.env.PATH = path;
    }
  });
});
