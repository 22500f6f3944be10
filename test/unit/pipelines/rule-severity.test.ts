import { strict as assert } from 'node:assert';
import { editorRules, RULE_SEVERITY_LEVELS, ruleIds } from '../../../src/core/pipelines/rule-severity';
import { parseConfig } from '../../../src/core/pipelines/config';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { ALL_RULES } from '../../../src/core/pipelines/rules-registry';

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  a:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo "::set-output name=x::1"',
  '      - run: echo ${{ nope.x }}',
  '',
].join('\n');

describe('rule severities: the editor setting over .github/shipshape.yaml', () => {
  it('lists every rule id of the registry once, in order', () => {
    assert.deepEqual(ruleIds(), [...new Set(ALL_RULES.map((rule) => rule.id))]);
    assert.deepEqual(RULE_SEVERITY_LEVELS, ['error', 'warning', 'information', 'hint', 'off']);
  });

  it('lets the setting win per rule; rules it does not name keep the project level', () => {
    const project = parseConfig('rules:\n  expression: warning\n  deprecated-commands: off\n  runner-label: info\n').config;
    const merged = editorRules(project, { expression: 'off', 'deprecated-commands': 'error', 'shell-name': 'information', matrix: 'hint' });
    assert.deepEqual(merged.config.rules, {
      expression: 'off',
      'deprecated-commands': 'error',
      'runner-label': 'info',
      'shell-name': 'info',
      matrix: 'info',
    });
    assert.deepEqual([...merged.hints], ['matrix']);
    // The rest of the project config is kept as it is.
    assert.equal(merged.config.ignore, project.ignore);
  });

  it('ignores what is not a rule id or a level (a hand-edited settings.json)', () => {
    const merged = editorRules(parseConfig('').config, { nope: 'off', expression: 'loud', matrix: 3 } as unknown as Record<string, string>);
    assert.deepEqual(merged.config.rules, {});
    assert.equal(editorRules(parseConfig('').config, 'off' as unknown as Record<string, string>).hints.size, 0);
  });

  it('changes what validation reports: off drops the rule, a level replaces the finding severity', () => {
    const run = (setting: Record<string, string>) =>
      validatePipeline({
        path: '/r/.github/workflows/a.yml',
        root: '/r',
        text: WORKFLOW,
        config: editorRules(parseConfig('').config, setting).config,
      }).findings.map((finding) => `${finding.rule}:${finding.severity}`);
    assert.deepEqual(run({}), ['deprecated-commands:error', 'expression:error']);
    assert.deepEqual(run({ 'deprecated-commands': 'off', expression: 'warning' }), ['expression:warning']);
  });
});
