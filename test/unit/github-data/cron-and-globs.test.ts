import { strict as assert } from 'node:assert';
import { checkCron, checkTimezone } from '../../../src/core/pipelines/github/data/cron';
import { checkGlob, compileGlob, matchFilterList, matchGlob, type GlobKind } from '../../../src/core/pipelines/github/data/globs';

const messages = (problems: readonly { message: string }[]): string[] => problems.map((problem) => problem.message);
const errors = (problems: readonly { severity: string }[]): number => problems.filter((problem) => problem.severity === 'error').length;

describe('checkCron', () => {
  it('accepts the docs examples and common forms', () => {
    for (const expression of [
      '15 4,5 * * *',
      '30 5,17 * * *',
      '30 5 * * 1,3',
      '30 5 * * 2,4',
      '*/5 * * * *',
      '0 0 * * MON-FRI',
      '0 0 1 JAN,jul SUN',
      '0 */6 * * *',
      '5/15 * * * *',
      '0 0 ? * *',
      '  0   0  *  *  *  ',
    ]) {
      assert.deepEqual(checkCron(expression), [], expression);
    }
  });

  it('reports the wrong number of fields and unsupported shortcuts', () => {
    assert.match(checkCron('0 0 * *')[0]?.message ?? '', /has 5 fields .* this one has 4/);
    assert.match(checkCron('0 0 0 * * *')[0]?.message ?? '', /no seconds or year field/);
    assert.match(checkCron('@daily')[0]?.message ?? '', /does not support "@daily"/);
    assert.equal(checkCron('').length, 1);
  });

  it('reports out-of-range values at their offsets', () => {
    assert.deepEqual(checkCron('0 24 * * *'), [{ message: '24 is out of range for the hour field (0-23).', severity: 'error', start: 2, end: 4 }]);
    assert.deepEqual(
      checkCron('0 0 0 * *').map((problem) => [problem.start, problem.end]),
      [[4, 5]],
    );
    assert.equal(errors(checkCron('0 0 * 13 *')), 1);
    assert.equal(errors(checkCron('60 * * * *')), 1);
  });

  it('reports broken ranges, steps and names', () => {
    assert.match(checkCron('5-1 * * * *')[0]?.message ?? '', /runs backwards/);
    assert.match(checkCron('*/0 * * * *')[0]?.message ?? '', /at least 1/);
    assert.match(checkCron('1-2-3 * * * *')[0]?.message ?? '', /not a range/);
    assert.match(checkCron('1,,2 * * * *')[0]?.message ?? '', /Empty item/);
    assert.deepEqual(messages(checkCron('0 0 * * MNO')), ['"MNO" is not a valid day of week. Did you mean "MON"?']);
    assert.equal(errors(checkCron('0 0 * FOO *')), 1);
    assert.equal(errors(checkCron('0 0 ? * *')), 0);
    assert.equal(errors(checkCron('? 0 * * *')), 1, '? only stands for * in the day fields');
  });

  it('warns about a day no chosen month has, unless weekdays also choose', () => {
    assert.deepEqual(messages(checkCron('0 0 31 2 *')), ['This schedule never runs: no chosen month has that day.']);
    assert.deepEqual(messages(checkCron('0 0 30,31 FEB *')), ['This schedule never runs: no chosen month has that day.']);
    assert.deepEqual(checkCron('0 0 29 2 *'), [], 'leap years');
    assert.deepEqual(checkCron('0 0 31 2,3 *'), []);
    assert.deepEqual(checkCron('0 0 31 2 MON'), [], 'day of month and day of week are either-or');
  });

  it('warns about 7 for Sunday instead of failing', () => {
    assert.deepEqual(
      checkCron('0 0 * * 7').map((problem) => problem.severity),
      ['warning'],
    );
  });

  it('warns when a schedule runs more often than every 5 minutes', () => {
    assert.deepEqual(checkCron('* * * * *'), [
      {
        message: 'This schedule asks for a run every minute, but GitHub runs scheduled workflows at most once every 5 minutes.',
        severity: 'warning',
        start: 0,
        end: 9,
      },
    ]);
    assert.match(checkCron('*/2 * * * *')[0]?.message ?? '', /every 2 minutes/);
    assert.match(checkCron('0,3 * * * *')[0]?.message ?? '', /every 3 minutes/);
    assert.match(checkCron('58,0 * * * *')[0]?.message ?? '', /every 2 minutes/, 'across the hour');
    assert.deepEqual(checkCron('58,0 0,12 * * *'), [], 'hours far apart');
    assert.deepEqual(checkCron('*/5 * * * *'), [], 'exactly the minimum');
  });
});

