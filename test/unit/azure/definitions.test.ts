import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { azureDefinitionAt, type AzureDefinition } from '../../../src/core/pipelines/azure/definitions';
import { tempFolder } from '../../support/temp';

const read = (file: string): string | undefined => (existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined);

/** Real files in a fresh folder; `definition(file, marker)` asks at the first `|` in the marker's place. */
function repository(files: Record<string, string>, repositories: Record<string, string> = {}) {
  const folder = tempFolder('shipshape-azure-definitions-').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const mapped = Object.fromEntries(Object.entries(repositories).map(([alias, path]) => [alias, join(folder, path)]));
  return {
    folder,
    /** `marker` is a piece of the file's text with `|` where the cursor is. */
    definition(path: string, marker: string): AzureDefinition | undefined {
      const file = join(folder, path);
      const text = readFileSync(file, 'utf8');
      const at = text.indexOf(marker.replace('|', ''));
      assert.ok(at >= 0, `${marker} is not in ${path}`);
      return azureDefinitionAt({ file, text, offset: at + marker.indexOf('|'), repositoryRoot: folder, read, repositories: mapped });
    },
    /** The target as `path:text at its range`, to compare readably. */
    show(target: AzureDefinition | undefined): string | undefined {
      if (!target) return undefined;
      return `${target.file.slice(folder.length + 1)}:${readFileSync(target.file, 'utf8').slice(target.start, target.end)}`;
    },
  };
}

const PIPELINE = [
  'parameters:',
  '- name: configs',
  '  type: object',
  '  default: [debug]',
  "- name: 'runTests'",
  '  type: boolean',
  '  default: true',
  'stages:',
  '- stage: Build',
  '  jobs:',
  '  - job: Compile',
  '    steps:',
  '    - template: ci/steps/build.yml',
  '    - template: /shared/lint.yml',
  '  - job: Test',
  '    dependsOn: [Setup, Compile]',
  '    condition: ${{ parameters.runTests }}',
  '    steps:',
  "    - ${{ each config in parameters['configs'] }}:",
  '      - script: echo ${{ config }} and parameters.configs',
  '- stage: Deploy',
  '  dependsOn: Build',
  '  jobs:',
  '  - job: Publish',
  '    dependsOn: Compile',
  '    steps:',
  '    - template: ${{ parameters.configs }}.yml',
  '    - script: echo ${{ parameters.missing }}',
  '',
].join('\n');

describe('Azure go to definition (azureDefinitionAt)', () => {
  it('opens a template: relative to the file, /-rooted, x@self, with backslashes', () => {
    const repo = repository({
      'azure-pipelines.yml': PIPELINE,
      'ci/steps/build.yml': 'steps:\n- template: ..\\..\\shared\\lint.yml\n- template: shared/lint.yml@self\n- template: ./inner.yml\n',
      'ci/steps/inner.yml': 'steps:\n- script: echo inner\n',
      'shared/lint.yml': 'steps:\n- script: npm run lint\n',
    });
    assert.equal(repo.show(repo.definition('azure-pipelines.yml', 'template: ci/st|eps/build.yml')), 'ci/steps/build.yml:');
    assert.equal(repo.show(repo.definition('azure-pipelines.yml', 'template: /shared/lint.y|ml')), 'shared/lint.yml:');
    assert.equal(repo.show(repo.definition('ci/steps/build.yml', 'template: ..\\..\\sha|red')), 'shared/lint.yml:');
    assert.equal(repo.show(repo.definition('ci/steps/build.yml', 'template: shared/lint.yml@se|lf')), 'shared/lint.yml:');
    assert.equal(repo.show(repo.definition('ci/steps/build.yml', 'template: ./in|ner.yml')), 'ci/steps/inner.yml:');
  });

  it('opens x@alias only when the project maps the alias to a folder', () => {
    const text = 'steps:\n- template: steps/common.yml@tools\n- template: steps/common.yml@other\n';
    const mapped = repository({ 'azure-pipelines.yml': text, 'vendor/tools/steps/common.yml': 'steps:\n- script: echo\n' }, { tools: 'vendor/tools' });
    assert.equal(mapped.show(mapped.definition('azure-pipelines.yml', 'steps/com|mon.yml@tools')), 'vendor/tools/steps/common.yml:');
    assert.equal(mapped.definition('azure-pipelines.yml', 'steps/com|mon.yml@other'), undefined);
  });

  it('gives nothing for a template that does not exist, is built by an expression or leaves the repository', () => {
    const repo = repository({ 'azure-pipelines.yml': PIPELINE, 'nested/x.yml': 'steps:\n- template: ../../outside.yml\n' });
    assert.equal(repo.definition('azure-pipelines.yml', 'template: ci/st|eps/build.yml'), undefined);
    assert.equal(repo.definition('azure-pipelines.yml', 'template: ${{ paramet|ers.configs }}.yml'), undefined);
    assert.equal(repo.definition('nested/x.yml', 'outs|ide'), undefined);
  });

  it('goes from a dependsOn name to the stage or job it names, in a list or alone', () => {
    const repo = repository({ 'azure-pipelines.yml': PIPELINE });
    assert.equal(repo.show(repo.definition('azure-pipelines.yml', 'dependsOn: Bu|ild')), 'azure-pipelines.yml:Build');
    assert.equal(repo.show(repo.definition('azure-pipelines.yml', 'Setup, Comp|ile]')), 'azure-pipelines.yml:Compile');
    // Jobs are looked up in their own stage: Deploy has no job Compile.
    assert.equal(repo.definition('azure-pipelines.yml', 'dependsOn: Comp|ile\n'), undefined);
    assert.equal(repo.definition('azure-pipelines.yml', '[Set|up'), undefined);
  });

  it('goes from parameters.x inside ${{ }} to its declaration (list and legacy map form)', () => {
    const legacy = 'parameters:\n  pool: ubuntu-latest\nsteps:\n- script: echo ${{ parameters.pool }}\n';
    const repo = repository({ 'azure-pipelines.yml': PIPELINE, 'legacy.yml': legacy });
    const definition = repo.definition('azure-pipelines.yml', '${{ parameters.run|Tests }}');
    assert.equal(repo.show(definition), "azure-pipelines.yml:'runTests'");
    assert.equal(repo.show(repo.definition('azure-pipelines.yml', "in parameters['con|figs']")), 'azure-pipelines.yml:configs');
    assert.equal(repo.show(repo.definition('legacy.yml', '${{ parameters.po|ol }}')), 'legacy.yml:pool');
    // Outside ${{ }} it is text; an undeclared parameter has no declaration.
    assert.equal(repo.definition('azure-pipelines.yml', 'and parameters.con|figs'), undefined);
    assert.equal(repo.definition('azure-pipelines.yml', 'parameters.miss|ing'), undefined);
  });

  it('gives nothing elsewhere, and never throws on broken YAML', () => {
    const repo = repository({ 'azure-pipelines.yml': PIPELINE, 'broken.yml': 'steps:\n- template: [a\n  - {' });
    assert.equal(repo.definition('azure-pipelines.yml', '- stage: Bu|ild'), undefined);
    assert.equal(repo.definition('azure-pipelines.yml', 'cond|ition'), undefined);
    assert.equal(repo.definition('broken.yml', 'templ|ate'), undefined);
  });
});
