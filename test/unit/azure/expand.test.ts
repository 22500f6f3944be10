import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expandPipeline, type Expansion } from '../../../src/core/pipelines/azure/templates/expand';
import { printExpanded } from '../../../src/core/pipelines/azure/templates/print';
import { tempFolder } from '../../support/temp';

/** Writes `files` (path → text) into a fresh folder and expands `entry` there, reading the real files. */
function expand(
  files: Record<string, string>,
  entry = 'azure-pipelines.yml',
  options: { parameters?: Record<string, string>; repositories?: Record<string, string> } = {},
): Expansion & { folder: string; line: (origin: { file: string; start: number }) => string } {
  const folder = tempFolder('shipshape-azure-').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const expansion = expandPipeline({
    file: join(folder, entry),
    repositoryRoot: folder,
    read: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.repositories
      ? { repositories: Object.fromEntries(Object.entries(options.repositories).map(([alias, path]) => [alias, join(folder, path)])) }
      : {}),
  });
  const line = (origin: { file: string; start: number }): string => {
    const text = readFileSync(origin.file, 'utf8');
    return `${origin.file.slice(folder.length + 1)}:${text.slice(0, origin.start).split('\n').length}`;
  };
  return { ...expansion, folder, line };
}

const messages = (expansion: Expansion): string[] => expansion.problems.map((problem) => problem.message);

