import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';

/** A real folder tree: the rule looks at the disk, as the runner would. */
function makeRepository(files: Record<string, string>, git = true): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-action-files-'));
  if (git) mkdirSync(join(root, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const roots: string[] = [];

/** Validates `<root>/<actionPath>` and returns `line:col severity rule message` for the given rules. */
function check(files: Record<string, string>, actionPath: string, rules: readonly string[] = ['action'], git = true): string[] {
  const root = makeRepository(files, git);
  roots.push(root);
  const path = join(root, actionPath);
  const text = files[actionPath] ?? '';
  return validatePipeline({ path, root, text, kind: 'github-action' })
    .findings.filter((finding) => rules.includes(finding.rule))
    .map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.rule} ${finding.message}`);
}

const nodeAction = (runs: string[]) => ['name: a', 'description: b', 'runs:', ...runs.map((line) => `  ${line}`)].join('\n');

describe('action (files of action.yml)', () => {
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('accepts a Node action whose main, pre and post exist, also in a parent folder', () => {
    const files = {
      'tools/setup/action.yml': nodeAction(['using: node20', 'main: dist/index.js', 'pre: ../shared/pre.js', 'post: dist/post.js']),
      'tools/setup/dist/index.js': '',
      'tools/setup/dist/post.js': '',
      'tools/shared/pre.js': '',
    };
    assert.deepEqual(check(files, 'tools/setup/action.yml'), []);
  });

  it('reports a missing script as an error when its folder exists, and as a warning when the folder is missing too', () => {
    const files = {
      'action.yml': nodeAction(['using: node24', 'main: dist/main.js', 'post: build/post.js']),
      'dist/index.js': '',
    };
    assert.deepEqual(check(files, 'action.yml'), [
      '5:9 error action runs.main names "dist/main.js", which does not exist (paths are relative to this action.yml).',
      '6:9 warning action runs.post names "build/post.js", which does not exist; neither does its folder "build", so run the build that makes it before using this action.',
    ]);
  });

  it('reports a missing Dockerfile and accepts docker:// images', () => {
    assert.deepEqual(check({ 'action.yml': nodeAction(['using: docker', 'image: Dockerfile']) }, 'action.yml'), [
      '5:10 error action runs.image names "Dockerfile", which does not exist (paths are relative to this action.yml).',
    ]);
    assert.deepEqual(check({ 'action.yml': nodeAction(['using: docker', 'image: docker://alpine:3.20']) }, 'action.yml'), []);
    assert.deepEqual(check({ 'action.yml': nodeAction(['using: docker', 'image: docker/Dockerfile']), 'docker/Dockerfile': 'FROM alpine' }, 'action.yml'), []);
  });

  it('says nothing outside a git checkout, where the tree may be incomplete', () => {
    assert.deepEqual(check({ 'action.yml': nodeAction(['using: node20', 'main: dist/index.js']) }, 'action.yml', ['action'], false), []);
  });

  it('leaves a composite run step without shell to the schema (one finding, not two)', () => {
    const files = { 'action.yml': nodeAction(['using: composite', 'steps:', '  - run: echo hi']) };
    assert.deepEqual(check(files, 'action.yml', ['action', 'syntax-check']), ['6:7 error syntax-check "runs.steps.0" is missing the required key "shell".']);
  });
});
