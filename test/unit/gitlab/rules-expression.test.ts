import { strict as assert } from 'node:assert';
import { expressionProblem } from '../../../src/core/pipelines/gitlab/rules-expression';

const problem = (text: string): string | undefined => expressionProblem(text)?.message;

describe("GitLab's CI/CD variable expressions", () => {
  it('accepts what GitLab accepts: variables, strings, /regex/ with flags, null, true/false, inputs, && || and parentheses', () => {
    for (const text of [
      '$CI_COMMIT_TAG',
      '$CI_COMMIT_BRANCH == "main"',
      "$CI_COMMIT_BRANCH != 'main'",
      '$CI_COMMIT_REF_NAME =~ /^release\\/.*$/i',
      '$CI_COMMIT_REF_NAME !~ /^docs-/',
      '$CI_COMMIT_TAG == null',
      '$A == $B && ($C || $D =~ /x(y|z)/) || $E',
      '($CI_PIPELINE_SOURCE == "merge_request_event" && $X =~ /^perf_.*$/) || $CI_COMMIT_BRANCH =~ /^(master|production)$/',
      '$[[ inputs.deploy ]] == "true"',
      '$FLAG == true',
      '"a" == "a"',
      '$NAME =~ /(?P<x>a)/',
      // GitLab's shunting-yard also builds one tree from these.
      '$A $B ==',
      '== $A $B',
    ])
      assert.equal(problem(text), undefined, text);
  });

  it('refuses ${VAR}, bare words, = and !, unclosed strings and regexes, empty expressions, with what was expected', () => {
    assert.match(problem('${CI_COMMIT_TAG}') ?? '', /\$\{VAR\} is not allowed in expressions, write \$VAR/);
    assert.match(problem('$CI_COMMIT_BRANCH == main') ?? '', /a text value must be quoted.*at `main`/);
    assert.match(problem('$A = "x"') ?? '', /`=` is not an operator: compare with == or =~/);
    assert.match(problem('!$A') ?? '', /`!` is not an operator/);
    assert.match(problem('$A == "x') ?? '', /a string is not closed on its line/);
    assert.match(problem('$A =~ /x') ?? '', /regular expression\/ is not closed/);
    assert.match(problem('$A & $B') ?? '', /single `&` is not an operator: use && or \|\|/);
    assert.equal(problem(''), 'the expression is empty');
    assert.equal(problem('   '), 'the expression is empty');
  });

  it('refuses what GitLab cannot build one tree from, saying what was expected where', () => {
    assert.deepEqual(expressionProblem('$A ==') ?? {}, {
      message: 'expected a $VARIABLE, a "string", a /regex/, null or `(` after `==`, found the end',
      offset: 5,
    });
    assert.equal(problem('== null'), 'expected a $VARIABLE, a "string", a /regex/, null or `(`, found `==`');
    assert.equal(problem('$A "x"'), 'expected an operator (==, !=, =~, !~, &&, ||) before `"x"`');
    assert.equal(problem('($A == "x"'), 'expected `)` to close the `(`, found the end');
    assert.equal(problem('$A == "x")'), 'a `)` closes nothing');
    assert.equal(problem('$A && && $B'), 'expected a $VARIABLE, a "string", a /regex/, null or `(` after `&&`, found `&&`');
  });

  it('refuses a regular expression that does not compile, and more than 99 tokens', () => {
    assert.match(problem('$A =~ /a(b/') ?? '', /^invalid regular expression \/a\(b\/: /);
    const long = Array.from({ length: 50 }, () => '$A').join(' && ');
    assert.equal(problem(long), undefined, '99 tokens');
    assert.match(problem(`${long} && $B`) ?? '', /more than 99 tokens/);
  });
});
