import { strict as assert } from 'node:assert';
import { createLineLogger, formatLogLine } from '../../src/core/logger';
import { describeError, ShipshapeError } from '../../src/core/errors';
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
});

describe('git environment', () => {
  it('keeps the caller environment, forces the C locale and forbids prompts, editors and optional locks', () => {
    const env = gitEnvironment({ PATH: '/bin', LANGUAGE: 'de', LC_ALL: 'de_DE.UTF-8', EDITOR: 'vi', GIT_DIR: '/elsewhere', GIT_CONFIG_COUNT: '1', GIT_AUTHOR_NAME: 'A' });
    assert.deepEqual(env, { PATH: '/bin', GIT_AUTHOR_NAME: 'A', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: ':', GIT_SEQUENCE_EDITOR: ':', GIT_OPTIONAL_LOCKS: '0' });
  });
});
