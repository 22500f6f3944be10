import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

// Issue #16, expression typing and context availability: each finding at the line and column of the mistake.

describe('expression typing: property access on numbers and booleans', () => {
  it('reports a property of a number or boolean input, and of a boolean literal in parentheses', () => {
    const findings = lint([
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      count: {type: number}',
      '      flag: {type: boolean}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ inputs.count.value }} ${{ inputs.flag.on }} ${{ (1 == 1).x }}',
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '10:23 expression "inputs.count" is a number, so it has no property "value".',
      '10:49 expression "inputs.flag" is a boolean, so it has no property "on".',
      '10:71 expression The value is a boolean, so it has no property "x".',
    ]);
  });
});

describe('expression typing: fromJSON of a literal', () => {
  it('types the value from the JSON: properties, arrays and the type a key needs', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      `    timeout-minutes: \${{ fromJSON('{"minutes":"10"}').minutes }}`,
      '    steps:',
      `      - run: echo \${{ fromJSON('{"a":1}').a.b }} \${{ fromJSON('[1,2]').length }} \${{ fromJSON('{"a":1}').c }}`,
      `      - run: echo \${{ fromJSON('{"a":{"b":true}}').a.b }} \${{ fromJSON('[1,2]')[0] }}`,
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '5:22 expression "timeout-minutes" needs a number, but this expression is a string, which GitHub does not convert; wrap it in fromJSON() to turn the text into a value.',
      '7:23 expression "fromJSON(...).a" is a number, so it has no property "b".',
      '7:54 expression "fromJSON(...)" is an array, so it has no property "length".',
      '7:86 expression Object "fromJSON(...)" has no property "c".',
    ]);
  });
});

describe('expression typing: comparisons between incompatible types', () => {
  it('reports an object or an array compared with a string, an object with an array, and arrays of incompatible items', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      "      - run: echo ${{ steps == 'x' }} ${{ github.event.commits == 'x' }}",
      "      - run: echo ${{ fromJSON('{}') == fromJSON('[]') }} ${{ fromJSON('[[1]]') != fromJSON('[{}]') }}",
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '6:23 expression Comparing an object with a string using "==" is meaningless: it is always false.',
      '6:43 expression Comparing an array with a string using "==" is meaningless: it is always false.',
      '7:23 expression Comparing an object with an array using "==" is meaningless: it is always false.',
      '7:63 expression Comparing an array of arrays with an array of objects using "!=" is meaningless: it is always true.',
    ]);
  });

  it('accepts what can be equal: arrays of scalars, objects with objects, null, values of unknown type', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      "      - run: echo ${{ fromJSON('[1]') == fromJSON('[\"a\"]') }} ${{ steps == github }} ${{ github.event.commits == null }}",
      "      - run: echo ${{ fromJSON(env.X) == fromJSON('[]') }} ${{ fromJSON('[{}]') == fromJSON('[{\"a\":1}]') }}",
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), []);
  });
});

describe('expression typing: objects, arrays and null in templates', () => {
  it('warns when null is written into a string, as for objects and arrays', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    name: build ${{ null }}',
      '    steps:',
      "      - run: echo ${{ github.event }} ${{ fromJSON('[1]') }} ${{ fromJSON('null') }}",
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '5:17 expression This expression is null; inside a string it prints as an empty string. Write the text itself, or a value that is not null.',
      '7:19 expression This expression is an object; inside a string it prints as "Object". Use toJSON() or pick a property.',
      '7:39 expression This expression is an array; inside a string it prints as "Array". Use toJSON() or pick a property.',
      '7:62 expression This expression is null; inside a string it prints as an empty string. Write the text itself, or a value that is not null.',
    ]);
  });

  it('reports an object or array that is a whole value where GitHub takes a string (run, name, env, with)', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    name: ${{ github }}',
      '    env:',
      "      LIST: ${{ fromJSON('[1]') }}",
      '    steps:',
      '      - run: ${{ github.event }}',
      '        name: ${{ steps }}',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: ${{ fromJSON(\'["main"]\') }}',
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '5:11 expression "name" takes a string, but this expression is an object: GitHub rejects it with "A mapping was not expected". Use toJSON() or pick a property.',
      '7:13 expression "LIST" takes a string, but this expression is an array: GitHub rejects it with "A sequence was not expected". Use toJSON() or pick an item.',
      '9:14 expression "run" takes a string, but this expression is an object: GitHub rejects it with "A mapping was not expected". Use toJSON() or pick a property.',
      '10:15 expression "name" takes a string, but this expression is an object: GitHub rejects it with "A mapping was not expected". Use toJSON() or pick a property.',
      '13:16 expression "ref" takes a string, but this expression is an array: GitHub rejects it with "A sequence was not expected". Use toJSON() or pick an item.',
    ]);
  });

  it('accepts whole-value objects and arrays where GitHub takes them', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ${{ fromJSON(\'["ubuntu-latest"]\') }}',
      '    env: ${{ fromJSON(\'{"A":"1"}\') }}',
      '    strategy:',
      '      matrix: ${{ fromJSON(\'{"os":["a"]}\') }}',
      '    steps:',
      '      - run: echo ${{ toJSON(github.event) }} ${{ github.sha }}',
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), []);
  });
});

