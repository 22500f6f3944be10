import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { validateAzureFiles } from '../../../src/core/pipelines/azure/validate-azure-files';
import { forgetParsedTemplates } from '../../../src/core/pipelines/azure/templates/parse-cache';

describe('Azure repository check reads', () => {
  beforeEach(forgetParsedTemplates);

  it('reads each file once, a missing template included, however many pipelines use it', () => {
    const root = '/repo';
    const files = new Map([
      [join(root, 'a.yml'), 'steps:\n- template: steps.yml\n- template: gone.yml\n- template: steps.yml\n'],
      [join(root, 'b.yml'), 'steps:\n- template: steps.yml\n- template: gone.yml\n'],
      [join(root, 'steps.yml'), 'steps:\n- script: echo hi\n'],
    ]);
    const reads = new Map<string, number>();
    const read = (file: string): string | undefined => {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      return files.get(file);
    };
    const result = validateAzureFiles({ files: [join(root, 'a.yml'), join(root, 'b.yml')], repositoryRoot: root, read });
    assert.deepEqual(
      [...reads].filter(([, count]) => count > 1),
      [],
    );
    assert.equal(reads.get(join(root, 'gone.yml')), 1);
    // The missing template is still reported in both pipelines.
    const missing = (file: string) => (result.findings.get(join(root, file)) ?? []).filter((finding) => finding.message.includes("'gone.yml' not found"));
    assert.equal(missing('a.yml').length, 1);
    assert.equal(missing('b.yml').length, 1);
  });
});