describe('checkTimezone', () => {
  it('accepts IANA names, UTC and legacy aliases', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'UTC', 'Etc/UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'US/Eastern'])
      assert.deepEqual(checkTimezone(zone), [], zone);
  });

  it('reports offsets, wrong case and unknown names with a suggestion', () => {
    assert.match(checkTimezone('+05:30')[0]?.message ?? '', /offset/);
    assert.match(checkTimezone('UTC+2')[0]?.message ?? '', /offset/);
    assert.deepEqual(checkTimezone('america/new_york'), [
      { message: 'Time zone names are case-sensitive: write "America/New_York".', severity: 'warning', start: 0, end: 16 },
    ]);
    assert.match(checkTimezone('Europe/Londn')[0]?.message ?? '', /Did you mean "Europe\/London"\?/);
    assert.equal(checkTimezone('Mars/Olympus_Mons')[0]?.severity, 'error');
  });
});

describe('checkGlob', () => {
  it('accepts the cheat sheet patterns', () => {
    const refs = [
      'feature/*',
      'feature/**',
      'main',
      'releases/mona-the-octocat',
      '*',
      '**',
      '*feature',
      'v2*',
      'v[12].[0-9]+.[0-9]+',
      'v1.**',
      '!release/**-alpha',
      'release/v[0-9].[0-9]',
    ];
    for (const pattern of refs) assert.deepEqual(checkGlob(pattern, 'branch'), [], pattern);
    const paths = [
      '*',
      '*.jsx?',
      '**',
      '*.js',
      '**.js',
      'docs/*',
      'docs/**',
      'docs/**/*.md',
      '**/docs/**',
      '**/README.md',
      '**/*src/**',
      '**/*-post.md',
      '**/migrate-*.sql',
      '*.md',
      '!README.md',
      'README*',
      '.github/workflows/*.yml',
    ];
    for (const pattern of paths) assert.deepEqual(checkGlob(pattern, 'path'), [], pattern);
  });

  it('reports syntax errors at their offsets', () => {
    assert.deepEqual(checkGlob('release/v[0-9', 'branch'), [{ message: '"[" is never closed with "]".', severity: 'error', start: 9, end: 13 }]);
    assert.deepEqual(checkGlob('v[9-1]', 'tag'), [{ message: 'The range "9-1" runs backwards; write "1-9".', severity: 'error', start: 2, end: 5 }]);
    assert.match(checkGlob('v[]', 'tag')[0]?.message ?? '', /empty/);
    assert.match(checkGlob('v[0-z]', 'tag')[0]?.message ?? '', /a-z, A-Z or 0-9/);
    assert.match(checkGlob('+v', 'tag')[0]?.message ?? '', /nothing repeatable/);
    assert.equal(errors(checkGlob('**?', 'path')), 1);
    assert.equal(errors(checkGlob('!', 'path')), 1);
    assert.equal(errors(checkGlob('', 'path')), 1);
  });

  it('warns about characters outside letters and digits in brackets', () => {
    assert.deepEqual(
      checkGlob('v[._]', 'tag').map((problem) => problem.severity),
      ['warning', 'warning'],
    );
  });

  it('reports characters and sequences a git ref cannot contain', () => {
    const refErrors = (pattern: string): number => errors(checkGlob(pattern, 'branch'));
    for (const pattern of ['feature branch', 'a~1', 'a:b', 'a..b', 'a@{b', 'a//b', '/main', 'main/', 'v1.', 'x.lock', 'a/.hidden', 'x\\*y', 'a\\\\b']) {
      assert.ok(refErrors(pattern) >= 1, pattern);
    }
    assert.deepEqual(checkGlob('feature branch', 'branch')[0], {
      message: 'A ref name cannot contain a space, so this pattern never matches.',
      severity: 'error',
      start: 7,
      end: 8,
    });
    assert.deepEqual(checkGlob('my file.md', 'path'), [], 'paths may contain spaces');
  });

  it('warns about a ./ or / prefix on paths', () => {
    assert.deepEqual(checkGlob('./src/**', 'path'), [
      {
        message: 'Paths are matched from the repository root without "./", so this pattern never matches. Remove "./".',
        severity: 'warning',
        start: 0,
        end: 2,
      },
    ]);
    assert.equal(checkGlob('!./src/**', 'path')[0]?.start, 1);
    assert.equal(checkGlob('/src/**', 'path')[0]?.severity, 'warning');
  });

  it('warns about regular-expression habits, once each', () => {
    const only = (pattern: string, kind: GlobKind): string[] => checkGlob(pattern, kind).map((problem) => `${problem.severity}@${problem.start}`);
    assert.deepEqual(only('^main$', 'branch'), ['warning@0', 'warning@5']);
    assert.deepEqual(only('release-.*', 'branch'), ['warning@8']);
    assert.deepEqual(only('.*\\.md', 'path'), ['warning@2']);
    assert.deepEqual(only('.*\\.md', 'branch'), ['warning@0', 'warning@2']);
    assert.deepEqual(only('**/.*', 'path'), [], 'dotfiles anywhere');
    assert.deepEqual(only('.*', 'path'), [], 'dotfiles at the root');
    assert.deepEqual(only('src-.*', 'path'), ['warning@4']);
    assert.deepEqual(only('v\\d+', 'tag'), ['warning@1']);
    assert.deepEqual(only('(main|master)', 'branch'), ['warning@0']);
    assert.deepEqual(only('*.{js,ts}', 'path'), ['warning@2']);
    assert.deepEqual(only('v1.*', 'tag'), [], 'a dot before * is an ordinary version pattern');
  });

  it('skips expressions', () => {
    assert.deepEqual(checkGlob('${{ inputs.branch }}', 'branch'), []);
  });
});

