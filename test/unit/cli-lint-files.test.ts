import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { git, writeFile } from './../support/git';
import { tempFolder } from '../support/temp';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const BROKEN = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    needs: tset', '    steps:', '      - uses: actions/checkout@v4', ''].join(
  '\n',
);

describe('shipshape lint: which files, and what it says about those it does not check', () => {
  const repo = tempFolder('shipshape lint files ');
  before(() => {
    git(repo.path, 'init', '-q', '-b', 'main');
    writeFile(repo.path, '.github/workflows/broken.yml', BROKEN);
    writeFile(repo.path, '.github/workflows/other.yml', BROKEN);
  });
  after(repo.remove);

  it('classifies a folder argument from the repository root, not from inside the folder', async () => {
    const whole = await cli(repo.path, 'lint');
    assert.equal(whole.code, 1);
    assert.equal(whole.out.trim().split('\n').length, 2);
    assert.deepEqual(await cli(repo.path, 'lint', '.github/workflows'), whole);
    assert.deepEqual(await cli(repo.path, 'lint', '.github'), whole);
    const inside = await cli(join(repo.path, '.github', 'workflows'), 'lint', '.');
    assert.equal(inside.code, 1);
    assert.match(inside.out, /^broken\.yml:5:12: error: Job "build" needs "tset"/);
  });

  it('names a file over 2 MB with its size without reading it, however large', async () => {
    const big = join(repo.path, 'big');
    mkdirSync(join(big, '.github', 'workflows'), { recursive: true });
    git(big, 'init', '-q', '-b', 'main');
    // Sparse: no disk used. A 1 GB file used to be "no such file" (a string that large cannot be made).
    writeFileSync(join(big, '.github/workflows/huge.yml'), '');
    truncateSync(join(big, '.github/workflows/huge.yml'), 1024 ** 3);
    writeFileSync(join(big, '.github/workflows/large.yml'), '');
    truncateSync(join(big, '.github/workflows/large.yml'), 300 * 1024 ** 2);
    const result = await cli(big, 'lint');
    assert.equal(result.code, 0);
    assert.deepEqual(result.out.trim().split('\n'), [
      '.github/workflows/huge.yml:1:1: info: This file is over 2 MB (1024 MB), so Shipshape does not check it. [file-too-large]',
      '.github/workflows/large.yml:1:1: info: This file is over 2 MB (300 MB), so Shipshape does not check it. [file-too-large]',
    ]);
  });

  it('says a link to a device is not a regular file instead of "no such file"', async () => {
    const link = join(repo.path, 'zero.yml');
    symlinkSync('/dev/zero', link);
    const result = await cli(repo.path, 'lint', 'zero.yml');
    assert.equal(result.code, 1);
    assert.equal(result.out, 'zero.yml:1:1: error: Not checked: it is a device, not a regular file. [file-not-checked]\n');
  });

  it('checks every file of a large tree: no silent cap', async () => {
    const many = join(repo.path, 'many');
    mkdirSync(join(many, '.github', 'workflows'), { recursive: true });
    git(many, 'init', '-q', '-b', 'main');
    const count = 2_100;
    for (let i = 0; i < count; i++) writeFileSync(join(many, '.github/workflows', `w${i}.yml`), BROKEN);
    const result = await cli(many, 'lint', '--format', 'json');
    const items = JSON.parse(result.out) as { file: string }[];
    assert.equal(new Set(items.map((item) => item.file)).size, count);
  });
});

describe('shipshape lint FILE: the mistakes a named pipeline meets in the files it uses', () => {
  const repo = tempFolder('shipshape lint reached ');
  before(() => {
    git(repo.path, 'init', '-q', '-b', 'main');
    writeFile(
      repo.path,
      'azure-pipelines.yml',
      ['trigger: [main]', 'steps:', '- template: templates/build.yml', '  parameters:', '    name: x', ''].join('\n'),
    );
    writeFile(
      repo.path,
      'templates/build.yml',
      ['parameters:', '- name: name', '  type: string', 'steps:', '- script: echo ${{ parameters.name }}', '  displayNam: Build', ''].join('\n'),
    );
    writeFile(repo.path, '.gitlab-ci.yml', ['include:', '  - local: ci/build.yml', 'stages: [build]', ''].join('\n'));
    writeFile(repo.path, 'ci/build.yml', ['build:', '  stage: build', '  script: make', '  needs: [nothing]', ''].join('\n'));
  });
  after(repo.remove);

  it("reports an Azure pipeline's template mistake under the template when only the pipeline is named", async () => {
    const { code, out } = await cli(repo.path, 'lint', 'azure-pipelines.yml');
    assert.equal(code, 1);
    assert.equal(out, 'templates/build.yml:6:3: error: Unexpected value \'displayNam\' in a script step. Did you mean "displayName"? [azure-keys]\n');
  });

  it('reports a mistake in a file .gitlab-ci.yml includes when only .gitlab-ci.yml is named', async () => {
    const { code, out } = await cli(repo.path, 'lint', '.gitlab-ci.yml');
    assert.equal(code, 1);
    assert.equal(out, 'ci/build.yml:4:11: error: build job: undefined need: nothing [gitlab-needs]\n');
  });

  it('checks a named file as GitLab CI when the repository includes it, though neither its path nor its content says so', async () => {
    const { code, out } = await cli(repo.path, 'lint', 'ci/build.yml');
    assert.equal(code, 1);
    assert.equal(out, 'ci/build.yml:4:11: error: build job: undefined need: nothing [gitlab-needs]\n');
  });
});

describe('shipshape lint: files a pipeline uses are read with the same care as those named', () => {
  const repo = tempFolder('shipshape lint used files ');
  before(() => {
    git(repo.path, 'init', '-q', '-b', 'main');
    writeFile(repo.path, 'azure-pipelines.yml', ['trigger: [main]', 'steps:', '- template: templates/zero.yml', ''].join('\n'));
    mkdirSync(join(repo.path, 'templates'));
    symlinkSync('/dev/zero', join(repo.path, 'templates', 'zero.yml'));
    writeFile(repo.path, '.gitlab-ci.yml', ['include:', '  - local: ci/zero.yml', 'build:', '  script: make', ''].join('\n'));
    mkdirSync(join(repo.path, 'ci'));
    symlinkSync('/dev/zero', join(repo.path, 'ci', 'zero.yml'));
    writeFile(
      repo.path,
      '.github/workflows/ci.yml',
      ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: ./zero-action', ''].join('\n'),
    );
    mkdirSync(join(repo.path, 'zero-action'));
    symlinkSync('/dev/zero', join(repo.path, 'zero-action', 'action.yml'));
  });
  after(repo.remove);

  // A link to /dev/zero read whole never ends (and a 300 MB template would be read to be parsed): each is refused as unreadable.
  // Reported where the file is named, as a file that is not there (the reader's one answer for "not read").
  const expected = {
    'azure-pipelines.yml': /^azure-pipelines\.yml:3:13: error: .*\[azure-template\]$/,
    '.gitlab-ci.yml': /^\.gitlab-ci\.yml:2:12: error: .*\[gitlab-include\]$/,
    '.github/workflows/ci.yml': /^\.github\/workflows\/ci\.yml:6:15: warning: .*\[action\]$/,
  };
  for (const [file, line] of Object.entries(expected)) {
    it(`does not read a device that ${file} uses`, async function () {
      this.timeout(20_000);
      const { out } = await cli(repo.path, 'lint', file);
      assert.match(out.trim(), line);
    });
  }
});
