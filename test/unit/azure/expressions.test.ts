import { strict as assert } from 'node:assert';
import {
  AzureUnknown,
  AzureVersion,
  evaluateAzure,
  findEmbeddedExpressions,
  parseAzureExpression,
  wholeCompileExpression,
  type AzureScope,
  type AzureValue,
} from '../../../src/core/pipelines/azure/expressions';

function scope(values: Record<string, AzureValue>, compileTime = true): AzureScope {
  const lower = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return { names: new Set(lower.keys()), value: (name) => lower.get(name), compileTime };
}

function run(source: string, values: Record<string, AzureValue> = {}, compileTime = true): AzureValue {
  const parsed = parseAzureExpression(source);
  assert.ok(parsed.expr, `parse problem: ${parsed.problem?.message}`);
  const result = evaluateAzure(parsed.expr, scope(values, compileTime));
  assert.ok(!result.problem, `evaluation problem: ${result.problem?.message}`);
  return result.value as AzureValue;
}

function problem(source: string, values: Record<string, AzureValue> = {}, compileTime = true): string {
  const parsed = parseAzureExpression(source);
  if (parsed.problem) return parsed.problem.message;
  const result = evaluateAzure(parsed.expr, scope(values, compileTime));
  assert.ok(result.problem, `expected a problem for ${source}`);
  return result.problem.message;
}

describe('Azure expressions', () => {
  it('reads literals as Azure does: booleans and null in any case, quoted strings with doubled quotes, numbers, versions', () => {
    assert.equal(run('True'), true);
    assert.equal(run('false'), false);
    assert.equal(run('NULL'), null);
    assert.equal(run("'it''s'"), "it's");
    assert.equal(run('-1.5'), -1.5);
    assert.ok(run('1.2.3') instanceof AzureVersion);
  });

  it('reads parameters and variables by property, index and filter, ignoring case', () => {
    const values = { parameters: { Config: { name: 'x', items: [{ id: 1 }, { id: 2 }] } }, variables: { 'Build.Reason': 'PullRequest' } };
    assert.equal(run('parameters.config.NAME', values), 'x');
    assert.equal(run("variables['Build.Reason']", values), 'PullRequest');
    assert.deepEqual(run('parameters.config.items[*].id', values), [1, 2]);
    assert.equal(run('parameters.missing.deeper', values), null);
  });

  it('compares as Azure does: strings ignore case, the right side takes the left side’s type, versions part by part', () => {
    assert.equal(run("eq('Release', 'release')"), true);
    assert.equal(run("eq(1, '1')"), true);
    assert.equal(run("eq(1, 'one')"), false);
    assert.equal(run("ne(1, 'one')"), true);
    assert.equal(run("gt(1.10.0, '1.9')"), true);
    assert.equal(run("lt('a', 'B')"), true);
    assert.equal(run("in('b', 'a', 'B')"), true);
    assert.equal(run("notIn('c', 'a', 'b')"), true);
  });

  it('implements the string and collection functions', () => {
    assert.equal(run("format('{0}-{1} {{x}}', 'a', 2)"), 'a-2 {x}');
    assert.equal(run("join(';', split('a,b,c', ','))"), 'a;b;c');
    assert.equal(run("coalesce('', null, 'x')"), 'x');
    assert.equal(run("iif(eq(1, 1), 'yes', 'no')"), 'yes');
    assert.equal(run("length('abc')"), 3);
    assert.equal(run("containsValue(split('a,b', ','), 'B')"), true);
    assert.equal(run("replace('a-b-c', '-', '_')"), 'a_b_c');
    assert.equal(run('and(true, or(false, not(false)), xor(true, false))'), true);
    assert.equal(run('convertToJson(parameters.x)', { parameters: { x: { a: [1] } } }), '{\n  "a": [\n    1\n  ]\n}');
  });

  it('says what is wrong in Azure’s words', () => {
    assert.equal(problem("frobnicate('x')"), "Unrecognized function: 'frobnicate'.");
    assert.equal(problem('parammeters.x', { parameters: {} }), "Unrecognized named-value: 'parammeters'.");
    assert.equal(problem("eq('a')"), "Function 'eq' takes 2 parameters, not 1.");
    assert.equal(problem('1 + 2'), "Unexpected symbol: '+'");
    assert.equal(problem("eq('a', 'b'"), 'Unexpected end of expression');
    assert.equal(problem("'open"), 'Unclosed string literal');
    assert.equal(problem('succeeded()'), "Function 'succeeded' is only available at run time, not in a template expression.");
    assert.ok(run('succeeded()', {}, false) instanceof AzureUnknown);
  });

  it('survives hostile nesting without exhausting the stack', () => {
    const deep = `${'not('.repeat(5000)}true${')'.repeat(5000)}`;
    assert.equal(problem(deep), 'Expression is nested too deeply');
  });
});

describe('Azure expressions inside YAML values', () => {
  it('finds ${{ }} anywhere and $[ ] only as the whole value, with quoted closers kept inside', () => {
    assert.deepEqual(
      findEmbeddedExpressions("a-${{ parameters.x }}-${{ format('}}') }}").map((e) => e.source.trim()),
      ['parameters.x', "format('}}')"],
    );
    assert.equal(findEmbeddedExpressions("$[ variables['a'] ]")[0]?.kind, 'runtime');
    assert.equal(findEmbeddedExpressions('echo $[notone]').length, 0);
    assert.equal(findEmbeddedExpressions('${{ open')[0]?.unclosed, true);
    assert.ok(wholeCompileExpression(' ${{ parameters.list }} '));
    assert.equal(wholeCompileExpression('x ${{ parameters.list }}'), undefined);
  });
});

describe('Azure expressions over values not known offline', () => {
  it('keeps an unknown unknown, except where the answer does not depend on it', () => {
    const values = { variables: { 'Build.SourceBranch': new AzureUnknown('a run-time variable') } };
    const unknown = (source: string): boolean => run(source, values) instanceof AzureUnknown;
    assert.ok(unknown("eq(variables['Build.SourceBranch'], 'refs/heads/main')"));
    assert.ok(unknown("variables['Build.SourceBranch'].deeper"));
    assert.equal(run("and(false, eq(variables['Build.SourceBranch'], 'x'))", values), false);
    assert.equal(run("or(eq(variables['Build.SourceBranch'], 'x'), true)", values), true);
    assert.ok(unknown("and(true, eq(variables['Build.SourceBranch'], 'x'))"));
    assert.ok(unknown("iif(eq(variables['Build.SourceBranch'], 'x'), 1, 2)"));
    assert.equal(run("coalesce('', 'x', variables['Build.SourceBranch'])", values), 'x');
  });
});

describe('Azure comparisons with null', () => {
  it('reads null as equal to an empty string, as Azure’s casts do', () => {
    assert.equal(run("eq(parameters.missing, '')", { parameters: {} }), true);
    assert.equal(run("ne(parameters.missing, '')", { parameters: {} }), false);
    assert.equal(run("eq('', parameters.missing)", { parameters: {} }), true);
    assert.equal(run('eq(parameters.missing, 0)', { parameters: {} }), false);
  });
});
