import { strict as assert } from 'node:assert';
import { extractExpressions, isSingleExpression } from '../../../src/core/pipelines/expressions';

describe('extractExpressions', () => {
  it('finds each template with offsets into the text', () => {
    const text = 'echo ${{ github.sha }} and ${{matrix.os}}';
    const parts = extractExpressions(text);
    assert.deepEqual(parts, [
      { source: ' github.sha ', start: 5, end: 22, innerStart: 8, closed: true },
      { source: 'matrix.os', start: 27, end: 41, innerStart: 30, closed: true },
    ]);
    assert.equal(text.slice(parts[1]?.start, parts[1]?.end), '${{matrix.os}}');
    assert.equal(text.slice(parts[0]?.innerStart, (parts[0]?.innerStart ?? 0) + (parts[0]?.source.length ?? 0)), ' github.sha ');
  });

  it('returns nothing for text without templates, or with a lone "${" or "{{"', () => {
    assert.deepEqual(extractExpressions('plain $HOME ${VAR} {{ x }}'), []);
  });

  it('does not close on "}}" inside a string literal', () => {
    const parts = extractExpressions("${{ format('{{0}}}}', 'x') }} tail");
    assert.equal(parts.length, 1);
    assert.equal(parts[0]?.source, " format('{{0}}}}', 'x') ");
    assert.equal(parts[0]?.closed, true);
  });

  it('handles the escaped quote inside a string literal', () => {
    const parts = extractExpressions("${{ 'it''s }}' }}!");
    assert.equal(parts[0]?.source, " 'it''s }}' ");
    assert.equal(parts[0]?.end, 17);
  });

  it('marks an unclosed template and runs it to the end of the text', () => {
    const parts = extractExpressions('a ${{ b }} c ${{ d ');
    assert.equal(parts.length, 2);
    assert.deepEqual(parts[1], { source: ' d ', start: 13, end: 19, innerStart: 16, closed: false });
  });

  it('treats an unterminated string literal as unclosed', () => {
    const parts = extractExpressions("${{ 'abc }}");
    assert.equal(parts.length, 1);
    assert.equal(parts[0]?.closed, false);
  });

  it('keeps templates that span lines', () => {
    const parts = extractExpressions('run: |\n  ${{\n    github.ref\n  }}\n');
    assert.equal(parts.length, 1);
    assert.equal(parts[0]?.source.trim(), 'github.ref');
  });

  it('scans a megabyte of text in well under a second', () => {
    const text = 'x'.repeat(500_000) + '${{ a }}' + "'".repeat(500_000);
    const started = Date.now();
    assert.equal(extractExpressions(text).length, 1);
    assert.equal(extractExpressions('${{ ' + "'' ".repeat(300_000)).at(0)?.closed, false);
    assert.ok(Date.now() - started < 1000);
  });

  it('isSingleExpression is true only for exactly one template', () => {
    assert.equal(isSingleExpression('${{ matrix.node }}'), true);
    assert.equal(isSingleExpression(' ${{ matrix.node }}'), false);
    assert.equal(isSingleExpression('${{ a }}${{ b }}'), false);
    assert.equal(isSingleExpression('${{ a '), false);
  });
});
