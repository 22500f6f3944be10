import { strict as assert } from 'node:assert';
import {
  evaluate,
  evaluateCondition,
  evaluateScalar,
  evaluateTemplate,
  isTruthy,
  looseEquals,
  numberToString,
  stringToNumber,
  toDisplayString,
  type EvaluationHooks,
  type StatusFunction,
  type Value,
} from '../../../src/core/pipelines/expressions';
import { parsed } from './parse-helpers';

const contexts: Record<string, Value> = {
  github: {
    event_name: 'push',
    ref: 'refs/heads/main',
    sha: 'abc123',
    event: {
      commits: [
        { message: 'first', author: { name: 'Ann' } },
        { message: 'second', author: { name: 'Bob' } },
      ],
      labels: [{ name: 'bug' }, { name: 'CI' }],
      pull_request: null,
    },
  },
  matrix: { node: 20, os: 'ubuntu-latest', flags: ['a', 'b'] },
  env: { Mixed_Case: 'yes', EMPTY: '' },
  steps: { build: { outputs: { version: '1.2.3', count: '3' }, outcome: 'success' } },
};

const run = (source: string, hooks?: EvaluationHooks): Value => evaluate(parsed(source), contexts, hooks);

describe('evaluate: values and access', () => {
  it('returns literals', () => {
    assert.equal(run('null'), null);
    assert.equal(run('0xff'), 255);
    assert.equal(run("'it''s'"), "it's");
  });

  it('reads contexts and properties case-insensitively', () => {
    assert.equal(run('GITHUB.Event_Name'), 'push');
    assert.equal(run('env.mixed_case'), 'yes');
    assert.equal(run('steps.build.outputs.version'), '1.2.3');
  });

  it('gives null for anything missing, never the prototype', () => {
    assert.equal(run('github.nope.deeper'), null);
    assert.equal(run('vars.X'), null);
    assert.equal(run('github.constructor'), null);
    assert.equal(run('github.__proto__'), null);
    assert.equal(run('github.sha.length'), null);
  });

  it('indexes arrays and objects', () => {
    assert.equal(run('matrix.flags[1]'), 'b');
    assert.equal(run("matrix['OS']"), 'ubuntu-latest');
    assert.equal(run("matrix.flags['0']"), 'a');
    assert.equal(run('matrix.flags[5]'), null);
    assert.equal(run('matrix.flags[0.5]'), null);
    assert.equal(run('github.event.commits[0].author.name'), 'Ann');
  });

  it('filters arrays and objects with .*', () => {
    assert.deepEqual(run('github.event.commits.*.message'), ['first', 'second']);
    assert.deepEqual(run('github.event.commits.*.author.name'), ['Ann', 'Bob']);
    assert.deepEqual(run('matrix.*'), [20, 'ubuntu-latest', ['a', 'b']]);
    assert.deepEqual(run('github.event.labels[*].name'), ['bug', 'CI']);
    assert.deepEqual(run('github.sha.*'), []);
  });

  it('filters after a call', () => {
    assert.deepEqual(run(`fromJSON('[{"type":"a"},{"type":"b"},{"other":1}]')[*].type`), ['a', 'b']);
    assert.deepEqual(run(`fromJSON('{"x":{"type":"a"},"y":{"type":"b"}}').*.type`), ['a', 'b']);
  });
});

describe('evaluate: operators', () => {
  it('returns an operand from && and ||, not a boolean', () => {
    assert.equal(run("github.sha && 'yes'"), 'yes');
    assert.equal(run("env.EMPTY && 'yes'"), '');
    assert.equal(run("env.EMPTY || 'fallback'"), 'fallback');
    assert.equal(run("matrix.node || 'x'"), 20);
    assert.equal(run("github.event.pull_request && github.event.pull_request.title || 'none'"), 'none');
  });

  it('short-circuits: the right side is not evaluated', () => {
    let calls = 0;
    const hooks: EvaluationHooks = { hashFiles: () => String(++calls) };
    run("true || hashFiles('x')", hooks);
    run("false && hashFiles('x')", hooks);
    assert.equal(calls, 0);
  });

  it('negates by truthiness', () => {
    assert.equal(run('!0'), true);
    assert.equal(run("!'a'"), false);
    assert.equal(run('!github.event'), false);
    assert.equal(run('!!NaN'), false);
  });

  it('coerces loose equality through numbers as GitHub documents', () => {
    assert.equal(run("'42' == 42"), true);
    assert.equal(run('true == 1'), true);
    assert.equal(run('null == 0'), true);
    assert.equal(run("'' == 0"), true);
    assert.equal(run("' 7 ' == 7"), true);
    assert.equal(run("'0x10' == 16"), true);
    assert.equal(run("'abc' == 0"), false);
    assert.equal(run("'1' == true"), true);
    assert.equal(run("'0' == null"), true);
    assert.equal(run('false == null'), true);
  });

  it('never finds NaN equal, even to itself', () => {
    assert.equal(run('NaN == NaN'), false);
    assert.equal(run('NaN != NaN'), true);
    assert.equal(run("'x' == 'x' && 'x' != NaN"), true);
  });

  it('compares strings ignoring case', () => {
    assert.equal(run("'ABC' == 'abc'"), true);
    assert.equal(run("github.event_name == 'PUSH'"), true);
    assert.equal(run("'a' < 'B'"), true);
    assert.equal(run("'b' >= 'B'"), true);
  });

  it('orders numbers and coerced strings; unordered kinds are false', () => {
    assert.equal(run('1 < 2'), true);
    assert.equal(run("'41' < 42"), true);
    assert.equal(run('steps.build.outputs.count > 2'), true);
    assert.equal(run('2 <= 2'), true);
    assert.equal(run("'abc' < 1"), false);
    assert.equal(run("'abc' >= 1"), false);
    assert.equal(run('true > false'), true);
    assert.equal(run('github.event > 1'), false);
  });

  it('compares objects and arrays by identity', () => {
    assert.equal(run('github.event == github.event'), true);
    assert.equal(run('github.event <= github.event'), true);
    assert.equal(run("fromJSON('[]') == fromJSON('[]')"), false);
    assert.equal(run("github.event == 'Object'"), false);
  });
});

