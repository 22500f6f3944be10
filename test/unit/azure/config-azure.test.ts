import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parseConfig } from '../../../src/core/pipelines/config';
import { lintPaths } from '../../../src/core/pipelines/lint-paths';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

describe('the config’s azure entries', () => {
  describe('reading them', () => {
    it('reads files, tasks (with or without inputs) and repositories', () => {
      const text = [
        'azure:',
        '  files: [ci/*.yml, ./build/**/*.yaml]',
        '  tasks:',
        '    Contoso.Sign@2: [files]',
        '    Legacy@1:',
        '    Other@3: { inputs: [a, b] }',
        '  repositories:',
        '    templates: ../shared-templates',
        '',
      ].join('\n');
      const { config, problems } = parseConfig(text);
      assert.deepEqual(problems, []);
      assert.deepEqual(config.azure, {
        files: ['ci/*.yml', 'build/**/*.yaml'],
        tasks: {
          'contoso.sign@2': { reference: 'Contoso.Sign@2', inputs: ['files'] },
          'legacy@1': { reference: 'Legacy@1', inputs: undefined },
          'other@3': { reference: 'Other@3', inputs: ['a', 'b'] },
        },
        repositories: { templates: '../shared-templates' },
      });
    });

    it('says what is wrong with each bad entry, keeps the good ones, and never throws', () => {
      const text = [
        'azure:',
        '  file: [x]',
        '  files: [ci/*.yml, 3]',
        '  tasks:',
        '    NoMajor: [a]',
        '    Good@1: [a]',
        '    Bad@2: not-a-list',
        '  repositories:',
        '    self: .',
        '    tools: { path: x }',
        '    ok: ../ok',
        '',
      ].join('\n');
      const { config, problems } = parseConfig(text);
      assert.deepEqual(
        problems.map((problem) => problem.message),
        [
          'azure.file in .github/shipshape.yaml is not a known entry (files, tasks, repositories).',
          'azure.files in .github/shipshape.yaml holds 3, which is not a glob.',
          'azure.tasks."NoMajor" in .github/shipshape.yaml is not a task reference: write Name@N (for example MyTask@1).',
          'azure.tasks."Bad@2" in .github/shipshape.yaml must be a list of input names (or empty, for any inputs).',
          'azure.repositories.self in .github/shipshape.yaml is not used: self is always this repository.',
          'azure.repositories.tools in .github/shipshape.yaml must be a folder path.',
        ],
      );
      assert.deepEqual(config.azure.files, ['ci/*.yml']);
      assert.deepEqual(Object.keys(config.azure.tasks), ['good@1']);
      assert.deepEqual(config.azure.repositories, { ok: '../ok' });
      for (const odd of ['azure: 5', 'azure: [a]', 'azure:\n  tasks: [a]', 'azure:\n  files: x', 'azure:\n  repositories: [x]'])
        assert.equal(parseConfig(odd).problems.length, 1, odd);
    });
  });

  describe('in shipshape lint', () => {
    const folder = tempFolder('shipshape azure config ');
    after(folder.remove);
    const repo = join(folder.path, 'repo');
    const lint = async (config: string) => {
      writeFile(repo, '.github/shipshape.yaml', config);
      const report = await lintPaths({ paths: [], root: repo, cwd: repo });
      return {
        problems: report.configProblems,
        findings: report.files.flatMap((file) =>
          file.findings.map((f) => `${file.path.slice(repo.length + 1)}:${f.range.start.line} ${f.severity} ${f.rule} ${f.message}`),
        ),
      };
    };

    before(() => {
      // Found by name; uses a template of another repository and a custom task.
      writeFile(
        repo,
        'azure-pipelines.yml',
        [
          'resources:',
          '  repositories:',
          '  - repository: tools',
          '    type: git',
          '    name: contoso/tools',
          'steps:',
          '- template: steps/build.yml@tools',
          '- task: Contoso.Sign@2',
          '  inputs: { files: out, certifcate: c }',
          '- script: echo',
          '  name: 1st',
          '',
        ].join('\n'),
      );
      // A variables file no name or content marks as Azure's.
      writeFile(repo, 'ci/common.yml', ['variables:', '- nme: a', '  value: 1', ''].join('\n'));
      // The other repository, checked out beside this one.
      writeFile(
        folder.path,
        'tools/steps/build.yml',
        ['parameters:', '- name: target', '  type: string', 'steps:', '- script: make ${{ parameters.target }}', ''].join('\n'),
      );
    });

    it('without azure entries: the alias is not resolved, the custom task and the variables file unknown', async () => {
      const { findings } = await lint('');
      assert.deepEqual(findings, [
        "azure-pipelines.yml:7 info azure-template-remote 'steps/build.yml@tools' is in the repository 'tools': not resolved offline (map the alias to a local folder in the project config to check it).",
        "azure-pipelines.yml:11 error azure-names Step name '1st' is not valid: use only letters, digits and '_', not starting with a digit.",
      ]);
    });

    it('with them: the mapped folder is read, the custom task checked, the globbed file linted, severities overridden', async () => {
      const config = [
        'azure:',
        '  files: [ci/*.yml]',
        '  tasks:',
        '    Contoso.Sign@2: [files, certificate]',
        '  repositories:',
        '    tools: ../tools',
        'rules:',
        '  azure-names: warning',
        '',
      ].join('\n');
      const { findings, problems } = await lint(config);
      assert.deepEqual(problems, []);
      assert.deepEqual(findings, [
        "azure-pipelines.yml:7 error azure-template-parameters A value for the 'target' parameter must be provided.",
        "azure-pipelines.yml:9 warning azure-tasks Task 'Contoso.Sign@2' has no input 'certifcate'. Did you mean \"certificate\"?",
        "azure-pipelines.yml:11 warning azure-names Step name '1st' is not valid: use only letters, digits and '_', not starting with a digit.",
        'ci/common.yml:2 error azure-keys Unexpected value \'nme\' in a variable. Did you mean "name"?',
        'ci/common.yml:2 error azure-shapes A variable in the list form needs a name (or is a group or a template).',
      ]);
      const off = await lint(config.replace('azure-names: warning', 'azure-tasks: off\n  azure-template-parameters: info'));
      assert.deepEqual(
        off.findings.filter((finding) => finding.startsWith('azure-pipelines.yml')),
        [
          "azure-pipelines.yml:7 info azure-template-parameters A value for the 'target' parameter must be provided.",
          "azure-pipelines.yml:11 error azure-names Step name '1st' is not valid: use only letters, digits and '_', not starting with a digit.",
        ],
      );
    });

    it('reports a bad entry as a config problem and lints on', async () => {
      const { problems, findings } = await lint(['azure:', '  repositories:', '    tools: 5', ''].join('\n'));
      assert.deepEqual(problems, ['azure.repositories.tools in .github/shipshape.yaml must be a folder path.']);
      assert.equal(findings.length, 2);
    });
  });
});
