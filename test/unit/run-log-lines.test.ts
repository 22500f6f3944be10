import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotationMatcherLine, RunLogLines } from '../../src/core/runs/run-log-lines';
import type { Annotation } from '../../src/core/runs/run-types';

interface Matcher {
  name: string;
  severity: string;
  pattern: { regexp: string; file: number; line: number; column: number; message: number };
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { problemMatchers: Matcher[] } };
const matchers = manifest.contributes.problemMatchers;

/** What VS Code's matcher would read from a terminal line: the first contributed matcher that matches. */
function match(line: string) {
  for (const matcher of matchers) {
    const found = new RegExp(matcher.pattern.regexp).exec(line);
    if (found)
      return {
        severity: matcher.severity,
        file: found[matcher.pattern.file],
        line: found[matcher.pattern.line],
        column: found[matcher.pattern.column],
        message: found[matcher.pattern.message],
      };
  }
  return undefined;
}

const annotation = (extra: Partial<Annotation>): Annotation => ({ level: 'error', message: 'Type mismatch', job: 'build', step: 1, ...extra });

describe('run log lines for terminals', () => {
  it('writes annotations as lines the contributed problem matchers read, with absolute paths', () => {
    const line = annotationMatcherLine(annotation({ file: 'src/app.ts', line: 12, column: 5, title: 'tsc' }), '/repo root');
    assert.deepEqual(match(line ?? ''), { severity: 'error', file: '/repo root/src/app.ts', line: '12', column: '5', message: 'tsc: Type mismatch' });
  });

  it('maps each level to its own matcher and keeps a multi-line message on one line', () => {
    assert.equal(match(annotationMatcherLine(annotation({ level: 'warning', file: 'a.ts', line: 3 }), '/r') ?? '')?.severity, 'warning');
    const notice = match(annotationMatcherLine(annotation({ level: 'notice', file: '/abs/b.ts', message: 'one\ntwo' }), '/r') ?? '');
    assert.deepEqual(notice, { severity: 'info', file: '/abs/b.ts', line: '1', column: undefined, message: 'one two' });
  });

  it('gives no matcher line for an annotation without a file', () => {
    assert.equal(annotationMatcherLine(annotation({}), '/r'), undefined);
  });

  it('prefixes log lines with the job and the step that wrote them', () => {
    const lines = new RunLogLines();
    assert.deepEqual(lines.linesOf({ type: 'step-started', key: 'test (node 20)', index: 2, name: 'Unit tests' }), ['[test (node 20)] ▶ Unit tests']);
    assert.deepEqual(lines.linesOf({ type: 'log', key: 'test (node 20)', index: 2, stream: 'stdout', lines: ['ok 1'] }), [
      '[test (node 20) / Unit tests] ok 1',
    ]);
    assert.deepEqual(lines.linesOf({ type: 'log', key: 'test (node 20)', index: 3, stream: 'runner', lines: ['note'] }), ['[test (node 20)] · note']);
    assert.deepEqual(lines.linesOf({ type: 'log', key: 'test (node 20)', index: 2, stream: 'stderr', lines: ['one', 'two'] }), [
      '[test (node 20) / Unit tests] one',
      '[test (node 20) / Unit tests] two',
    ]);
  });
});
