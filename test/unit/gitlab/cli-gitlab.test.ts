import { strict as assert } from 'node:assert';
import { runCli } from '../../../src/cli/main';
import { git } from '../../support/git';
import { lines, writeRepository } from './support';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const MAIN = lines(
  'stages: [build, test]',
  'include:',
  '  - local: ci/build.yml',
  'default:',
  '  image: node:20',
  'test:',
  '  stage: tset',
  '  extends: .tests',
  '.tests:',
  '  script: [make test]',
);
const BUILD = lines('build:', '  stage: build', '  needs: [lint]', '  script: make');

describe('shipshape lint on GitLab CI', () => {
  const repo = writeRepository({ '.gitlab-ci.yml': MAIN, 'ci/build.yml': BUILD, 'odd/name.yml': lines('job:', '  script: make', '  when: sometimes') });
  before(() => git(repo, 'init', '-q', '-b', 'main'));

  it('checks the configuration and its included file together: each finding once, in its own file, kind gitlab-ci, with the include line', async () => {
    const result = await cli(repo, 'lint', '--format', 'json');
    assert.equal(result.code, 1, result.err);
    const items = JSON.parse(result.out) as { file: string; kind: string; line: number; rule: string; message: string; related?: unknown }[];
    assert.deepEqual(
      items.map((item) => [item.file, item.kind, item.line, item.rule, item.message, item.related]),
      [
        [
          '.gitlab-ci.yml',
          'gitlab-ci',
          7,
          'gitlab-stages',
          'test job: chosen stage tset does not exist; available stages are .pre, build, test, .post',
          undefined,
        ],
        [
          'ci/build.yml',
          'gitlab-ci',
          3,
          'gitlab-needs',
          'build job: undefined need: lint',
          [{ file: '.gitlab-ci.yml', line: 3, column: 5, message: 'included from here' }],
        ],
      ],
    );
  });

  it('forces the kind on a file with --kind gitlab-ci', async () => {
    // Nothing says this is a GitLab file: not its name, not its keys.
    assert.deepEqual(await cli(repo, 'lint', 'odd/name.yml'), { code: 0, out: '', err: '' });
    const forced = await cli(repo, 'lint', '--kind', 'gitlab-ci', 'odd/name.yml');
    assert.equal(forced.code, 1);
    assert.equal(
      forced.out,
      'odd/name.yml:3:9: error: jobs:job when should be one of: on_success, on_failure, always, manual, delayed, never [gitlab-rules]\n',
    );
  });
});

describe('shipshape expand on GitLab CI', () => {
  const repo = writeRepository({ '.gitlab-ci.yml': MAIN, 'ci/build.yml': BUILD });
  before(() => git(repo, 'init', '-q', '-b', 'main'));

  it('prints the merged configuration (includes and extends resolved, default: kept as GitLab shows it), findings on stderr, exit 1 on errors', async () => {
    const result = await cli(repo, 'expand', '.gitlab-ci.yml');
    assert.equal(result.code, 1);
    assert.equal(
      result.out,
      lines(
        'build:',
        '  stage: build',
        '  needs:',
        '    - lint',
        '  script: make',
        'stages:',
        '  - build',
        '  - test',
        'default:',
        '  image: node:20',
        'test:',
        '  script:',
        '    - make test',
        '  stage: tset',
        '  extends: .tests',
        '.tests:',
        '  script:',
        '    - make test',
      ),
    );
    assert.equal(
      result.err,
      lines(
        'ci/build.yml:3:11: error: build job: undefined need: lint [gitlab-needs]',
        '.gitlab-ci.yml:7:10: error: test job: chosen stage tset does not exist; available stages are .pre, build, test, .post [gitlab-stages]',
      ),
    );
  });
});
