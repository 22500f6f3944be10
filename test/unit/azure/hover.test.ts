import { strict as assert } from 'node:assert';
import { azureHoverAt } from '../../../src/core/pipelines/azure/hover';

const TEXT = [
  'parameters:',
  '- name: config',
  '  type: string',
  '  default: Release',
  '  values: [Debug, Release]',
  '- name: target',
  'stages:',
  '- stage: Build',
  '  dependsOn: []',
  '  jobs:',
  '  - deployment: Ship',
  '    environment: prod',
  '  - job: Compile',
  '    condition: and(succeeded(), eq(variables.flag, true))',
  '    steps:',
  '    - task: Bash@3',
  '      inputs:',
  '        script: make ${{ parameters.config }}',
  '        scirpt: oops',
  '    - task: Foo@2',
  '    - template: steps.yml',
  '      parameters:',
  "        name: ${{ format('{0}-x', parameters.target) }}",
  '',
].join('\n');

/** The hover at the `nth` occurrence of `word` (offset `inside` characters into it). */
function hover(word: string, inside = 1, nth = 0): { contents: string; hovered: string } | undefined {
  let at = -1;
  for (let index = 0; index <= nth; index++) at = TEXT.indexOf(word, at + 1);
  assert.ok(at >= 0, `${word} not in the text`);
  const info = azureHoverAt(TEXT, at + inside);
  return info ? { contents: info.contents, hovered: TEXT.slice(info.span[0], info.span[1]) } : undefined;
}

describe('Azure hovers', () => {
  it('documents a key for its place, with its schema page', () => {
    const stage = hover('stage: Build');
    assert.equal(stage?.hovered, 'stage');
    assert.match(stage?.contents ?? '', /unique in the pipeline/);
    assert.match(stage?.contents ?? '', /yaml-schema\/stages-stage\)/);
    assert.match(hover('dependsOn')?.contents ?? '', /What must finish before/);
    assert.match(hover('environment')?.contents ?? '', /yaml-schema\/jobs-deployment-environment\)/);
    assert.match(hover('deployment')?.contents ?? '', /yaml-schema\/jobs-deployment\)/);
    assert.match(hover('task: Bash')?.contents ?? '', /yaml-schema\/steps-task\)/);
    assert.match(hover('parameters:', 2, 1)?.contents ?? '', /values given to the template/);
    assert.match(hover('stages')?.contents ?? '', /yaml-schema\/stages\)/);
  });

  it('shows a task with its major and inputs, and says when it does not know one', () => {
    const bash = hover('Bash@3');
    assert.equal(bash?.hovered, 'Bash@3');
    assert.match(bash?.contents ?? '', /\*\*Bash\*\*, major version 3/);
    assert.match(bash?.contents ?? '', /`workingDirectory`/);
    assert.match(bash?.contents ?? '', /tasks\/reference\/bash-v3\)/);
    assert.match(hover('Foo@2')?.contents ?? '', /Not in Shipshape's table/);
  });

  it('shows a task input, known or not', () => {
    assert.match(hover('script:')?.contents ?? '', /Input `script` of \*\*Bash@3\*\*/);
    assert.match(hover('scirpt')?.contents ?? '', /has no input `scirpt`/);
  });

  it('shows an expression function with its signature, in ${{ }} and in a condition', () => {
    const format = hover('format');
    assert.equal(format?.hovered, 'format');
    assert.match(format?.contents ?? '', /`format\(a, \.\.\.\)`/);
    assert.match(format?.contents ?? '', /Replaces \{0\}/);
    assert.match(hover('succeeded')?.contents ?? '', /Only at run time/);
    assert.match(hover('eq(')?.contents ?? '', /`eq\(a, b\)`/);
  });

  it("shows a parameter's type, default and allowed values, or that it is required", () => {
    const config = hover('parameters.config', 12);
    assert.equal(config?.hovered, 'parameters.config');
    assert.match(config?.contents ?? '', /type `string`/);
    assert.match(config?.contents ?? '', /Default: `"Release"`/);
    assert.match(config?.contents ?? '', /Allowed: `"Debug"`, `"Release"`/);
    assert.match(hover('parameters.target', 12)?.contents ?? '', /Required: no default/);
  });

  it('says nothing on plain values', () => {
    assert.equal(hover('prod'), undefined);
    assert.equal(hover('oops'), undefined);
  });
});
