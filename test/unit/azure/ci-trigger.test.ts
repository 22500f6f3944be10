import { strict as assert } from 'node:assert';
import { azureCiTrigger } from '../../../src/core/pipelines/azure/ci-trigger';
import { parseTemplateFile } from '../../../src/core/pipelines/azure/templates/tree';

const answer = (yaml: string, branch = 'main', changed: readonly string[] = ['src/app.ts']) =>
  azureCiTrigger(parseTemplateFile('/repo/azure-pipelines.yml', yaml).root, branch, changed);

describe('azure CI trigger: does a push run the pipeline (Azure DevOps trigger: semantics)', () => {
  it('runs on every branch without trigger:, and never with trigger: none', () => {
    assert.equal(answer('steps:\n- script: echo').willRun, true);
    assert.equal(answer('trigger: none\nsteps:\n- script: echo').willRun, false);
  });

  it('reads a list of branches with wildcards, with or without refs/heads/', () => {
    const yaml = 'trigger:\n- main\n- refs/heads/releases/*\nsteps:\n- script: echo';
    assert.equal(answer(yaml, 'main').willRun, true);
    assert.equal(answer(yaml, 'releases/1.2/hotfix').willRun, true);
    const other = answer(yaml, 'feature/x');
    assert.equal(other.willRun, false);
    assert.match(other.reason, /feature\/x is not in trigger branches/);
  });

  it('lets exclude win over include', () => {
    const yaml = 'trigger:\n  branches:\n    include: ["*"]\n    exclude: [experimental/*]\nsteps:\n- script: echo';
    assert.equal(answer(yaml, 'main').willRun, true);
    assert.equal(answer(yaml, 'experimental/a').willRun, false);
  });

  it('filters on paths: a folder is a prefix, wildcards match, exclude wins, any branch when branches is absent', () => {
    const yaml = 'trigger:\n  paths:\n    include: [src, "docs/*.md"]\n    exclude: [src/generated]\nsteps:\n- script: echo';
    assert.equal(answer(yaml, 'any', ['src/app.ts']).willRun, true);
    assert.equal(answer(yaml, 'any', ['srcx/app.ts']).willRun, false);
    assert.equal(answer(yaml, 'any', ['docs/guide.md']).willRun, true);
    assert.equal(answer(yaml, 'any', ['src/generated/api.ts']).willRun, false);
    assert.match(answer(yaml, 'any', ['README.md']).reason, /no changed file matches/);
  });

  it('does not decide a trigger holding an expression', () => {
    assert.equal(answer('trigger:\n  branches:\n    include: ["${{ parameters.branch }}"]\nsteps:\n- script: echo').willRun, undefined);
  });
});
