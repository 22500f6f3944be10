import { strict as assert } from 'node:assert';
import { isWebviewToRunPanel, linesAfterAppend, LOG_VIEW_LINES, LOG_VIEW_SLACK } from '../../../src/protocol/run-panel';

describe('run panel: inbound messages', () => {
  it('accepts the intents the panel sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'cancel' },
      { type: 'rerun' },
      { type: 'selectStep', jobKey: 'build (node: 20, os: <script>)', stepIndex: 0 },
      { type: 'openFullLog', jobKey: 'test', stepIndex: 12 },
      { type: 'openAnnotation', index: 3 },
      { type: 'openProblem', index: 1 },
    ]) {
      assert.ok(isWebviewToRunPanel(message), JSON.stringify(message));
    }
  });

  it('refuses extra keys, wrong types, unbounded values and unknown types', () => {
    for (const message of [
      null,
      'ready',
      { type: 'ready', extra: 1 },
      { type: 'cancel', runId: 'x' },
      { type: 'selectStep', jobKey: 'a', stepIndex: -1 },
      { type: 'selectStep', jobKey: 'a', stepIndex: 1.5 },
      { type: 'selectStep', jobKey: '', stepIndex: 0 },
      { type: 'selectStep', jobKey: 'a'.repeat(501), stepIndex: 0 },
      { type: 'selectStep', jobKey: 7, stepIndex: 0 },
      { type: 'selectStep', jobKey: 'a', stepIndex: 0, path: '/etc/passwd' },
      { type: 'openFullLog', jobKey: 'a' },
      { type: 'openAnnotation', index: '1' },
      { type: 'openAnnotation', index: 1e9 },
      { type: 'openFile', path: '/etc/passwd' },
    ]) {
      assert.equal(isWebviewToRunPanel(message), false, JSON.stringify(message));
    }
  });

  it('counts the lines the log view keeps alike on both sides: trimmed back to the limit past the slack', () => {
    assert.equal(linesAfterAppend(10, 5), 15);
    assert.equal(linesAfterAppend(LOG_VIEW_LINES, LOG_VIEW_SLACK), LOG_VIEW_LINES + LOG_VIEW_SLACK);
    assert.equal(linesAfterAppend(LOG_VIEW_LINES, LOG_VIEW_SLACK + 1), LOG_VIEW_LINES);
    assert.equal(linesAfterAppend(0, 50_000), LOG_VIEW_LINES);
  });
});