describe('expression typing: format()', () => {
  it('reports a placeholder beyond the arguments, an unescaped brace and an argument never used, at the format string or the argument', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      "      - run: echo ${{ format('{0}-{1}', github.sha) }}",
      "      - run: echo ${{ format('{0} {', github.sha) }} ${{ format('} {0}', github.sha) }}",
      "      - run: echo ${{ format('{0}', github.sha, github.ref) }} ${{ format('{{0}} {1}', 1, 2) }}",
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '6:30 expression Format string "{0}-{1}" uses placeholder {1}, but only 1 value is given.',
      '7:30 expression Format string "{0} {" is invalid: "{" at position 4 is not followed by an argument number; write "{{" for a literal brace.',
      '7:65 expression Format string "} {0}" is invalid: "}" at position 0 closes nothing; write "}}" for a literal brace.',
      '8:49 expression Format string "{0}" has no placeholder {1} for this argument.',
      '8:88 expression Format string "{{0}} {1}" has no placeholder {0} for this argument.',
    ]);
  });
});

describe('context availability: env variable names', () => {
  it('checks an expression in an env name with the contexts of its env (workflow, job, step)', () => {
    const findings = lint([
      'on: push',
      'env:',
      '  ${{ github.event_name }}_A: 1',
      '  "${{ matrix.x }}": 1',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    strategy: {matrix: {x: [a]}}',
      '    env:',
      '      ${{ matrix.x }}: 1',
      '      ${{ steps.s.outputs.o }}: 1',
      '    steps:',
      '      - id: s',
      '        run: echo',
      '      - run: echo',
      '        env:',
      '          ${{ steps.s.outputs.o }}: 1',
      '          ${{ matrix.y }}: 1',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ${{ runner.os }}: 1',
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '4:8 expression Context "matrix" is not available at this key (available here: "github", "inputs", "secrets", "vars").',
      '11:11 expression Context "steps" is not available at this key (available here: "github", "inputs", "matrix", "needs", "secrets", "strategy", "vars").',
      '18:15 expression Context "matrix" has no property "y".',
    ]);
  });
});

describe('context availability: shell, uses, credentials, services, runs-on, concurrency', () => {
  it("reports a context in a step's shell or uses (GitHub's schema gives them none)", () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    strategy: {matrix: {shell: [bash], action: [actions/checkout@v4]}}',
      '    defaults:',
      '      run:',
      '        shell: ${{ matrix.shell }}',
      '    steps:',
      '      - run: echo',
      '        shell: ${{ matrix.shell }} {0}',
      '      - uses: ${{ matrix.action }}',
      '      - run: echo',
      "        shell: ${{ 'bash' }}",
      '  b:',
      '    uses: ${{ vars.WORKFLOW }}',
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '11:20 expression Context "matrix" is not available at this key (no context is available here).',
      '12:19 expression Context "matrix" is not available at this key (no context is available here).',
      '16:15 expression Context "vars" is not available at this key (no context is available here).',
    ]);
  });

  it('checks credentials, services, a runs-on object and concurrency at workflow and job level', () => {
    const findings = lint([
      'on: push',
      'concurrency:',
      '  group: ${{ github.ref }}-${{ secrets.X }}',
      '  cancel-in-progress: ${{ env.CANCEL }}',
      'jobs:',
      '  a:',
      '    strategy: {matrix: {x: [a]}}',
      '    runs-on:',
      '      group: ${{ vars.GROUP }}',
      '      labels: [linux, "${{ env.LABEL }}"]',
      '    concurrency:',
      '      group: ${{ matrix.x }}-${{ secrets.Y }}',
      '      cancel-in-progress: ${{ steps.s.outputs.c }}',
      '    container:',
      '      image: node',
      '      credentials:',
      '        username: ${{ secrets.USER }}',
      '        password: ${{ runner.temp }}',
      '    services:',
      '      db:',
      '        image: ${{ secrets.IMAGE }}',
      '        credentials:',
      '          username: ${{ env.USER }}',
      '          password: ${{ job.status }}',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(ofRule(findings, 'expression'), [
      '3:32 expression Context "secrets" is not available at this key (available here: "github", "inputs", "vars").',
      '4:27 expression Context "env" is not available at this key (available here: "github", "inputs", "vars").',
      '10:28 expression Context "env" is not available at this key (available here: "github", "inputs", "matrix", "needs", "strategy", "vars").',
      '12:34 expression Context "secrets" is not available at this key (available here: "github", "inputs", "matrix", "needs", "strategy", "vars").',
      '13:31 expression Context "steps" is not available at this key (available here: "github", "inputs", "matrix", "needs", "strategy", "vars").',
      '18:23 expression Context "runner" is not available at this key (available here: "env", "github", "inputs", "matrix", "needs", "secrets", "strategy", "vars").',
      '21:20 expression Context "secrets" is not available at this key (available here: "github", "inputs", "matrix", "needs", "strategy", "vars").',
      '24:25 expression Context "job" is not available at this key (available here: "env", "github", "inputs", "matrix", "needs", "secrets", "strategy", "vars").',
    ]);
  });
});
