import { strict as assert } from 'node:assert';
import { MAX_EXPRESSION_DEPTH, parseExpression } from '../../../src/core/pipelines/expressions';
import { parsed, show } from './parse-helpers';

const literal = (source: string): unknown => {
  const expr = parsed(source);
  assert.equal(expr.kind, 'literal');
  return expr.kind === 'literal' ? expr.value : undefined;
};

const syntaxError = (source: string): { message: string; start: number; code: string } => {
  const result = parseExpression(source);
  assert.equal(result.expr, undefined, `expected ${source} to fail`);
  const problem = result.problems[0];
  assert.ok(problem);
  assert.equal(result.problems.length, 1);
  assert.equal(problem.severity, 'error');
  return problem;
};

describe('parseExpression: literals', () => {
  it('reads null and booleans', () => {
    assert.equal(literal('null'), null);
    assert.equal(literal('true'), true);
    assert.equal(literal(' false '), false);
  });

  it('reads integers, floats, exponents and negative numbers', () => {
    assert.equal(literal('42'), 42);
    assert.equal(literal('-9.5'), -9.5);
    assert.equal(literal('1e3'), 1000);
    assert.equal(literal('2.5E-2'), 0.025);
    assert.equal(literal('.5'), 0.5);
    assert.equal(literal('+7'), 7);
  });

  it('reads hex and octal integers', () => {
    assert.equal(literal('0xff'), 255);
    assert.equal(literal('0x1A'), 26);
    assert.equal(literal('0o17'), 15);
  });

  it('accepts a trailing dot as GitHub does (`3.` is 3)', () => {
    assert.equal(literal('3.'), 3);
    assert.equal(show(parsed('startsWith(matrix.python, 3.)')), 'startsWith(matrix.python, 3)');
  });

  it('reads NaN and Infinity as numbers', () => {
    assert.ok(Number.isNaN(literal('NaN')));
    assert.equal(literal('Infinity'), Infinity);
    assert.equal(literal('-Infinity'), -Infinity);
  });

  it("reads single-quoted strings with '' as an escaped quote", () => {
    assert.equal(literal("'hello'"), 'hello');
    assert.equal(literal("'it''s'"), "it's");
    assert.equal(literal("''"), '');
    assert.equal(literal("'a\nb'"), 'a\nb');
  });

  it('rejects double-quoted strings with a clear message', () => {
    const problem = syntaxError('github.ref == "main"');
    assert.equal(problem.code, 'syntax');
    assert.equal(problem.start, 14);
    assert.match(problem.message, /single quotes/);
  });

  it('rejects malformed numbers and unterminated strings', () => {
    assert.match(syntaxError('1.2.3').message, /"1\.2\.3" is not a valid number/);
    assert.match(syntaxError('0xZZ').message, /not a valid number/);
    assert.match(syntaxError('12abc').message, /not a valid number/);
    assert.match(syntaxError("'open").message, /not closed/);
  });

  it('keeps keywords case-sensitive: True is a name', () => {
    assert.equal(parsed('True').kind, 'context');
  });
});

describe('parseExpression: operators and precedence', () => {
  it('binds ! tighter than comparison, comparison tighter than equality', () => {
    assert.equal(show(parsed('!a == b')), '(== (! a) b)');
    assert.equal(show(parsed('a < b == c > d')), '(== (< a b) (> c d))');
  });

  it('binds equality tighter than && and && tighter than ||', () => {
    assert.equal(show(parsed('a == 1 && b || c != 2')), '(|| (&& (== a 1) b) (!= c 2))');
    assert.equal(show(parsed('a || b && c')), '(|| a (&& b c))');
  });

  it('is left-associative', () => {
    assert.equal(show(parsed('a && b && c')), '(&& (&& a b) c)');
    assert.equal(show(parsed('a == b != c')), '(!= (== a b) c)');
  });

  it('lets parentheses group', () => {
    assert.equal(show(parsed('(a || b) && c')), '(&& (|| a b) c)');
    assert.equal(show(parsed('!(a && b)')), '(! (&& a b))');
    assert.equal(show(parsed('((((a))))')), 'a');
  });

  it('reads every comparison operator', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) assert.equal(show(parsed(`a ${op} 1`)), `(${op} a 1)`);
  });

  it('gives every node its span in the source', () => {
    const expr = parsed('  a.b == fn(1, c)');
    assert.equal(expr.kind, 'binary');
    if (expr.kind !== 'binary') return;
    assert.deepEqual([expr.start, expr.end], [2, 17]);
    assert.deepEqual([expr.left.start, expr.left.end], [2, 5]);
    assert.deepEqual([expr.right.start, expr.right.end], [9, 17]);
  });

  it('rejects single =, & and |', () => {
    assert.match(syntaxError('a = b').message, /use "=="/);
    assert.match(syntaxError('a & b').message, /use "&&"/);
    assert.match(syntaxError('a | b').message, /use "\|\|"/);
  });

  it('rejects dangling operators and unbalanced parentheses', () => {
    assert.match(syntaxError('a &&').message, /Unexpected end of expression/);
    assert.match(syntaxError('(a || b').message, /Expected "\)" to close the "\("/);
    assert.match(syntaxError('a || b)').message, /closes nothing/);
    assert.match(syntaxError('a b').message, /after the end of the expression/);
    assert.match(syntaxError('== a').message, /Unexpected "=="/);
  });

  it('reports an empty expression', () => {
    assert.match(syntaxError('   ').message, /empty/);
  });

  it('reports an unexpected character at its offset', () => {
    const problem = syntaxError('a + b');
    assert.equal(problem.start, 2);
    assert.match(syntaxError('a ~ b').message, /Unexpected character "~"/);
  });
});

