import { strict as assert } from 'node:assert';
import { parseConfig } from '../../../src/core/pipelines/config';
import { compileGlob, matchGlob } from '../../../src/core/pipelines/github/data/globs';
import { checkRunnerLabels } from '../../../src/core/pipelines/github/data/runner-labels';
import { runNfa } from '../../../src/core/patterns/nfa';
import { unsafeRegexReason } from '../../../src/core/patterns/safe-regex';
import { fileSelected, pathParts, readHashPatterns } from '../../../src/core/runs/hash-file-patterns';
import { matchTrigger } from '../../../src/core/runs/triggers';
import { seeded, type Random } from '../../support/random';

// Each of these took from 30 s to minutes with globs compiled to regexes (issue #11, item 11).
const starry = (count: number, tail: string): string => `${'a*'.repeat(count)}${tail}`;
const label = 'a'.repeat(40);

describe('globs match in linear time', () => {
  it('a runner-label pattern a*a*…b against a 40-character label', () => {
    const problems = checkRunnerLabels([label], [starry(20, 'b')]);
    assert.equal(problems.length, 1, 'the label is unknown: the pattern does not match it');
  });

  it('a branch filter a*a*…b against a 40-character branch (plan)', () => {
    const decision = matchTrigger({ push: { branches: [starry(20, 'b')] } }, { name: 'push', ref: `refs/heads/${label}` });
    assert.equal(decision.triggers, false);
  });

  it('**/**/…/x over a deep path', () => {
    assert.equal(matchGlob(`${'**/'.repeat(20)}x`, `${'a/'.repeat(40)}y`, 'path'), false);
    assert.equal(matchGlob(`${'**/'.repeat(20)}x`, `${'a/'.repeat(40)}x`, 'path'), true);
  });

  it('hashFiles() segments *a*a*…b against a long name', () => {
    const { patterns } = readHashPatterns([`${'*a'.repeat(20)}b`], '/w', '/home');
    assert.equal(fileSelected(patterns, pathParts(`/w/${label}`)), false);
  });

  it('costs at most (length + 1) x the automaton per match', () => {
    const nfa = compileGlob(`${'**/'.repeat(20)}${starry(20, 'b')}`);
    assert.ok(nfa);
    const input = `${'a/'.repeat(200)}${'a'.repeat(200)}`;
    const { matched, steps } = runNfa(nfa, input);
    assert.equal(matched, false);
    const edges = nfa.states.reduce((sum, state) => sum + state.edges.length + state.epsilons.length, 0);
    assert.ok(steps <= (input.length + 1) * edges * 2, `${steps} steps`);
  });
});

describe('user regular expressions in the config', () => {
  it('refuses a nested quantifier with a reason instead of running it', () => {
    const { config, problems } = parseConfig('paths:\n  "**":\n    ignore: ["(a+)+$", "unused input"]\n');
    assert.deepEqual(
      problems.map((problem) => problem.message),
      ['Ignore pattern "(a+)+$" under paths."**" is not used: a repeated group holds a quantifier or "|" (as in "(a+)+"), which can take exponential time.'],
    );
    assert.deepEqual(config.ignore[0]?.patterns.map(String), ['/unused input/']);
  });

  it('tells risky patterns from safe ones', () => {
    for (const risky of ['(a+)+', '(a*)*', '(a|aa)+', '(\\w+\\s?)*$', '((ab)*c)+', '(a?b?){2,}', '(x)\\1', 'a'.repeat(501)])
      assert.ok(unsafeRegexReason(risky), risky);
    for (const safe of ['has no input "token"', '^Runner label .* is unknown', '(?:foo|bar) baz', '[(a+)+]', '(ab)+', '\\(a+\\)+', '(a|b)?', 'x+?y'])
      assert.equal(unsafeRegexReason(safe), undefined, safe);
  });
});

/** The reference: the filter syntax as a regex, fine on the short inputs it is given. */
function referenceRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (pattern[i] === '*') source += '[^/]*';
    else if (pattern[i] === '[') {
      const close = pattern.indexOf(']', i);
      source += pattern.slice(i, close + 1);
      i = close;
    } else source += pattern[i] === '?' || pattern[i] === '+' ? pattern[i] : pattern[i] === '.' ? '\\.' : pattern[i];
  }
  return new RegExp(`^${source}$`);
}

const PIECES = ['a', 'b', '.', '/', '*', '**', '**/', '[ab]', 'a?', 'b+', '[a-b]+'];
const randomPattern = (random: Random): string => Array.from({ length: 1 + random.int(6) }, () => random.pick(PIECES)).join('');
const randomValue = (random: Random): string => Array.from({ length: random.int(9) }, () => random.pick(['a', 'b', '.', '/'])).join('');

describe('glob matcher against a reference (seeded fuzz)', () => {
  it('agrees on 20,000 random patterns and values within a bounded number of steps', () => {
    const random = seeded(11);
    for (let n = 0; n < 20_000; n++) {
      const pattern = randomPattern(random);
      const value = randomValue(random);
      const nfa = compileGlob(pattern);
      assert.ok(nfa, pattern);
      const { matched, steps } = runNfa(nfa, value);
      assert.equal(matched, referenceRegex(pattern).test(value), `case ${n}: ${JSON.stringify(pattern)} against ${JSON.stringify(value)}`);
      assert.ok(steps <= (value.length + 1) * nfa.states.length * 4, `case ${n}: ${steps} steps`);
    }
  });
});
