import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

/** Mistakes Azure DevOps rejects when it compiles a pipeline, found by a recall hunt: each reported at the line written. */
describe('Azure recall: what Azure DevOps rejects', () => {
  const folder = tempFolder('shipshape azure recall ');
  after(folder.remove);

  const lines = (text: string, files: Record<string, string> = {}) => {
    for (const [path, content] of Object.entries(files)) writeFile(folder.path, path, content);
    return validatePipeline({ path: join(folder.path, 'azure-pipelines.yml'), text: [...text.split('\n'), ''].join('\n'), root: folder.path }).findings.map(
      (finding) => `${finding.range.start.line} ${finding.rule} ${finding.message}`,
    );
  };

  it('reports a key extends does not take, also when the template is followed', () => {
    const template = { 'base.yml': 'steps:\n- script: echo t\n' };
    assert.deepEqual(lines('extends:\n  template: base.yml\n  parameter:\n    a: b', template), [
      `3 azure-keys Unexpected value 'parameter' in an extends. Did you mean "parameters"?`,
    ]);
    assert.deepEqual(lines('extends:\n  template: base.yml\n  parameters:\n    a: b', template), []);
  });
});