describe('evaluate: functions', () => {
  it('contains: substring ignoring case, or array membership with loose equality', () => {
    assert.equal(run("contains(github.ref, 'MAIN')"), true);
    assert.equal(run("contains(github.event.labels.*.name, 'ci')"), true);
    assert.equal(run("contains(matrix.flags, 'c')"), false);
    assert.equal(run("contains(fromJSON('[1, 2]'), '2')"), true);
    assert.equal(run("contains(github.event, 'x')"), false);
    assert.equal(run('CONTAINS(12345, 34)'), true);
  });

  it('startsWith and endsWith ignore case', () => {
    assert.equal(run("startsWith(github.ref, 'REFS/heads/')"), true);
    assert.equal(run("endsWith(github.ref, 'Main')"), true);
    assert.equal(run("startsWith(github.event, '')"), false);
  });

  it('format fills {N} placeholders and unescapes braces', () => {
    assert.equal(run("format('{0}-{1}-{0}', 'a', 2)"), 'a-2-a');
    assert.equal(run("format('{{0}} is {0}', 'x')"), '{0} is x');
    assert.equal(run("format('}}{{')"), '}{');
    assert.equal(run("format('{0}{1}', null, true)"), 'true');
  });

  it('format throws a clear error for a bad format string', () => {
    assert.throws(() => run("format('{1}', 'a')"), /uses \{1\}, but only 1 values were given/);
    assert.throws(() => run("format('{', 'a')"), /The format string "\{" is invalid/);
  });

  it('join uses "," by default and prints items as strings', () => {
    assert.equal(run('join(matrix.flags)'), 'a,b');
    assert.equal(run("join(github.event.commits.*.message, ' | ')"), 'first | second');
    assert.equal(run("join('single', '-')"), 'single');
    assert.equal(run("join(fromJSON('[1, true, null]'))"), '1,true,');
    assert.equal(run('join(github.event)'), '');
  });

  it('toJSON pretty-prints with two spaces', () => {
    assert.equal(run('toJSON(matrix.flags)'), '[\n  "a",\n  "b"\n]');
    assert.equal(run("toJSON('x')"), '"x"');
    assert.equal(run('toJSON(null)'), 'null');
  });

  it('fromJSON parses, and throws a clear error on bad JSON', () => {
    assert.deepEqual(run(`fromJSON('{"a": [1, true]}')`), { a: [1, true] });
    assert.equal(run("fromJSON('42')"), 42);
    assert.equal(run('fromJSON(steps.build.outputs.count) == 3'), true);
    assert.throws(() => run("fromJSON('{oops')"), /^Error: fromJSON\(\) could not parse "\{oops"/);
  });

  it('hashFiles calls the hook with the patterns', () => {
    const seen: string[][] = [];
    assert.equal(run("hashFiles('**/a', '!b')", { hashFiles: (patterns) => (seen.push(patterns), 'hash') }), 'hash');
    assert.deepEqual(seen, [['**/a', '!b']]);
    assert.throws(() => run("hashFiles('x')"), /hashFiles\(\) needs access to the workspace files/);
  });

  it('status functions ask the hook, with sensible defaults', () => {
    assert.deepEqual([run('success()'), run('always()'), run('failure()'), run('cancelled()')], [true, true, false, false]);
    const failed: EvaluationHooks = { status: (name: StatusFunction) => name === 'failure' || name === 'always' };
    assert.deepEqual([run('success()', failed), run('failure()', failed)], [false, true]);
  });

  it('case() returns the value of the first true condition, else the default', () => {
    assert.equal(run("case(github.event_name == 'pr', 'a', github.event_name == 'push', 'b', 'c')"), 'b');
    assert.equal(run("case(false, 'a', 'default')"), 'default');
    assert.throws(() => run("case('yes', 1, 2)"), /must be a boolean/);
  });

  it('throws for unknown functions and wrong arity', () => {
    assert.throws(() => run('nope()'), /Unknown function "nope"/);
    assert.throws(() => run("contains('a')"), /takes 2 arguments, but 1 was given/);
  });
});

