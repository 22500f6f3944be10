import { strict as assert } from 'node:assert';
import { createLineLogger, formatLogLine } from '../../src/core/logger';
import { describeError, errorDetails, errorMessage, ShipshapeError } from '../../src/core/errors';
import { GitError } from '../../src/core/git/git-error';
import { errorReport } from '../../src/vscode/error-report';
import { gitEnvironment } from '../../src/core/git/git-environment';

describe('core logger', () => {
  it('formats errors, strings and objects on one line', () => {
    assert.equal(formatLogLine('scan', ['done', { files: 2 }, new Error('boom')]), 'scan done {"files":2} boom');
  });

  it('writes only at or above the minimum level', () => {
    const lines: string[] = [];
    const logger = createLineLogger((line) => lines.push(line), 'warn');
    logger.info('hidden');
    logger.warn('shown');
    logger.error(new Error('bad'));
    assert.deepEqual(lines, ['warn: shown', 'error: bad']);
  });

  it('survives values JSON cannot render', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(formatLogLine('x', [cyclic]), 'x [object Object]');
  });
});

describe('errors as values', () => {
  it('joins message and hint for a person', () => {
    assert.equal(describeError(new ShipshapeError('git-missing', 'Git could not be started.', 'Install git.')), 'Git could not be started. Install git.');
    assert.equal(describeError('plain'), 'plain');
  });

  it('gives the bare message without the hint, and any thrown value as text', () => {
    assert.equal(errorMessage(new ShipshapeError('git-missing', 'Git could not be started.', 'Install git.')), 'Git could not be started.');
    assert.equal(errorMessage(new TypeError('bad')), 'bad');
    assert.equal(errorMessage(42), '42');
  });

  it('keeps for the log what the message leaves out: git details, else the stack', () => {
    const git = gitFailure();
    assert.equal(errorDetails(git), git.details);
    const plain = new Error('boom');
    assert.equal(errorDetails(plain), plain.stack);
    assert.equal(errorDetails('a string'), undefined);
  });
});

function gitFailure(): GitError {
  return new GitError({
    gitCode: 'BadRevision',
    args: ['rev-parse', '--verify', 'nope'],
    dir: '/repo',
    exitCode: 128,
    stderr: 'warning: first\nfatal: Needed a single revision\nusage: git rev-parse\n',
  });
}

describe('error reports (what reportError shows and logs)', () => {
  it('shows one line with the hint; logs it with the git arguments, exit code and whole stderr', () => {
    const report = errorReport('Shipshape (recovery.refresh)', gitFailure());
    assert.equal(report.shown, 'Shipshape (recovery.refresh): Git failed: fatal: Needed a single revision');
    assert.doesNotMatch(report.shown, /warning: first|usage:|rev-parse --verify|128/);
    const [first, ...rest] = report.logged.split('\n');
    assert.equal(first, report.shown);
    const details = rest.join('\n');
    assert.match(details, /git rev-parse --verify nope \(in \/repo\) exited 128/);
    assert.match(details, /warning: first\nfatal: Needed a single revision\nusage: git rev-parse$/);
    assert.equal(report.action, 'showLog');
  });

  it('logs the stack of any other error, not shown', () => {
    const error = new TypeError('cannot read x');
    const report = errorReport('Shipshape (runs.run)', error);
    assert.equal(report.shown, 'Shipshape (runs.run): cannot read x');
    assert.equal(report.logged, `${report.shown}\n${error.stack}`);
    assert.match(report.logged, /at .*logging-and-errors\.test/);
  });

  it('logs only the line for a thrown value that is not an Error', () => {
    assert.deepEqual(errorReport('Context', 'odd'), { shown: 'Context: odd', logged: 'Context: odd', action: 'showLog' });
  });

  it('offers the git setting when git cannot start', () => {
    const report = errorReport('Context', new GitError({ gitCode: 'GitNotFound', args: ['status'], dir: '/repo', exitCode: null, stderr: '' }));
    assert.equal(report.action, 'openSettings');
    assert.match(report.shown, /^Context: Git could not be started\. Install git, or set "shipshape\.git\.path"/);
    assert.match(report.logged, /git status \(in \/repo\) exited by signal: \(nothing on stderr\)/);
  });
});

describe('git environment', () => {
  it('keeps the caller environment, forces the C locale and forbids prompts, editors and optional locks', () => {
    const env = gitEnvironment({
      PATH: '/bin',
      LANGUAGE: 'de',
      LC_ALL: 'de_DE.UTF-8',
      EDITOR: 'vi',
      GIT_DIR: '/elsewhere',
      GIT_CONFIG_COUNT: '1',
      GIT_AUTHOR_NAME: 'A',
    });
    assert.deepEqual(env, {
      PATH: '/bin',
      GIT_AUTHOR_NAME: 'A',
      LC_ALL: 'C',
      GIT_TERMINAL_PROMPT: '0',
      GIT_EDITOR: ':',
      GIT_SEQUENCE_EDITOR: ':',
      GIT_OPTIONAL_LOCKS: '0',
    });
  });
});
