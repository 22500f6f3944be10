import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { git, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const PIPELINE = [
  'trigger: [main]',
  'stages:',
  '- stage: Build',
  '  jobs:',
  '  - template: ci/jobs.yml',
  '    parameters:',
  '      configs: [debug, release]',
  '- stage: Test',
  '  dependsOn: Biuld',
  '  jobs:',
  '  - job: Unit',
  '    steps:',
  '    - script: make test',
  '',
].join('\n');

const JOBS = [
  'parameters:',
  '- name: configs',
  '  type: object',
  'jobs:',
  '- ${{ each config in parameters.configs }}:',
  '  - job: Build_${{ config }}',
  '    steps:',
  '    - script: make ${{ config }}',
  '      condition: eq(variables.a',
  '',
].join('\n');

describe('shipshape lint on Azure Pipelines', () => {
  const repo = tempFolder('shipshape azure ');
  before(() => {
    git(repo.path, 'init', '-q', '-b', 'main');
    writeFile(repo.path, 'azure-pipelines.yml', PIPELINE);
    writeFile(repo.path, 'ci/jobs.yml', JOBS);
    writeFile(repo.path, 'build/steps.yml', 'steps:\n- script: echo ${{ parameters.missing }}\n');
    writeFile(repo.path, 'deploy/k8s.yml', 'apiVersion: v1\nkind: Pod\n');
  });
  after(repo.remove);

  it('checks the pipeline and its template together: each finding once, in its own file, with the line it was included from', async () => {
    const result = await cli(repo.path, 'lint', '--format', 'json');
    assert.equal(result.code, 1);
    const items = JSON.parse(result.out) as { file: string; kind: string; line: number; rule: string; message: string; related?: unknown }[];
    assert.deepEqual(
      items.map((item) => [item.file, item.kind, item.line, item.rule, item.message, item.related]),
      [
        ['azure-pipelines.yml', 'azure-pipelines', 9, 'azure-depends-on', 'Stage Test depends on unknown stage Biuld.', undefined],
        [
          'ci/jobs.yml',
          'azure-pipelines',
          9,
          'azure-expression',
          items.find((item) => item.file === 'ci/jobs.yml')?.message,
          [{ file: 'azure-pipelines.yml', line: 5, column: 15, message: 'included from here' }],
        ],
      ],
    );
    assert.match(items[1]?.message ?? '', /./);
  });

  it('forces the kind on a file with --kind azure-pipelines', async () => {
    // Nothing says this is a pipeline: not by its name, not by its keys.
    writeFile(repo.path, 'odd/name.yml', 'name: a\nname: b\n');
    assert.deepEqual(await cli(repo.path, 'lint', 'odd/name.yml'), { code: 0, out: '', err: '' });
    const forced = await cli(repo.path, 'lint', '--kind', 'azure-pipelines', 'odd/name.yml');
    assert.equal(forced.code, 1);
    assert.equal(forced.out, "odd/name.yml:2:1: error: 'name' is already defined. [azure-yaml]\n");
  });

  it('checks one named template alone as a template: nothing claimed about parameters it cannot see', async () => {
    const result = await cli(join(repo.path, 'ci'), 'lint', 'jobs.yml');
    assert.equal(result.code, 1);
    assert.deepEqual(
      result.out
        .trim()
        .split('\n')
        .map((line) => line.replace(/: error: .*\[/, ' [')),
      ['jobs.yml:9:32 [azure-expression]'],
    );
  });
});

describe('shipshape expand', () => {
  const repo = tempFolder('shipshape expand ');
  before(() => {
    git(repo.path, 'init', '-q', '-b', 'main');
    writeFile(
      repo.path,
      'azure-pipelines.yml',
      [
        'parameters:',
        '- name: config',
        '  default: debug',
        'steps:',
        '- template: steps.yml',
        '  parameters:',
        '    config: ${{ parameters.config }}',
        '',
      ].join('\n'),
    );
    writeFile(repo.path, 'steps.yml', ['parameters:', '- name: config', 'steps:', '- script: make ${{ parameters.config }}', ''].join('\n'));
    writeFile(repo.path, 'broken.yml', ['steps:', '- template: missing.yml', ''].join('\n'));
  });
  after(repo.remove);

  it('prints the expanded YAML, with --param values', async () => {
    assert.deepEqual(await cli(repo.path, 'expand', 'azure-pipelines.yml'), {
      code: 0,
      out: 'parameters:\n  - name: config\n    default: debug\nsteps:\n  - script: make debug\n',
      err: '',
    });
    const release = await cli(repo.path, 'expand', 'azure-pipelines.yml', '--param', 'config=release');
    assert.match(release.out, /- script: make release\n/);
  });

  it('says what it found on stderr and exits 1 on errors, 2 on usage', async () => {
    const broken = await cli(repo.path, 'expand', 'broken.yml');
    assert.equal(broken.code, 1);
    assert.equal(broken.err, "broken.yml:2:13: error: Template file 'missing.yml' not found. [azure-template]\n");
    assert.equal((await cli(repo.path, 'expand')).code, 2);
    assert.equal((await cli(repo.path, 'expand', 'nope.yml')).code, 2);
    assert.equal((await cli(repo.path, 'expand', 'broken.yml', '--param', 'novalue')).code, 2);
  });
});
