import { strict as assert } from 'node:assert';
import {
  anyType,
  arrayOf,
  availabilityAt,
  checkExpression,
  CONTEXT_TYPES,
  isSafeToInterpolate,
  mapOf,
  numberType,
  stepType,
  strictObject,
  stringType,
  type CheckScope,
  type ExprProblem,
  type ExprType,
} from '../../../src/core/pipelines/expressions';
import { parsed } from './parse-helpers';

const noScope: CheckScope = { contexts: {} };

function check(source: string, scope: CheckScope = noScope): { type: ExprType; problems: ExprProblem[] } {
  return checkExpression(parsed(source), scope);
}

function problemsOf(source: string, scope: CheckScope = noScope): string[] {
  return check(source, scope).problems.map((p) => `${p.code}: ${p.message}`);
}

function typeOf(source: string, scope: CheckScope = noScope): string {
  return check(source, scope).type.kind;
}

const atKey = (key: string, contexts: Record<string, ExprType> = {}): CheckScope => {
  const row = availabilityAt(key);
  assert.ok(row, key);
  return { contexts, available: new Set(row.contexts), functions: new Set(row.functions) };
};

describe('checkExpression: types', () => {
  it('types literals', () => {
    assert.equal(typeOf('null'), 'null');
    assert.equal(typeOf('true'), 'bool');
    assert.equal(typeOf('1.5'), 'number');
    assert.equal(typeOf("'x'"), 'string');
  });

  it('types documented context properties', () => {
    assert.equal(typeOf('github.sha'), 'string');
    assert.equal(typeOf('github.ref_protected'), 'bool');
    assert.equal(typeOf('strategy.job-index'), 'number');
    assert.equal(typeOf('job.services.db.ports'), 'object');
    assert.equal(typeOf('runner.os'), 'string');
    assert.equal(typeOf('github'), 'object');
  });

  it('types comparisons and ! as booleans, functions by their result', () => {
    assert.equal(typeOf('a == b', { contexts: { a: anyType, b: anyType } }), 'bool');
    assert.equal(typeOf('!github.sha'), 'bool');
    assert.equal(typeOf("contains(github.ref, 'x')"), 'bool');
    assert.equal(typeOf("format('{0}', 1)"), 'string');
    assert.equal(typeOf('toJSON(github)'), 'string');
    assert.equal(typeOf("join(github.event.labels.*.name, ',')"), 'string');
    assert.equal(typeOf('fromJSON(github.ref)'), 'any');
  });

  it('types fromJSON of a literal from the JSON itself', () => {
    assert.equal(typeOf(`fromJSON('{"a": [1, 2]}').a`), 'array');
    assert.equal(typeOf(`fromJSON('{"a": [1, 2]}').a[0]`), 'number');
    assert.deepEqual(problemsOf(`fromJSON('{"a": 1}').b`), ['unknown-property: Object "fromJSON(...)" has no property "b".']);
  });

  it('narrows && and || the way actionlint does', () => {
    assert.equal(typeOf("'...' && 60 || 20"), 'number');
    assert.equal(typeOf("('...' || 60) && 20"), 'number');
    assert.equal(typeOf("github.sha || 'none'"), 'string');
    assert.equal(typeOf('github.sha || 1'), 'any');
  });

  it('types object filters as arrays and maps properties over them', () => {
    const scope: CheckScope = { contexts: { steps: mapOf(stepType) } };
    const filtered = check('steps.*.outcome', scope).type;
    assert.equal(filtered.kind, 'array');
    assert.equal(filtered.kind === 'array' && filtered.elem.kind, 'string');
    assert.equal(typeOf('github.event.commits.*.message'), 'array');
    assert.equal(typeOf('fromJSON(x)[*].type', { contexts: { x: stringType } }), 'array');
  });

  it('says which types are safe to interpolate', () => {
    assert.equal(isSafeToInterpolate(check('github.sha').type), true);
    assert.equal(isSafeToInterpolate(check('github.event').type), false);
    assert.equal(isSafeToInterpolate(check('github.event.commits.*.id').type), false);
    assert.equal(isSafeToInterpolate(anyType), true);
    assert.equal(isSafeToInterpolate(numberType), true);
  });
});

