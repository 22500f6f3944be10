import { strict as assert } from 'node:assert';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { suppressedRules } from '../../../src/core/pipelines/suppression';
import { parseConfig } from '../../../src/core/pipelines/config';
import { brief, lint, ofRule, workflow } from './helpers';

describe('validation engine', () => {
  it('reports nothing on YAML that is not a pipeline', () => {
    assert.deepEqual(lint(['name: x', 'services:', '  db: {image: postgres}'], { path: 'docker-compose.yml' }), []);
  });

  it('detects a workflow outside .github/workflows by its content', () => {
    const result = validatePipeline({
      path: '/repo/ci/build.yml',
      root: '/repo',
      text: 'on: push\njobs:\n  a:\n    needs: b\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    });
    assert.equal(result.kind, 'github-workflow');
    assert.ok(result.findings.some((finding) => finding.rule === 'job-needs'));
  });

  it('gives malformed YAML one diagnostic at the parser position and still checks what comes before', () => {
    const findings = lint(workflow('a:', '    runs-on: ubuntu-latest', '    needs: nope', '    steps:', '      - run: echo "x', '  b: [', ''));
    const syntax = findings.filter((finding) => finding.rule === 'yaml-syntax');
    assert.equal(syntax.length, 1);
    assert.match(syntax[0]?.message ?? '', /^YAML syntax error: /);
    assert.ok(
      findings.some((finding) => finding.rule === 'job-needs' && finding.range.start.line === 5),
      brief(findings).join('\n'),
    );
  });

  it('gives a file over 2 MB one informational note', () => {
    const findings = lint(`on: push\njobs: {}\n# ${'x'.repeat(2 * 1024 * 1024)}`);
    assert.deepEqual(brief(findings), ['1:1 file-too-large This file is over 2 MB, so Shipshape does not check it.']);
    assert.equal(findings[0]?.severity, 'info');
  });

  it('finishes an alias bomb quickly and says so', () => {
    const bomb = ['on: push', 'x: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level <= 8; level++)
      bomb.push(
        `x${level}: &${String.fromCharCode(97 + level)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(',')}]`,
      );
    bomb.push('jobs: {}');
    const started = Date.now();
    const findings = lint(bomb);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.ok(
      findings.some((finding) => /aliases expand too much/.test(finding.message)),
      brief(findings).join('\n'),
    );
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '---',
      '- a\n- b',
      '"just a string"',
      'on: push\njobs: 5',
      'on: push\njobs:\n  ? [complex, key]\n  : x',
      '\t\u0000weird',
      'on:\n  push:\njobs:\n  a: *undefined',
    ]) {
      assert.doesNotThrow(() => lint(text));
    }
  });
});

describe('inline suppression and config', () => {
  const needsNope = workflow('a:', '    runs-on: ubuntu-latest', '    needs: nope # shipshape-ignore job-needs', '    steps: [{run: echo}]');

  it('silences a rule on the same line', () => {
    assert.deepEqual(ofRule(lint(needsNope), 'job-needs'), []);
  });

  it('silences on the next line when the comment stands alone, and only the named rules', () => {
    const text = workflow('a:', '    runs-on: ubuntu-latest', '    # shipshape-ignore matrix', '    needs: nope', '    steps: [{run: echo}]');
    assert.equal(ofRule(lint(text), 'job-needs').length, 1);
    const all = workflow('a:', '    runs-on: ubuntu-latest', '    # shipshape-ignore', '    needs: nope', '    steps: [{run: echo}]');
    assert.deepEqual(ofRule(lint(all), 'job-needs'), []);
  });

  it('parses directive lists', () => {
    assert.deepEqual([...((suppressedRules('x: 1 # shipshape-ignore a, b').get(1) as Set<string>) ?? [])], ['a', 'b']);
  });

  it('turns rules off, changes severity, and ignores by message per path glob', () => {
    const text = workflow('a:', '    runs-on: ubuntu-latest', '    needs: nope', '    steps: [{run: echo}]');
    assert.deepEqual(ofRule(lint(text, { config: 'rules:\n  job-needs: off\n' }), 'job-needs'), []);
    assert.equal(lint(text, { config: 'rules:\n  job-needs: warning\n' }).find((f) => f.rule === 'job-needs')?.severity, 'warning');
    assert.deepEqual(ofRule(lint(text, { config: "paths:\n  '.github/workflows/*.yml':\n    ignore: ['no job with that id']\n" }), 'job-needs'), []);
    assert.equal(ofRule(lint(text, { config: "paths:\n  'other/**':\n    ignore: ['no job']\n" }), 'job-needs').length, 1);
  });

  it('reads a broken config leniently', () => {
    const { config, problems } = parseConfig('self-hosted-runner:\n  labels: [my-runner]\npaths:\n  "**":\n    ignore: ["("]\nrules:\n  x: loud\n');
    assert.deepEqual(config.runnerLabels, ['my-runner']);
    assert.equal(problems.length, 2);
    assert.equal(parseConfig('[not, a, map]').problems.length, 1);
    assert.equal(parseConfig('a: [').problems.length, 1);
  });
});