describe('coercion helpers', () => {
  it('isTruthy: false, 0, -0, empty string, null and NaN are falsy', () => {
    for (const value of [false, 0, -0, '', null, NaN]) assert.equal(isTruthy(value), false, String(value));
    for (const value of [true, 1, -1, 'false', '0', [], {}]) assert.equal(isTruthy(value as Value), true, JSON.stringify(value));
  });

  it('toDisplayString prints like the runner', () => {
    assert.equal(toDisplayString(null), '');
    assert.equal(toDisplayString(true), 'true');
    assert.equal(toDisplayString(['a']), 'Array');
    assert.equal(toDisplayString({ a: 1 }), 'Object');
    assert.equal(toDisplayString('s'), 's');
  });

  it('numberToString uses 15 significant digits (.NET G15)', () => {
    assert.equal(numberToString(20), '20');
    assert.equal(numberToString(1.5), '1.5');
    assert.equal(numberToString(-0), '0');
    assert.equal(numberToString(0.1 + 0.2), '0.3');
    assert.equal(numberToString(123456789012345), '123456789012345');
    assert.equal(numberToString(1e15), '1E+15');
    assert.equal(numberToString(0.0001), '0.0001');
    assert.equal(numberToString(0.00001), '1E-05');
    assert.equal(numberToString(-2.5e21), '-2.5E+21');
    assert.equal(numberToString(NaN), 'NaN');
    assert.equal(numberToString(-Infinity), '-Infinity');
  });

  it('stringToNumber follows the runner: trimmed, empty is 0, hex and octal, else NaN', () => {
    assert.equal(stringToNumber(''), 0);
    assert.equal(stringToNumber('  12.5 '), 12.5);
    assert.equal(stringToNumber('1e3'), 1000);
    assert.equal(stringToNumber('0x1f'), 31);
    assert.equal(stringToNumber('0o10'), 8);
    assert.equal(stringToNumber('Infinity'), Infinity);
    assert.ok(Number.isNaN(stringToNumber('12px')));
    assert.ok(Number.isNaN(stringToNumber('true')));
  });

  it('looseEquals leaves objects alone and compares kinds strictly after coercion', () => {
    assert.equal(looseEquals({}, 'Object'), false);
    assert.equal(looseEquals([], 0), false);
    assert.equal(looseEquals(null, null), true);
    assert.equal(looseEquals(null, ''), true);
  });
});

describe('evaluateTemplate, evaluateScalar, evaluateCondition', () => {
  it('replaces each ${{ }} by its string form', () => {
    assert.equal(evaluateTemplate('node-${{ matrix.node }} on ${{ matrix.os }}${{ vars.none }}!', contexts), 'node-20 on ubuntu-latest!');
    assert.equal(evaluateTemplate('${{ github.event }} ${{ matrix.flags }}', contexts), 'Object Array');
    assert.equal(evaluateTemplate('no templates', contexts), 'no templates');
  });

  it('throws clear errors for broken templates', () => {
    assert.throws(() => evaluateTemplate('a ${{ b', contexts), /not closed/);
    assert.throws(() => evaluateTemplate('${{ a == "b" }}', contexts), /Cannot evaluate "a == "b"": Strings take single quotes/);
  });

  it('keeps the type of a scalar that is one whole expression', () => {
    assert.equal(evaluateScalar('${{ matrix.node }}', contexts), 20);
    assert.deepEqual(evaluateScalar('${{ matrix.flags }}', contexts), ['a', 'b']);
    assert.equal(evaluateScalar('v${{ matrix.node }}', contexts), 'v20');
  });

  it('evaluates if: with or without ${{ }}, adding success() when no status function is called', () => {
    const failed: EvaluationHooks = { status: (name) => name === 'failure' || name === 'always' };
    assert.equal(evaluateCondition("github.event_name == 'push'", contexts), true);
    assert.equal(evaluateCondition("${{ github.event_name == 'push' }}", contexts), true);
    assert.equal(evaluateCondition("github.event_name == 'push'", contexts, failed), false);
    assert.equal(evaluateCondition('always()', contexts, failed), true);
    assert.equal(evaluateCondition("failure() && github.ref == 'refs/heads/main'", contexts, failed), true);
    assert.equal(evaluateCondition('', contexts, failed), false);
    assert.equal(evaluateCondition('', contexts), true);
  });

  it('treats text around ${{ }} as a non-empty string, which is always true', () => {
    const failed: EvaluationHooks = { status: (name) => name === 'failure' || name === 'always' };
    assert.equal(evaluateCondition('${{ false }} && false', contexts), true);
    // The svelte mistake: always true, even after a failure, because status functions appear.
    assert.equal(evaluateCondition('(${{ success() }} || ${{ failure() }})', contexts, failed), true);
    assert.equal(evaluateCondition('${{ false }} x', contexts, failed), false);
  });
});
