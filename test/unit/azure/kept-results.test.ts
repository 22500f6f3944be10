import { strict as assert } from 'node:assert';
import { forgetParsedTemplates } from '../../../src/core/pipelines/azure/templates/parse-cache';
import { resolveTemplatePath } from '../../../src/core/pipelines/azure/templates/template-paths';

describe('Azure results kept across expansions', () => {
  beforeEach(forgetParsedTemplates);

  it('a kept `x@self` path still asks whether the file beside exists, every time', () => {
    const beside = resolveTemplatePath('steps.yml@self', '/repo/ci/a.yml', '/repo', undefined, '/repo', () => true);
    const fromRoot = resolveTemplatePath('steps.yml@self', '/repo/ci/a.yml', '/repo', undefined, '/repo', () => false);
    assert.deepEqual(beside, { kind: 'file', file: '/repo/ci/steps.yml', written: 'steps.yml@self' });
    assert.deepEqual(fromRoot, { kind: 'file', file: '/repo/steps.yml', written: 'steps.yml@self' });
  });

  it('the same path under another repository map is resolved again', () => {
    const first = resolveTemplatePath('steps.yml@tools', '/repo/a.yml', '/repo', { tools: '/tools-a' });
    const second = resolveTemplatePath('steps.yml@tools', '/repo/a.yml', '/repo', { tools: '/tools-b' });
    const none = resolveTemplatePath('steps.yml@tools', '/repo/a.yml', '/repo', {});
    assert.deepEqual(first, { kind: 'file', file: '/tools-a/steps.yml', written: 'steps.yml@tools' });
    assert.deepEqual(second, { kind: 'file', file: '/tools-b/steps.yml', written: 'steps.yml@tools' });
    assert.deepEqual(none, { kind: 'remote', alias: 'tools', written: 'steps.yml@tools' });
  });

  it('forgets what it kept with the parses', () => {
    const first = resolveTemplatePath('steps.yml', '/repo/a.yml', '/repo');
    assert.equal(resolveTemplatePath('steps.yml', '/repo/a.yml', '/repo'), first);
    forgetParsedTemplates();
    const again = resolveTemplatePath('steps.yml', '/repo/a.yml', '/repo');
    assert.notEqual(again, first);
    assert.deepEqual(again, first);
  });
});
