import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { possibleIncluders } from '../../../src/core/pipelines/azure/includers';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { tempFolder } from '../../support/temp';

const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

const FILES: Record<string, string> = {
  'azure-pipelines.yml': 'jobs:\n- template: ci/jobs.yml\n',
  'ci/jobs.yml': 'jobs:\n- job: Build\n  steps:\n  - template: steps/build.yml\n  - template: steps/build.yml\n',
  'ci/steps/build.yml': 'steps:\n- script: make\n  name: make\n',
  'other.azure-pipelines.yml': 'steps:\n- script: echo\n',
};

function repository(): string {
  const folder = tempFolder('shipshape-includers-').path;
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

describe('Azure templates in the editor: checked through the files that include them', () => {
  it('finds the files that may include a template, directly or through another', () => {
    const folder = repository();
    const files = Object.keys(FILES).map((path) => join(folder, path));
    const found = possibleIncluders(join(folder, 'ci/steps/build.yml'), files, read).map((file) => file.slice(folder.length + 1));
    assert.deepEqual(found.sort(), ['azure-pipelines.yml', 'ci/jobs.yml']);
    assert.deepEqual(possibleIncluders(join(folder, 'azure-pipelines.yml'), files, read), []);
  });

  it('shows on a template what is found through its includers, with the chain, as shipshape lint does', () => {
    const folder = repository();
    const path = join(folder, 'ci/steps/build.yml');
    const validate = (files?: string[]) =>
      validatePipeline({ path, text: FILES['ci/steps/build.yml'] as string, root: folder, kind: 'azure-pipelines', ...(files ? { azure: { files } } : {}) });
    assert.deepEqual(validate().findings, [], 'alone, a template names its step once');
    const [finding, ...rest] = validate(Object.keys(FILES).map((file) => join(folder, file))).findings;
    assert.deepEqual(rest, []);
    assert.equal(finding?.message, 'The step name make appears more than once.');
    assert.equal(finding?.range.start.line, 3);
    assert.deepEqual(
      finding?.related?.map((related) => `${related.path.slice(folder.length + 1)}:${related.range.start.line} ${related.message}`),
      ['ci/jobs.yml:5 included from here', 'azure-pipelines.yml:2 included from here'],
    );
  });
});
