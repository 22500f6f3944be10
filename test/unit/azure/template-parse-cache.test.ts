import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { forgetParsedTemplates, parsedTemplateFile } from '../../../src/core/pipelines/azure/templates/parse-cache';
import { validateAzurePipeline } from '../../../src/core/pipelines/azure/validate-azure';

describe('Azure template parses kept across expansions', () => {
  const root = '/repo';
  const files = new Map([
    [join(root, 'a.yml'), 'steps:\n- template: steps.yml\n'],
    [join(root, 'b.yml'), 'steps:\n- template: steps.yml\n- script: echo b\n'],
    [join(root, 'steps.yml'), 'steps:\n- script: echo hi\n'],
  ]);
  const read = (file: string) => files.get(file);
  beforeEach(forgetParsedTemplates);

  it('two pipelines using one template share its parse; a changed text is parsed again', () => {
    const template = join(root, 'steps.yml');
    const first = validateAzurePipeline({ file: join(root, 'a.yml'), repositoryRoot: root, read }).expansion.parsed.get(template);
    const second = validateAzurePipeline({ file: join(root, 'b.yml'), repositoryRoot: root, read }).expansion.parsed.get(template);
    assert.ok(first);
    assert.equal(second, first);
    const changed = parsedTemplateFile(template, 'steps:\n- script: echo changed\n');
    assert.notEqual(changed, first);
    assert.equal(changed.source.text, 'steps:\n- script: echo changed\n');
  });

  it('forgets every parse on request', () => {
    const text = 'steps:\n- script: echo\n';
    const first = parsedTemplateFile('/x.yml', text);
    assert.equal(parsedTemplateFile('/x.yml', text), first);
    forgetParsedTemplates();
    assert.notEqual(parsedTemplateFile('/x.yml', text), first);
  });
});
