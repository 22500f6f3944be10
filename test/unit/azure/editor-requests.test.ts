import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { EMPTY_CONFIG, parseConfig } from '../../../src/core/pipelines/config';
import { referencedTemplates } from '../../../src/core/pipelines/azure/referenced-templates';
import type { FromValidationWorker, ToValidationWorker, ValidationRequest } from '../../../src/core/pipelines/worker/protocol';
import { serveValidation } from '../../../src/core/pipelines/worker/validation-server';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

/** The worker's server on a fake port: one request in, its answer out. */
function validateInServer(request: ValidationRequest): Promise<Extract<FromValidationWorker, { type: 'result' }>> {
  let listener: ((message: ToValidationWorker) => void) | undefined;
  return new Promise((resolve, reject) => {
    serveValidation({
      on: (_event, received) => (listener = received),
      postMessage: (message) => {
        if (message.type === 'result') resolve(message);
        else if (message.type === 'failed') reject(new Error(message.message));
      },
    });
    listener?.({ type: 'validate', id: 1, request });
  });
}

describe('the editor’s Azure validation requests', () => {
  const folder = tempFolder('shipshape azure editor ');
  after(folder.remove);
  const root = folder.path;
  const jobs = ['jobs:', '- job: Deploy', '  dependsOn: Build', '  steps:', '  - script: echo', ''].join('\n');

  before(() => {
    writeFile(root, 'azure-pipelines.yml', ['jobs:', '- job: Build', '  steps:', '  - script: make', '- template: ci/deploy-jobs.yml', ''].join('\n'));
    writeFile(root, 'ci/deploy-jobs.yml', jobs);
  });

  const rules = (message: Extract<FromValidationWorker, { type: 'result' }>) => message.findings.map((finding) => `${finding.rule} ${finding.message}`);

  it('a file another one references is validated as a template in the worker (its dependsOn may name its caller’s job)', async () => {
    const path = join(root, 'ci/deploy-jobs.yml');
    const alone = await validateInServer({ path, text: jobs, root, config: EMPTY_CONFIG, kind: 'azure-pipelines' });
    assert.deepEqual(rules(alone), ['azure-depends-on Job Deploy depends on unknown job Build.']);
    const referenced = await validateInServer({ path, text: jobs, root, config: EMPTY_CONFIG, kind: 'azure-pipelines', azure: { referenced: true } });
    assert.equal(referenced.kind, 'azure-pipelines');
    assert.deepEqual(rules(referenced), []);
  });

  it('the store learns which files are referenced from the repository’s Azure files, as lint does', async () => {
    assert.deepEqual([...(await referencedTemplates({ root }))], [join(root, 'ci/deploy-jobs.yml')]);
  });

  it('the worker reads a mapped repository’s template with the config’s aliases', async () => {
    writeFile(
      folder.path,
      'tools/steps.yml',
      ['parameters:', '- name: target', '  type: string', 'steps:', '- script: make ${{ parameters.target }}', ''].join('\n'),
    );
    const resources = ['resources:', '  repositories:', '  - repository: tools', '    type: git', '    name: p/tools'];
    const text = [...resources, 'steps:', '- template: steps.yml@tools', ''].join('\n');
    const path = join(root, 'repo', 'azure-pipelines.yml');
    const repoRoot = join(root, 'repo');
    const { config } = parseConfig(['azure:', '  repositories:', '    tools: ../tools', ''].join('\n'));
    // Without an alias in the request, the config's own (relative to the root) is used.
    const fromConfig = await validateInServer({ path, text, root: repoRoot, config, kind: 'azure-pipelines' });
    assert.deepEqual(rules(fromConfig), ["azure-template-parameters A value for the 'target' parameter must be provided."]);
    const unmapped = await validateInServer({ path, text, root: repoRoot, config: EMPTY_CONFIG, kind: 'azure-pipelines' });
    assert.deepEqual(
      rules(unmapped).map((line) => line.split(' ')[0]),
      ['azure-template-remote'],
    );
  });
});
