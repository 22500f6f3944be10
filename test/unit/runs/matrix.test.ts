import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { expandMatrix, legLabel, MAX_MATRIX_LEGS } from '../../../src/core/runs/matrix';

/** A strategy written as YAML, the way workflows arrive. */
const strategy = (yaml: string): unknown => parse(yaml);

describe('expandMatrix', () => {
  it('gives no legs and the defaults when the job has no strategy or no matrix', () => {
    assert.deepEqual(expandMatrix(undefined), { legs: [], failFast: true, maxParallel: undefined, problems: [] });
    assert.deepEqual(expandMatrix({ 'fail-fast': false }), { legs: [], failFast: false, maxParallel: undefined, problems: [] });
  });

  it('takes the cartesian product in key order, the first key varying slowest', () => {
    const { legs, problems } = expandMatrix(strategy('matrix: { os: [ubuntu-latest, windows-latest], node: [14, 16, 18] }'));
    assert.deepEqual(problems, []);
    assert.deepEqual(legs.map(legLabel), [
      'ubuntu-latest, 14',
      'ubuntu-latest, 16',
      'ubuntu-latest, 18',
      'windows-latest, 14',
      'windows-latest, 16',
      'windows-latest, 18',
    ]);
  });

  it('follows the docs example for exclude: partial matches, nine of twelve jobs', () => {
    const { legs, problems } = expandMatrix(
      strategy(`
matrix:
  os: [macos-latest, windows-latest]
  version: [12, 14, 16]
  environment: [staging, production]
  exclude:
    - os: macos-latest
      version: 12
      environment: production
    - os: windows-latest
      version: 16
`),
    );
    assert.deepEqual(problems, []);
    assert.equal(legs.length, 9);
    assert.ok(!legs.some((leg) => leg.os === 'macos-latest' && leg.version === 12 && leg.environment === 'production'));
    assert.ok(!legs.some((leg) => leg.os === 'windows-latest' && leg.version === 16));
    assert.ok(legs.some((leg) => leg.os === 'macos-latest' && leg.version === 12 && leg.environment === 'staging'));
  });

  it('follows the docs example for include: extends originals, overwrites only added values, adds the rest', () => {
    const { legs, problems } = expandMatrix(
      strategy(`
matrix:
  fruit: [apple, pear]
  animal: [cat, dog]
  include:
    - color: green
    - color: pink
      animal: cat
    - fruit: apple
      shape: circle
    - fruit: banana
    - fruit: banana
      animal: cat
`),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(legs, [
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
    // The overwritten color keeps its place, so names read in the order keys were first set.
    assert.equal(legLabel(legs[0] ?? {}), 'apple, cat, pink, circle');
  });

  it('follows the docs perl example: seven jobs, the macOS ones added at the end', () => {
    const { legs } = expandMatrix(
      strategy(`
matrix:
  os: [ubuntu-latest]
  perl: ['5.16', '5.20', '5.26', '5.30', latest]
  include:
    - os: macos-latest
      perl: '5.26'
    - os: macos-latest
      perl: latest
`),
    );
    assert.equal(legs.length, 7);
    assert.deepEqual(legs.slice(5), [
      { os: 'macos-latest', perl: '5.26' },
      { os: 'macos-latest', perl: 'latest' },
    ]);
  });

  it('adds a variable to the one matching leg (docs: npm 6 on windows-latest with node 16)', () => {
    const { legs } = expandMatrix(
      strategy(`
matrix:
  os: [windows-latest, ubuntu-latest]
  node: [12, 14, 16]
  include:
    - os: windows-latest
      node: 16
      npm: 6
`),
    );
    assert.equal(legs.length, 6);
    assert.deepEqual(
      legs.filter((leg) => 'npm' in leg),
      [{ os: 'windows-latest', node: 16, npm: 6 }],
    );
  });

  it('adds a new leg for an include that contradicts every combination (docs: ten jobs)', () => {
    const { legs } = expandMatrix(
      strategy(`
matrix:
  os: [macos-latest, windows-latest, ubuntu-latest]
  version: [12, 14, 16]
  include:
    - os: windows-latest
      version: 17
`),
    );
    assert.equal(legs.length, 10);
    assert.deepEqual(legs[9], { os: 'windows-latest', version: 17 });
  });

  it('runs the include entries alone when the matrix has no variables', () => {
    const { legs, problems } = expandMatrix(
      strategy(`
matrix:
  include:
    - site: production
      datacenter: site-a
    - site: staging
      datacenter: site-b
`),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(legs, [
      { site: 'production', datacenter: 'site-a' },
      { site: 'staging', datacenter: 'site-b' },
    ]);
  });

  it('processes include after exclude, so an include can add an excluded combination back', () => {
    const { legs } = expandMatrix(
      strategy(`
matrix:
  os: [linux, mac]
  node: [1, 2]
  exclude:
    - os: mac
  include:
    - os: mac
      node: 2
`),
    );
    assert.deepEqual(legs, [
      { os: 'linux', node: 1 },
      { os: 'linux', node: 2 },
      { os: 'mac', node: 2 },
    ]);
  });

  it('compares values deeply and matrix variable names without case', () => {
    const { legs, problems } = expandMatrix(
      strategy(`
matrix:
  os: [linux, mac]
  cfg:
    - { name: a, flags: [x, y] }
    - { name: b, flags: [] }
  exclude:
    - OS: mac
      cfg: { flags: [x, y], name: a }
  include:
    - Os: linux
      extra: yes
`),
    );
    assert.deepEqual(problems, []);
    assert.equal(legs.length, 3);
    assert.ok(!legs.some((leg) => leg.os === 'mac' && (leg.cfg as { name: string }).name === 'a'));
    assert.deepEqual(
      legs.filter((leg) => leg.extra === 'yes').map((leg) => leg.os),
      ['linux', 'linux'],
    );
  });

  it('compares values with their types: the number 16 is not the string "16"', () => {
    const { legs } = expandMatrix(strategy(`matrix: { node: [14, 16], exclude: [ { node: '16' } ] }`));
    assert.equal(legs.length, 2);
  });

  it('keeps a string holding ${{ as a plain string', () => {
    const { legs } = expandMatrix({ matrix: { target: ['${{ not evaluated }}'] } });
    assert.deepEqual(legs, [{ target: '${{ not evaluated }}' }]);
  });

  it('reports an exclude key that is not a matrix variable, and excludes nothing with it', () => {
    const { legs, problems } = expandMatrix(strategy('matrix: { os: [a, b], exclude: [ 7, { arch: x64 } ] }'));
    assert.equal(legs.length, 2);
    assert.deepEqual(problems, ['exclude entry 1 is not a mapping of matrix values', 'exclude entry 2 names "arch", which is not a matrix variable']);
  });

  it('reports variables that are not lists, empty lists and entries that are not mappings', () => {
    assert.deepEqual(expandMatrix(strategy('matrix: { os: ubuntu-latest, node: [1] }')), {
      legs: [{ node: 1 }],
      failFast: true,
      maxParallel: undefined,
      problems: ['matrix.os is not a list'],
    });
    assert.deepEqual(expandMatrix(strategy('matrix: { os: [], node: [1] }')).problems, ['matrix.os is an empty list', 'the matrix expands to no combination']);
    assert.deepEqual(expandMatrix(strategy('matrix: { include: [ 3, {} ] }')).problems, [
      'include entry 1 is not a mapping of matrix values',
      'include entry 2 is empty',
      'the matrix expands to no combination',
    ]);
    assert.deepEqual(expandMatrix(strategy('matrix: { os: [a], include: oops }')).problems, ['matrix.include is not a list']);
  });

  it('reports names that differ only in case as one variable', () => {
    const { legs, problems } = expandMatrix({ matrix: { os: ['a'], OS: ['b'] } });
    assert.deepEqual(legs, [{ os: 'a' }]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /matrix\.OS and matrix\.os are the same variable/);
  });

  it('reports a matrix that excludes every combination', () => {
    const { legs, problems } = expandMatrix(strategy('matrix: { os: [a], exclude: [ { os: a } ] }'));
    assert.deepEqual(legs, []);
    assert.deepEqual(problems, ['the matrix expands to no combination']);
  });

  it('reports a matrix or strategy left as text instead of a mapping', () => {
    assert.match(expandMatrix({ matrix: '${{ fromJSON(needs.a.outputs.m) }}' }).problems[0] ?? '', /not a mapping/);
    assert.match(expandMatrix({ matrix: [1, 2] }).problems[0] ?? '', /the matrix is not a mapping/);
    const fromText = expandMatrix('${{ x }}');
    assert.deepEqual(fromText.legs, []);
    assert.match(fromText.problems[0] ?? '', /strategy is the text/);
  });

  it(`keeps the first ${MAX_MATRIX_LEGS} legs and says how many there were`, () => {
    const values = Array.from({ length: 17 }, (_, index) => index);
    const { legs, problems } = expandMatrix({ matrix: { a: values, b: values } });
    assert.equal(legs.length, MAX_MATRIX_LEGS);
    assert.deepEqual(legs[0], { a: 0, b: 0 });
    assert.deepEqual(problems, [
      `the matrix expands to 289 combinations; GitHub allows at most ${MAX_MATRIX_LEGS}, so only the first ${MAX_MATRIX_LEGS} are kept`,
    ]);
  });

  it('stops early on a huge matrix instead of building every combination', () => {
    const values = Array.from({ length: 1000 }, (_, index) => index);
    const started = Date.now();
    const { legs, problems } = expandMatrix({ matrix: { a: values, b: values, c: values } });
    assert.ok(Date.now() - started < 2000);
    assert.equal(legs.length, MAX_MATRIX_LEGS);
    assert.deepEqual(problems, [
      `the matrix has more than 65536 combinations before exclude; GitHub allows at most ${MAX_MATRIX_LEGS} and only the first 65536 were considered`,
    ]);
  });

  it('reads fail-fast and max-parallel from booleans, numbers and evaluated strings', () => {
    assert.equal(expandMatrix({ 'fail-fast': 'false' }).failFast, false);
    assert.equal(expandMatrix({ 'fail-fast': ' TRUE ' }).failFast, true);
    assert.equal(expandMatrix({ 'max-parallel': 3 }).maxParallel, 3);
    assert.equal(expandMatrix({ 'max-parallel': '4' }).maxParallel, 4);
  });

  it('reports fail-fast and max-parallel values it cannot use, and falls back to the defaults', () => {
    const expansion = expandMatrix({ 'fail-fast': 'maybe', 'max-parallel': 0 });
    assert.equal(expansion.failFast, true);
    assert.equal(expansion.maxParallel, undefined);
    assert.equal(expansion.problems.length, 2);
    assert.match(expansion.problems[0] ?? '', /fail-fast must be true or false/);
    assert.match(expansion.problems[1] ?? '', /max-parallel must be a whole number/);
    assert.match(expandMatrix({ 'max-parallel': '2.5' }).problems[0] ?? '', /max-parallel/);
  });
});

describe('legLabel', () => {
  it('joins values in key order, printing numbers the way GitHub does', () => {
    assert.equal(legLabel({ os: 'ubuntu-latest', node: 18 }), 'ubuntu-latest, 18');
    assert.equal(legLabel({ python: 3.1, debug: false, empty: null }), '3.1, false, ');
  });

  it('prints objects and arrays as compact JSON', () => {
    assert.equal(legLabel({ cfg: { name: 'a', flags: ['x'] }, list: [1, 2] }), '{"name":"a","flags":["x"]}, [1,2]');
  });

  it('gives an empty label for an empty leg', () => {
    assert.equal(legLabel({}), '');
  });
});
