import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { EMPTY_CONFIG } from '../../../src/core/pipelines/config';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

describe('validatePipeline on Azure Pipelines files', () => {
  const folder = tempFolder('shipshape azure validate ');
  after(folder.remove);
  const at = (path: string) => join(folder.path, path);

  before(() => {
    writeFile(
      folder.path,
      'templates/steps.yml',
      ['parameters:', '- name: target', '  type: string', 'steps:', '- script: make ${{ parameters.target }}', ''].join('\n'),
    );
    writeFile(folder.path, 'templates/stages.yml', ['stages:', '- stage: Deploy', '  dependsOn: Build', ''].join('\n'));
  });

  const lines = (path: string, text: string, options: Partial<Parameters<typeof validatePipeline>[0]> = {}) =>
    validatePipeline({ path: at(path), text, root: folder.path, ...options }).findings.map(
      (finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.rule} ${finding.message}`,
    );

  it('checks the text being edited, with its templates read from disk, at the line written', () => {
    const text = ['steps:', '- template: templates/steps.yml', '- script: echo', '  name: 1st', ''].join('\n');
    assert.equal(validatePipeline({ path: at('azure-pipelines.yml'), text, root: folder.path }).kind, 'azure-pipelines');
    assert.deepEqual(lines('azure-pipelines.yml', text), [
      "2:13 error azure-template-parameters A value for the 'target' parameter must be provided.",
      "4:9 error azure-names Step name '1st' is not valid: use only letters, digits and '_', not starting with a digit.",
    ]);
  });

  it('honours the config (off, another severity) and # shipshape-ignore', () => {
    const text = ['steps:', '- template: templates/steps.yml', '- script: echo', '  name: 1st', ''].join('\n');
    const config = { ...EMPTY_CONFIG, rules: { 'azure-template-parameters': 'off' as const, 'azure-names': 'warning' as const } };
    assert.deepEqual(lines('azure-pipelines.yml', text, { config }), [
      "4:9 warning azure-names Step name '1st' is not valid: use only letters, digits and '_', not starting with a digit.",
    ]);
    const ignored = text.replace('  name: 1st', '  name: 1st # shipshape-ignore azure-names');
    assert.deepEqual(lines('azure-pipelines.yml', ignored, { config }), []);
  });

  it('checks a referenced file as a template: its dependsOn may name a stage of its caller', () => {
    const text = ['stages:', '- stage: Deploy', '  dependsOn: Build', ''].join('\n');
    assert.deepEqual(lines('templates/stages.yml', text, { kind: 'azure-pipelines', azure: { referenced: true } }), []);
    // Not referenced, but in a templates folder: a template by convention.
    assert.deepEqual(lines('templates/stages.yml', text, { kind: 'azure-pipelines' }), []);
    // Neither: a pipeline, whose stages are all here.
    assert.deepEqual(lines('ci/stages.yml', text, { kind: 'azure-pipelines' }), ['3:14 error azure-depends-on Stage Deploy depends on unknown stage Build.']);
  });

  it('reports a syntax error once', () => {
    const found = lines('azure-pipelines.yml', 'steps:\n- script: [unclosed\n');
    assert.equal(found.filter((line) => / (yaml-syntax|azure-yaml) /.test(line)).length, 1, found.join('\n'));
  });
});