describe('checkExpression: contexts and properties', () => {
  it('accepts every context GitHub documents, case-insensitively', () => {
    for (const name of Object.keys(CONTEXT_TYPES)) assert.deepEqual(problemsOf(name), [], name);
    assert.deepEqual(problemsOf('GITHUB.SHA'), []);
    assert.deepEqual(problemsOf('Runner.Temp'), []);
  });

  it('does not mistake Object.prototype names for contexts or functions', () => {
    assert.deepEqual(problemsOf('constructor'), ['unknown-context: Unknown context "constructor".']);
    assert.deepEqual(problemsOf('toString()'), ['unknown-function: Unknown function "toString".']);
    assert.deepEqual(problemsOf('github.hasOwnProperty'), ['unknown-property: Context "github" has no property "hasOwnProperty".']);
  });

  it('reports an unknown context with a suggestion', () => {
    assert.deepEqual(problemsOf('gihub.sha'), ['unknown-context: Unknown context "gihub". Did you mean "github"?']);
    assert.deepEqual(problemsOf('foo'), ['unknown-context: Unknown context "foo".']);
  });

  it('reports unknown properties of strict objects only', () => {
    assert.deepEqual(problemsOf('github.shaa'), ['unknown-property: Context "github" has no property "shaa". Did you mean "sha"?']);
    assert.deepEqual(problemsOf('job.container.ip'), ['unknown-property: Object "job.container" has no property "ip".']);
    assert.deepEqual(problemsOf('github.event.anything.at.all'), []);
    // Documented in the contexts reference (behind the OIDC custom-claims versions): not a mistake to read.
    assert.deepEqual(problemsOf('github.job_workflow_sha'), []);
    assert.deepEqual(problemsOf('inputs.whatever'), []);
    assert.deepEqual(problemsOf('env.ANY_NAME'), []);
  });

  it('accepts runner.workspace and the other undocumented-but-real properties', () => {
    assert.deepEqual(problemsOf('runner.workspace'), []);
    assert.deepEqual(problemsOf('github.step_summary'), []);
    assert.deepEqual(problemsOf('runner.environment'), []);
  });

  it('uses the matrix type the caller knows', () => {
    const scope: CheckScope = { contexts: { matrix: strictObject({ node: numberType, os: stringType }) } };
    assert.deepEqual(problemsOf('matrix.node', scope), []);
    assert.deepEqual(problemsOf('matrix.target', scope), ['unknown-property: Context "matrix" has no property "target".']);
    const empty: CheckScope = { contexts: { matrix: strictObject({}) } };
    assert.deepEqual(problemsOf('matrix.os', empty), ['unknown-property: Context "matrix" has no property "os".']);
  });

  it('checks steps and needs outputs against what the caller knows', () => {
    const scope: CheckScope = {
      contexts: {
        steps: strictObject({ build: stepType }),
        needs: strictObject({ setup: strictObject({ outputs: strictObject({ version: stringType }), result: stringType }) }),
      },
    };
    assert.deepEqual(problemsOf('steps.build.outputs.anything', scope), []);
    assert.deepEqual(problemsOf('steps.diff.outputs.x', scope), ['unknown-property: Context "steps" has no property "diff".']);
    assert.deepEqual(problemsOf('steps.build.outcomes', scope), ['unknown-property: Object "steps.build" has no property "outcomes". Did you mean "outcome"?']);
    assert.deepEqual(problemsOf('needs.setup.outputs.nightly', scope), ['unknown-property: Object "needs.setup.outputs" has no property "nightly".']);
  });

  it('checks string-literal index access like property access', () => {
    assert.deepEqual(problemsOf("github['sha']"), []);
    assert.deepEqual(problemsOf("github['nope']"), ['unknown-property: Context "github" has no property "nope".']);
    assert.deepEqual(problemsOf('github[github.ref]'), []);
  });

  it('reports property access on a string, and filters on a string', () => {
    assert.deepEqual(problemsOf('github.sha.short'), ['type-mismatch: "github.sha" is a string, so it has no property "short".']);
    assert.deepEqual(problemsOf('github.sha.*'), ['type-mismatch: The filter "*" needs an object or an array, but "github.sha" is a string.']);
  });

  it('reports string indexes into arrays', () => {
    const scope: CheckScope = { contexts: { list: arrayOf(stringType) } };
    assert.deepEqual(problemsOf('list[0]', scope), []);
    assert.deepEqual(problemsOf("list['a']", scope), ['type-mismatch: An array index must be a number, not a string.']);
  });

  it('reports problem spans relative to the source', () => {
    const [problem] = check('  github.nope').problems;
    assert.deepEqual([problem?.start, problem?.end], [2, 13]);
  });
});

