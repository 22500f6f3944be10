import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

const BROKEN = [
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    needs: tset',
  '    steps:',
  '      - run: echo "::set-output name=a::b"',
  '',
].join('\n');
const CLEAN = ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm test', ''].join('\n');

describe('shipshape lint', () => {
  const repo = tempFolder('shipshape lint ');
  before(() => {
    git(repo.path, 'init', '-q', '-b', 'main');
    writeFile(repo.path, '.github/workflows/broken.yml', BROKEN);
    writeFile(repo.path, '.github/workflows/clean.yml', CLEAN);
    writeFile(repo.path, 'docs/notes.yml', 'title: not a pipeline\n');
    writeFile(repo.path, 'elsewhere/wf.yml', CLEAN.replace('npm test', 'echo "::set-env name=A::1"'));
  });
  after(repo.remove);

  it('lints the repository by default, text format, exit 1 on errors', async () => {
    const result = await cli(join(repo.path, 'docs'), 'lint');
    assert.equal(result.code, 1);
    assert.deepEqual(result.out.trim().split('\n'), [
      '../.github/workflows/broken.yml:5:12: error: Job "build" needs "tset", but there is no job with that id. [job-needs]',
      '../.github/workflows/broken.yml:7:20: error: The "::set-output" workflow command is deprecated (GitHub still runs it, with a warning); write to the $GITHUB_OUTPUT file instead. [deprecated-commands]',
    ]);
  });

  it('exits 0 when there are no errors, and checks a named file by its content', async () => {
    assert.deepEqual(await cli(repo.path, 'lint', '.github/workflows/clean.yml'), { code: 0, out: '', err: '' });
    const elsewhere = await cli(repo.path, 'lint', 'elsewhere/wf.yml');
    assert.equal(elsewhere.code, 1);
    assert.match(elsewhere.out, /^elsewhere\/wf\.yml:6:20: error: The "::set-env"/);
    assert.deepEqual(await cli(repo.path, 'lint', 'docs/notes.yml'), { code: 0, out: '', err: '' });
  });

  it('prints JSON with 1-based positions', async () => {
    const result = await cli(repo.path, 'lint', '--format', 'json', '.github/workflows/broken.yml');
    const items = JSON.parse(result.out) as Record<string, unknown>[];
    assert.deepEqual(items[0], {
      file: '.github/workflows/broken.yml',
      kind: 'github-workflow',
      line: 5,
      column: 12,
      endLine: 5,
      endColumn: 16,
      severity: 'error',
      rule: 'job-needs',
      message: 'Job "build" needs "tset", but there is no job with that id.',
    });
  });

  it('prints SARIF 2.1.0 for code scanning', async () => {
    const result = await cli(repo.path, 'lint', '--format=sarif');
    const sarif = JSON.parse(result.out) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const [run] = sarif.runs;
    assert.equal(run?.tool.driver.name, 'shipshape');
    assert.deepEqual(
      run?.tool.driver.rules.map((rule) => rule.id),
      ['deprecated-commands', 'job-needs'],
    );
    assert.equal(run?.results.length, 2);
    assert.equal(run?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, '.github/workflows/broken.yml');
    assert.equal(run?.results[0]?.level, 'error');
  });

  it('prints GitHub annotations with escaped properties', async () => {
    const result = await cli(repo.path, 'lint', '--format', 'github', '.github/workflows/broken.yml');
    assert.equal(
      result.out.split('\n')[0],
      '::error file=.github/workflows/broken.yml,line=5,col=12,endLine=5,endColumn=16,title=shipshape job-needs::Job "build" needs "tset", but there is no job with that id.',
    );
  });

  it('forces the kind with --kind and resolves ./ against --root', async () => {
    writeFile(repo.path, 'templates/action-like.yml', 'name: x\ndescription: y\nruns:\n  using: node10\n  main: index.js\n');
    const result = await cli(repo.path, 'lint', '--kind', 'github-action', '--root', repo.path, 'templates/action-like.yml');
    assert.equal(result.code, 1);
    assert.match(result.out, /templates\/action-like\.yml:4:\d+: error: .*node10/);
  });

  it('exits 2 with one line on usage errors and missing paths', async () => {
    for (const args of [
      ['lint', '--format', 'xml'],
      ['lint', '--kind', 'gitlab'],
      ['lint', '--bogus'],
      ['lint', 'no/such/file.yml'],
      ['lint', '--root'],
    ]) {
      const result = await cli(repo.path, ...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.err.trim().split('\n').length, 1, result.err);
      assert.match(result.err, /^shipshape: /);
    }
  });

  const built = join(__dirname, '..', '..', 'dist', 'cli.js');
  (existsSync(built) ? it : it.skip)(
    `reports the same with the bundled CLI, whose schemas are precompiled${existsSync(built) ? '' : ' (skipped: dist/cli.js not built)'}`,
    async () => {
      const inProcess = await cli(repo.path, 'lint', '--format', 'json');
      const bundled = spawnSync(process.execPath, [built, 'lint', '--format', 'json'], { cwd: repo.path, encoding: 'utf8' });
      assert.equal(bundled.status, 1);
      assert.deepEqual(JSON.parse(bundled.stdout), JSON.parse(inProcess.out));
      const bundle = readFileSync(built, 'utf8');
      assert.match(bundle, /PRECOMPILED ?= ?\{/, 'the bundle carries precompiled validators'); // minified or not
      assert.ok(!bundle.includes('strictTypes'), "and not ajv's compiler (an option only it reads): nothing to load at start");
    },
  );

  it('shows its own help', async () => {
    const result = await cli(repo.path, 'lint', '--help');
    assert.equal(result.code, 0);
    assert.match(result.out, /^Usage: shipshape lint/);
  });
});