describe('matchGlob', () => {
  // Every example of GitHub's "Filter pattern cheat sheet".
  const cheatSheet: readonly [GlobKind, string, readonly string[]][] = [
    ['branch', 'feature/*', ['feature/my-branch', 'feature/your-branch']],
    ['branch', 'feature/**', ['feature/beta-a/my-branch', 'feature/your-branch', 'feature/mona/the/octocat']],
    ['branch', 'main', ['main']],
    ['branch', 'releases/mona-the-octocat', ['releases/mona-the-octocat']],
    ['branch', '*', ['main', 'releases']],
    ['branch', '**', ['all/the/branches', 'every/tag']],
    ['branch', '*feature', ['mona-feature', 'feature', 'ver-10-feature']],
    ['tag', 'v2*', ['v2', 'v2.0', 'v2.9']],
    ['tag', 'v[12].[0-9]+.[0-9]+', ['v1.10.1', 'v2.0.0']],
    ['path', '*', ['README.md', 'server.rb']],
    ['path', '*.jsx?', ['page.js', 'page.jsx']],
    ['path', '**', ['all/the/files.md']],
    ['path', '*.js', ['app.js', 'index.js']],
    ['path', '**.js', ['index.js', 'js/index.js', 'src/js/app.js']],
    ['path', 'docs/*', ['docs/README.md', 'docs/file.txt']],
    ['path', 'docs/**', ['docs/README.md', 'docs/mona/octocat.txt']],
    ['path', 'docs/**/*.md', ['docs/README.md', 'docs/mona/hello-world.md', 'docs/a/markdown/file.md']],
    ['path', '**/docs/**', ['docs/hello.md', 'dir/docs/my-file.txt', 'space/docs/plan/space.doc']],
    ['path', '**/README.md', ['README.md', 'js/README.md']],
    ['path', '**/*src/**', ['a/src/app.js', 'my-src/code/js/app.js']],
    ['path', '**/*-post.md', ['my-post.md', 'path/their-post.md']],
    ['path', '**/migrate-*.sql', ['migrate-10909.sql', 'db/migrate-v1.0.sql', 'db/sept/migrate-v1.sql']],
  ];
  for (const [kind, pattern, values] of cheatSheet) {
    it(`${pattern} matches ${values.join(', ')}`, () => {
      for (const value of values) assert.equal(matchGlob(pattern, value, kind), true, value);
    });
  }

  it('does not match across slashes with *, or partially', () => {
    assert.equal(matchGlob('*', 'path/with/slash', 'path'), false);
    assert.equal(matchGlob('feature/*', 'feature/a/b', 'branch'), false);
    assert.equal(matchGlob('*.js', 'src/app.js', 'path'), false);
    assert.equal(matchGlob('docs/*', 'docs', 'path'), false);
    assert.equal(matchGlob('main', 'main2', 'branch'), false);
    assert.equal(matchGlob('main', 'Main', 'branch'), false, 'case-sensitive');
    assert.equal(matchGlob('v[12].[0-9]+.[0-9]+', 'v3.0.0', 'tag'), false);
    assert.equal(matchGlob('*.jsx?', 'page.jsxx', 'path'), false);
  });

  it('treats . and other regex characters literally and honours escapes', () => {
    assert.equal(matchGlob('.yml', 'fyml', 'path'), false);
    assert.equal(matchGlob('a(b)|c', 'a(b)|c', 'path'), true);
    assert.equal(matchGlob('\\!file', '!file', 'path'), true);
    assert.equal(matchGlob('a\\*b', 'a*b', 'path'), true);
    assert.equal(matchGlob('a\\*b', 'axb', 'path'), false);
    assert.equal(matchGlob('c++', 'c++', 'path'), false, '+ repeats the previous character');
    assert.equal(matchGlob('c\\+\\+', 'c++', 'path'), true);
  });

  it('matches short names for full refs, ignores a leading ! and never matches a broken pattern', () => {
    assert.equal(matchGlob('releases/**', 'refs/heads/releases/1.0', 'branch'), true);
    assert.equal(matchGlob('v1.*', 'refs/tags/v1.2', 'tag'), true);
    assert.equal(matchGlob('!README.md', 'README.md', 'path'), true);
    assert.equal(matchGlob('v[0-9', 'v1', 'tag'), false);
    assert.equal(compileGlob('v[0-9'), null);
    assert.equal(compileGlob('docs/**'), compileGlob('docs/**'), 'compiled once and cached');
  });
});

describe('matchFilterList', () => {
  it('applies negation and re-inclusion in order (cheat sheet)', () => {
    const list = ['*.md', '!README.md'];
    assert.equal(matchFilterList(list, 'hello.md', 'path'), true);
    assert.equal(matchFilterList(list, 'README.md', 'path'), false);
    assert.equal(matchFilterList(list, 'docs/hello.md', 'path'), false);
    const reincluded = ['*.md', '!README.md', 'README*'];
    assert.equal(matchFilterList(reincluded, 'hello.md', 'path'), true);
    assert.equal(matchFilterList(reincluded, 'README.md', 'path'), true);
    assert.equal(matchFilterList(reincluded, 'README.doc', 'path'), true);
  });

  it('follows the branches example with a negated pre-release pattern', () => {
    const list = ['releases/**', '!releases/**-alpha'];
    assert.equal(matchFilterList(list, 'releases/10', 'branch'), true);
    assert.equal(matchFilterList(list, 'releases/beta/mona', 'branch'), true);
    assert.equal(matchFilterList(list, 'releases/10-alpha', 'branch'), false);
    assert.equal(matchFilterList([], 'main', 'branch'), false);
  });
});
