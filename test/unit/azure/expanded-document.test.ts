import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expandAzureFile, expandedDocumentText } from '../../../src/core/pipelines/azure/expand-file';
import { tempFolder } from '../../support/temp';

const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

/** The editor's "Show Expanded Pipeline" document for `entry` among `files`. */
function documentFor(files: Record<string, string>, entry = 'azure-pipelines.yml'): { text: string; files: readonly string[]; folder: string } {
  const folder = tempFolder('shipshape-expanded-').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const file = join(folder, entry);
  const expanded = expandAzureFile({ file, repositoryRoot: folder, read });
  return { text: expandedDocumentText(file, folder, expanded, read), files: expanded.files, folder };
}

describe('Azure expanded document (Show Expanded Pipeline)', () => {
  it('says what it is, then the YAML with the templates expanded; lists the files it read', () => {
    const { text, files, folder } = documentFor({
      // A dependsOn naming nothing is a finding on the result (the Problems view's): the expansion is complete.
      'azure-pipelines.yml': 'steps:\n- template: ci/steps.yml\n  parameters:\n    config: release\njobs:\n- job: A\n  dependsOn: Nope\n',
      'ci/steps.yml': 'parameters:\n- name: config\n  default: debug\nsteps:\n- script: make ${{ parameters.config }}\n',
    });
    assert.equal(
      text,
      '# azure-pipelines.yml expanded by Shipshape (read-only):\n# templates and ${{ }} compiled offline as Azure DevOps does.\n' +
        'steps:\n  - script: make release\njobs:\n  - job: A\n    dependsOn: Nope\n',
    );
    assert.deepEqual(
      files.map((file) => file.slice(folder.length + 1)),
      ['azure-pipelines.yml', 'ci/steps.yml'],
    );
  });

  it('says at the top, as comments, why the expansion is incomplete', () => {
    const { text } = documentFor({ 'azure-pipelines.yml': 'steps:\n- script: make\n- template: ci/missing.yml\n' });
    const lines = text.split('\n');
    assert.equal(lines[2], '# Not expanded completely: 1 error in the way.');
    assert.equal(lines[3], "#   azure-pipelines.yml:3:13: error: Template file 'ci/missing.yml' not found. [azure-template]");
    assert.equal(lines[4], 'steps:');
  });

  it('says so when there is nothing to expand', () => {
    assert.match(documentFor({ 'azure-pipelines.yml': '' }).text, /\n# \(nothing to expand\)\n$/);
  });
});