describe('checkExpression: functions', () => {
  it('matches function names case-insensitively', () => {
    assert.deepEqual(problemsOf("STARTSWITH(github.ref, 'refs/tags/') && toJson(github) != fromjson('1')"), []);
  });

  it('reports an unknown function with a suggestion', () => {
    assert.deepEqual(problemsOf("startWith(github.ref, 'v')"), ['unknown-function: Unknown function "startWith". Did you mean "startsWith"?']);
    assert.deepEqual(problemsOf('lower(github.ref)'), ['unknown-function: Unknown function "lower".']);
  });

  it('reports wrong argument counts', () => {
    assert.deepEqual(problemsOf("contains('a')"), ['arity: Function "contains" takes 2 arguments, but 1 was given.']);
    assert.deepEqual(problemsOf('success(1)'), ['arity: Function "success" takes 0 arguments, but 1 was given.']);
    assert.deepEqual(problemsOf("join('a', 'b', 'c')"), ['arity: Function "join" takes 1 or 2 arguments, but 3 were given.']);
    assert.deepEqual(problemsOf('hashFiles()'), ['arity: Function "hashFiles" takes at least 1 argument, but 0 were given.']);
    assert.deepEqual(problemsOf('format()'), ['arity: Function "format" takes at least 1 argument, but 0 were given.']);
  });

  it('reports objects passed where a string is needed', () => {
    assert.deepEqual(problemsOf("startsWith(github.event, 'x')"), ['argument-type: Argument 1 of "startsWith" should be a string, but it is an object.']);
    assert.deepEqual(problemsOf("contains(github.event, 'x')"), [
      'argument-type: Argument 1 of "contains" should be a string or an array, but it is an object.',
    ]);
    assert.deepEqual(problemsOf('fromJSON(github)'), ['argument-type: Argument 1 of "fromJSON" should be a string, but it is an object.']);
    assert.deepEqual(problemsOf("contains(github.event.labels.*.name, 'bug')"), []);
    assert.deepEqual(problemsOf("contains(fromJSON('[1]'), github)"), []);
  });

  it('checks format() placeholders against the arguments', () => {
    assert.deepEqual(problemsOf("format('{0}-{1}', 'a', 'b')"), []);
    assert.deepEqual(problemsOf("format('{0}-{1}', 'a')"), ['format-placeholders: Format string "{0}-{1}" uses placeholder {1}, but only 1 value is given.']);
    assert.deepEqual(problemsOf("format('{0}', 'a', 'b')"), ['format-placeholders: Format string "{0}" has no placeholder {1} for this argument.']);
    assert.equal(check("format('{0}', 'a', 'b')").problems[0]?.severity, 'warning');
    assert.deepEqual(problemsOf("format('{{0}} {0}', 'a')"), []);
    assert.deepEqual(problemsOf("format('{{literal}}')"), []);
  });

  it('reports malformed format strings', () => {
    assert.match(problemsOf("format('{x}', 'a')")[0] ?? '', /^format-placeholders: Format string "\{x\}" is invalid/);
    assert.match(problemsOf("format('a } b')")[0] ?? '', /closes nothing/);
    assert.deepEqual(problemsOf('format(github.ref, 1, 2)'), []);
  });

  it('checks that a literal fromJSON() argument is JSON', () => {
    assert.deepEqual(problemsOf(`fromJSON('["a", "b"]')`), []);
    const [problem] = check("fromJSON('{oops}')").problems;
    assert.equal(problem?.code, 'fromjson-literal');
    assert.match(problem?.message ?? '', /^fromJSON\(\) is given a string that is not valid JSON \(.+\)\.$/);
    assert.equal(problem?.start, 9);
  });

  it('checks case(): an odd number of arguments and boolean conditions', () => {
    assert.deepEqual(problemsOf("case(github.ref == 'a', 1, 2)"), []);
    assert.equal(typeOf("case(github.ref == 'a', 1, 2)"), 'number');
    assert.deepEqual(problemsOf("case(github.ref == 'a', 1, true, 2)"), [
      'arity: Function "case" takes an odd number of arguments (condition and value pairs, then a default), but 4 were given.',
    ]);
    assert.deepEqual(problemsOf("case('yes', 1, 2)"), ['argument-type: Argument 1 of "case" is a condition and must be a boolean, but it is a string.']);
  });
});