describe('parseExpression: access and calls', () => {
  it('reads property chains keeping the spelling', () => {
    const expr = parsed('GitHub.Event.pull_request.head-ref');
    assert.equal(show(expr), 'GitHub.Event.pull_request.head-ref');
    assert.equal(expr.kind === 'property' && expr.name, 'head-ref');
  });

  it('reads keywords after a dot as property names', () => {
    assert.equal(show(parsed('a.true.null')), 'a.true.null');
  });

  it('reads index access with strings, numbers and expressions', () => {
    assert.equal(show(parsed("a['b']")), "a['b']");
    assert.equal(show(parsed('a[0]')), 'a[0]');
    assert.equal(show(parsed('a[b.c][1]')), 'a[b.c][1]');
  });

  it('reads object filters with .* and [*]', () => {
    assert.equal(show(parsed('a.*.b')), 'a.*.b');
    assert.equal(show(parsed('a[*].b')), 'a.*.b');
    assert.equal(show(parsed('github.event.*.*.email')), 'github.event.*.*.email');
  });

  it('allows access after a call and after a group', () => {
    assert.equal(show(parsed('fromJSON(x)[*].type')), 'fromJSON(x).*.type');
    assert.equal(show(parsed('fromJSON(steps.a.outputs.b).c')), 'fromJSON(steps.a.outputs.b).c');
    assert.equal(show(parsed('(a || b).c')), '(|| a b).c');
  });

  it('does not allow access after a literal', () => {
    assert.match(syntaxError("'abc'.length").message, /Unexpected "\."/);
  });

  it('reads calls with zero or more arguments', () => {
    assert.equal(show(parsed('success()')), 'success()');
    assert.equal(show(parsed("format('{0}-{1}', a, 2)")), "format('{0}-{1}', a, 2)");
    assert.equal(show(parsed('contains(fromJSON(x), y.z)')), 'contains(fromJSON(x), y.z)');
  });

  it('rejects a bad property name, a trailing comma and an unclosed index', () => {
    assert.match(syntaxError('a.').message, /property name/);
    assert.match(syntaxError('a.5').message, /property name/);
    assert.match(syntaxError('f(a,)').message, /Unexpected "\)"/);
    assert.match(syntaxError('a[0').message, /Expected "\]"/);
  });
});

describe('parseExpression: limits', () => {
  it('turns 10,000 nested parentheses into a limit problem quickly', () => {
    const source = '('.repeat(10_000) + 'a' + ')'.repeat(10_000);
    const started = Date.now();
    const problem = syntaxError(source);
    assert.equal(problem.code, 'limit');
    assert.match(problem.message, new RegExp(`more than ${MAX_EXPRESSION_DEPTH} levels`));
    assert.ok(Date.now() - started < 200);
  });

  it('limits long chains of !, calls and operators too', () => {
    assert.equal(syntaxError('!'.repeat(5000) + 'a').code, 'limit');
    assert.equal(syntaxError('f('.repeat(3000) + ')'.repeat(3000)).code, 'limit');
    assert.equal(syntaxError(Array.from({ length: 3000 }, () => 'a').join(' || ')).code, 'limit');
    assert.equal(syntaxError('a' + '.b'.repeat(3000)).code, 'limit');
  });

  it('refuses a 1 MB expression without lexing it', () => {
    const started = Date.now();
    const problem = syntaxError("'" + 'x'.repeat(1_000_000) + "'");
    assert.equal(problem.code, 'limit');
    assert.match(problem.message, /limit is 21000/);
    assert.ok(Date.now() - started < 100);
  });

  it('accepts nesting just under the limit', () => {
    const depth = 60;
    assert.equal(show(parsed('('.repeat(depth) + 'a' + ')'.repeat(depth))), 'a');
  });

  it('never throws on arbitrary input', () => {
    const alphabet = 'ab.()[]*\'!=<>&|, 0x1e-"}{$';
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let source = '';
      for (let j = 0; j < 20; j++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        source += alphabet[seed % alphabet.length];
      }
      const result = parseExpression(source);
      assert.ok(result.expr !== undefined || result.problems.length === 1, source);
    }
  });
});