describe('Azure template expansion', () => {
  it('inserts a steps template with typed parameters, defaults, if/else, each and insert, as Azure documents', () => {
    const result = expand({
      'azure-pipelines.yml': ['steps:', '- template: templates/build.yml', '  parameters:', '    configs: [debug, release]', '    test: false', ''].join('\n'),
      'templates/build.yml': [
        'parameters:',
        '- name: configs',
        '  type: object',
        '- name: test',
        '  type: boolean',
        '  default: true',
        '- name: extra',
        '  type: object',
        '  default: { retryCountOnTaskFailure: 2 }',
        'steps:',
        '- ${{ each config in parameters.configs }}:',
        '  - script: make ${{ config }}',
        '    displayName: Build ${{ upper(config) }}',
        '- ${{ if parameters.test }}:',
        '  - script: make test',
        '- ${{ else }}:',
        '  - script: echo skipping tests',
        '    ${{ insert }}: ${{ parameters.extra }}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(messages(result), []);
    assert.equal(
      printExpanded(result.root),
      [
        'steps:',
        '  - script: make debug',
        '    displayName: Build DEBUG',
        '  - script: make release',
        '    displayName: Build RELEASE',
        '  - script: echo skipping tests',
        '    retryCountOnTaskFailure: 2',
        '',
      ].join('\n'),
    );
    assert.equal(result.undecided, false);
    // The expanded steps remember the template line they were written at.
    const steps = result.root?.kind === 'map' ? result.root.entries[0]?.value : undefined;
    assert.ok(steps?.kind === 'seq');
    assert.equal(result.line((steps.items[0] as { origin: { file: string; start: number } }).origin), 'templates/build.yml:12');
  });

  it('rebuilds one item from `- ${{ each pair in step }}:` over a mapping (every round inserts keys into that item), as Azure documents for step wrappers', () => {
    const result = expand({
      'azure-pipelines.yml': [
        'steps:',
        '- template: wrap.yml',
        '  parameters:',
        '    steps:',
        '    - script: echo hi',
        '      displayName: Say hi',
        '    - task: Bash@3',
        '      inputs: { targetType: inline, script: echo there }',
        '',
      ].join('\n'),
      'wrap.yml': [
        'parameters:',
        '- name: steps',
        '  type: stepList',
        '  default: []',
        'steps:',
        '- ${{ each step in parameters.steps }}:',
        '  - ${{ each pair in step }}:',
        '      ${{ pair.key }}: ${{ pair.value }}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(messages(result), []);
    assert.equal(
      printExpanded(result.root),
      [
        'steps:',
        '  - script: echo hi',
        '    displayName: Say hi',
        '  - task: Bash@3',
        '    inputs:',
        '      targetType: inline',
        '      script: echo there',
        '',
      ].join('\n'),
    );
  });

  it('checks parameters as Azure DevOps does: required, unexpected, wrong type, not in values; each at the line written, via the reference', () => {
    const result = expand({
      'azure-pipelines.yml': ['jobs:', '- template: jobs.yml', '  parameters:', '    poool: x', '    flag: maybe', "    os: 'solaris'", ''].join('\n'),
      'jobs.yml': [
        'parameters:',
        '- name: image',
        '- name: flag',
        '  type: boolean',
        '  default: false',
        '- name: os',
        '  default: linux',
        '  values: [linux, windows]',
        'jobs:',
        '- job: build',
        '  steps:',
        '  - script: echo ${{ parameters.image }}',
        '',
      ].join('\n'),
    });
    const found = result.problems.map((problem) => `${result.line(problem.origin)} ${problem.message}`);
    assert.deepEqual(found.sort(), [
      "azure-pipelines.yml:2 A value for the 'image' parameter must be provided.",
      "azure-pipelines.yml:4 Unexpected parameter 'poool'.",
      "azure-pipelines.yml:5 The 'flag' parameter is a boolean: 'maybe' is not true or false.",
      "azure-pipelines.yml:6 The 'os' parameter value 'solaris' is not a valid value. Allowed: linux, windows.",
    ]);
  });

  it('accepts the legacy map form of parameters (untyped, any name)', () => {
    const result = expand({
      'azure-pipelines.yml': ['steps:', '- template: t.yml', '  parameters:', '    name: world', '    other: 1', ''].join('\n'),
      't.yml': ['parameters:', '  name: nobody', 'steps:', '- script: echo hello ${{ parameters.name }} ${{ parameters.other }}', ''].join('\n'),
    });
    assert.deepEqual(messages(result), []);
    assert.match(printExpanded(result.root), /echo hello world 1/);
  });

  it('resolves paths as Azure does: relative to the including file, /-rooted, @self from the root, backslashes', () => {
    const result = expand({
      'azure-pipelines.yml': ['steps:', '- template: eng\\common\\a.yml', ''].join('\n'),
      'eng/d.yml': ['steps:', '- script: d', ''].join('\n'),
      'eng/common/a.yml': ['steps:', '- template: b.yml', '- template: /eng/c.yml', '- template: ./eng/d.yml@self', ''].join('\n'),
      'eng/common/b.yml': ['steps:', '- script: b', ''].join('\n'),
      'eng/c.yml': ['steps:', '- script: c', ''].join('\n'),
    });
    assert.deepEqual(messages(result), []);
    assert.equal(printExpanded(result.root), 'steps:\n  - script: b\n  - script: c\n  - script: d\n');
    assert.equal(result.files.length, 5);
  });

  it('reads x@self beside the including file when it is there (PowerShell), else from the root (Terminal)', () => {
    const result = expand({
      'azure-pipelines.yml': ['steps:', '- template: .pipelines/templates/a.yml', ''].join('\n'),
      '.pipelines/templates/a.yml': ['steps:', '- template: b.yml@self', '- template: ./build/c.yml@self', ''].join('\n'),
      '.pipelines/templates/b.yml': ['steps:', '- script: b', ''].join('\n'),
      'build/c.yml': ['steps:', '- script: c', ''].join('\n'),
    });
    assert.deepEqual(messages(result), []);
    assert.equal(printExpanded(result.root), 'steps:\n  - script: b\n  - script: c\n');
  });

  it('says where a template is missing, where it cycles and when another repository is not resolved', () => {
    const result = expand({
      'azure-pipelines.yml': ['steps:', '- template: missing.yml', '- template: loop.yml', '- template: steps.yml@tools', ''].join('\n'),
      'loop.yml': ['steps:', '- template: azure-pipelines.yml', ''].join('\n'),
    });
    const found = result.problems.map(
      (problem) =>
        `${problem.severity} ${result.line(problem.origin)} ${problem.message}${problem.via.length ? ` via ${problem.via.map((via) => result.line(via)).join(' > ')}` : ''}`,
    );
    assert.deepEqual(found, [
      "error azure-pipelines.yml:2 Template file 'missing.yml' not found.",
      "error loop.yml:2 'azure-pipelines.yml' includes itself (a template cycle). via azure-pipelines.yml:3",
      "info azure-pipelines.yml:4 'steps.yml@tools' is in the repository 'tools': not resolved offline (map the alias to a local folder in the project config to check it).",
    ]);
    assert.equal(result.undecided, true);
  });

  it('reads another repository from a folder the project maps its alias to', () => {
    const result = expand(
      {
        'azure-pipelines.yml': ['steps:', '- template: steps.yml@tools', ''].join('\n'),
        'vendor/tools/steps.yml': ['steps:', '- script: from tools', ''].join('\n'),
      },
      'azure-pipelines.yml',
      { repositories: { tools: 'vendor/tools' } },
    );
    assert.deepEqual(messages(result), []);
    assert.match(printExpanded(result.root), /from tools/);
  });

  it('stops at Azure’s nesting limit of 20 levels', () => {
    const files: Record<string, string> = { 'azure-pipelines.yml': 'steps:\n- template: t0.yml\n' };
    for (let i = 0; i < 25; i++) files[`t${i}.yml`] = `steps:\n- template: t${i + 1}.yml\n`;
    files['t25.yml'] = 'steps:\n- script: deep\n';
    const result = expand(files);
    assert.deepEqual(messages(result), ["Templates nest more than 20 levels deep (Azure DevOps' limit)."]);
    assert.equal(result.problems[0]?.via.length, 20);
  });

  it('keeps every branch of an if it cannot decide offline, marked undecided', () => {
    const result = expand({
      'azure-pipelines.yml': [
        'jobs:',
        "- ${{ if eq(variables['Build.SourceBranch'], 'refs/heads/main') }}:",
        '  - job: publish',
        '- ${{ else }}:',
        '  - job: dryrun',
        "- ${{ if eq(variables.mode, 'fast') }}:",
        '  - job: fast',
        'variables:',
        '  mode: slow',
        '',
      ].join('\n'),
    });
    assert.deepEqual(messages(result), []);
    const jobs = result.root?.kind === 'map' ? result.root.entries[0]?.value : undefined;
    assert.ok(jobs?.kind === 'seq');
    assert.deepEqual(
      jobs.items.map((job) => [printExpanded(job).trim(), job.undecided === true]),
      [
        ['job: publish', true],
        ['job: dryrun', true],
      ],
    );
    assert.equal(result.undecided, true);
  });

  it('follows extends, and says when the pipeline sets what the template sets', () => {
    const result = expand({
      'azure-pipelines.yml': ['trigger: none', 'variables:', '  a: 1', 'extends:', '  template: base.yml', '  parameters:', '    name: x', ''].join('\n'),
      'base.yml': ['parameters:', '- name: name', 'variables:', '  b: 2', 'stages:', '- stage: s_${{ parameters.name }}', '  jobs: []', ''].join('\n'),
    });
    assert.deepEqual(
      result.problems.map((problem) => `${result.line(problem.origin)} ${problem.message}`),
      ["azure-pipelines.yml:2 'variables' is already defined by the template this pipeline extends."],
    );
    assert.match(printExpanded(result.root), /stage: s_x/);
  });

  it('reports expression mistakes in Azure’s words, at the expression', () => {
    const result = expand({
      'azure-pipelines.yml': [
        'parameters:',
        '- name: n',
        '  default: 1',
        'steps:',
        '- script: echo ${{ parammeters.n }}',
        "- script: echo ${{ frobnicate('x') }}",
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      result.problems.map((problem) => `${result.line(problem.origin)} ${problem.message}`),
      ["azure-pipelines.yml:5 Unrecognized named-value: 'parammeters'.", "azure-pipelines.yml:6 Unrecognized function: 'frobnicate'."],
    );
  });

  it('refuses anchors and duplicate keys as Azure’s parser does, and keeps reading', () => {
    const result = expand({ 'azure-pipelines.yml': ['variables: &v', '  a: 1', 'pool: x', 'pool: y', 'steps:', '- script: ok', ''].join('\n') });
    assert.deepEqual(messages(result), ["Anchors are not currently supported. Remove the anchor 'v'.", "'pool' is already defined."]);
  });

  it('bounds a runaway each: an error, not an exhausted machine', () => {
    const result = expand({
      'azure-pipelines.yml': [
        'parameters:',
        '- name: n',
        '  type: object',
        `  default: [${Array.from({ length: 60 }, (_, i) => i).join(', ')}]`,
        'steps:',
        '- ${{ each a in parameters.n }}:',
        '  - ${{ each b in parameters.n }}:',
        '    - ${{ each c in parameters.n }}:',
        '      - script: echo ${{ a }} ${{ b }} ${{ c }}',
        '',
      ].join('\n'),
    });
    assert.match(messages(result).join('\n'), /too large/);
  });
});

describe('Azure expansion where offline cannot decide', () => {
  it('reports a would-be error inside an undecided branch as a warning that says so', () => {
    const result = expand({
      'azure-pipelines.yml': ['jobs:', "- ${{ if eq(variables['Build.Reason'], 'Manual') }}:", '  - template: missing.yml', ''].join('\n'),
    });
    assert.deepEqual(
      result.problems.map((problem) => `${problem.severity} ${problem.message}`),
      ["warning Template file 'missing.yml' not found. (in an ${{ if }} or ${{ each }} not decided offline: an error if it is taken)"],
    );
  });

  it('expands ${{ }} inside a $[ ] value and leaves the run-time expression to run time', () => {
    const result = expand({
      'azure-pipelines.yml': [
        'parameters:',
        '- name: arch',
        '  default: x64',
        'variables:',
        '- name: id',
        "  value: $[ dependencies.build_${{ parameters.arch }}.outputs['s.id'] ]",
        'steps:',
        '- script: echo',
        '',
      ].join('\n'),
    });
    assert.deepEqual(messages(result), []);
    assert.match(printExpanded(result.root), /\$\[ dependencies\.build_x64\.outputs\['s\.id'\] \]/);
  });
});