describe('checkExpression: availability', () => {
  it('reports a context used where GitHub does not provide it', () => {
    assert.deepEqual(problemsOf('env.FOO', atKey('jobs.<job_id>.env')), [
      'context-unavailable: Context "env" is not available at this key (available here: "github", "inputs", "matrix", "needs", "secrets", "strategy", "vars").',
    ]);
    assert.deepEqual(problemsOf('secrets.TOKEN', atKey('run-name')), [
      'context-unavailable: Context "secrets" is not available at this key (available here: "github", "inputs", "vars").',
    ]);
    assert.deepEqual(problemsOf('matrix.os', atKey('jobs.<job_id>.runs-on')), []);
  });

  it('allows status functions only in if: keys', () => {
    assert.deepEqual(problemsOf('always()', atKey('jobs.<job_id>.if')), []);
    assert.deepEqual(problemsOf('failure()', atKey('jobs.<job_id>.steps.if')), []);
    assert.deepEqual(problemsOf('success()', atKey('jobs.<job_id>.steps.run')), [
      'function-unavailable: Function "success" is not available at this key; it is only allowed in "jobs.<job_id>.if" and "jobs.<job_id>.steps.if".',
    ]);
  });

  it('allows hashFiles() only in step keys', () => {
    assert.deepEqual(problemsOf("hashFiles('**/package-lock.json')", atKey('jobs.<job_id>.steps.with')), []);
    assert.deepEqual(problemsOf("hashFiles('**/package-lock.json') != ''", atKey('jobs.<job_id>.steps.if')), []);
    assert.deepEqual(
      check("hashFiles('x')", atKey('jobs.<job_id>.if')).problems.map((p) => p.code),
      ['function-unavailable'],
    );
  });

  it('allows everything when the scope sets no limits', () => {
    assert.deepEqual(problemsOf("success() && env.X == hashFiles('a')"), []);
  });
});

describe('checkExpression: comparisons', () => {
  it('warns when an object or array is compared with a scalar', () => {
    const problems = check("github.event == 'push'").problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.message]),
      [['object-comparison', 'warning', 'Comparing an object with a string using "==" is meaningless: it is always false.']],
    );
    assert.match(problemsOf('github.event.commits.*.id != 1')[0] ?? '', /array with a number using "!=" is meaningless: it is always true/);
  });

  it('accepts what actionlint accepts: null and object-to-object equality, implicit conversions', () => {
    for (const source of [
      "'42' == 42",
      'true == 1',
      'null == 0',
      "'1' == true",
      "'0' == null",
      'null == github.event',
      'github.event == github.event',
      "'41' < 42",
    ]) {
      assert.deepEqual(problemsOf(source), [], source);
    }
  });

  it('warns about ordering booleans, null and objects', () => {
    assert.match(problemsOf('true < false')[0] ?? '', /^object-comparison: Comparing a boolean with a boolean using "<" is meaningless/);
    assert.match(problemsOf('null >= 1')[0] ?? '', /^object-comparison/);
    assert.match(problemsOf('github.event > 1')[0] ?? '', /^object-comparison/);
    assert.deepEqual(problemsOf('strategy.job-index < 3'), []);
  });
});

describe('checkExpression: robustness', () => {
  it('never throws, even on a hand-built tree deeper than the parser allows', () => {
    let expr: import('../../../src/core/pipelines/expressions').Expr = { kind: 'context', name: 'github', start: 0, end: 6 };
    for (let i = 0; i < 200_000; i++) expr = { kind: 'not', operand: expr, start: 0, end: 6 };
    const result = checkExpression(expr, noScope);
    assert.equal(result.problems.at(-1)?.code, 'limit');
  });
});
