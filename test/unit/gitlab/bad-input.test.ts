import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { git, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';
import { lines, writeRepository } from './support';

/** Issue #14's "Bad input": what a broken GitLab file gives, through validatePipeline (as the editor runs it) and the CLI. */
describe('GitLab CI: bad input', () => {
  /** `line:column severity rule message` of each finding of `entry`, validated alone with the others on disk. */
  const found = (files: Record<string, string>, entry = '.gitlab-ci.yml'): string[] => {
    const folder = writeRepository(files);
    return validatePipeline({ path: join(folder, entry), text: files[entry] as string, root: folder, kind: 'gitlab-ci' }).findings.map(
      (finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.rule} ${finding.message}`,
    );
  };

  it('unparseable YAML: one diagnostic, and the jobs around it still checked', () => {
    const result = found({
      '.gitlab-ci.yml': lines('build:', '  script: [make', 'test:', '  script: make test', '  needs: [nowhere]', 'deploy:', '  stage: nowhere', '  script: x'),
    });
    assert.equal(result.filter((line) => / gitlab-yaml /.test(line)).length, 1, result.join('\n'));
    assert.ok(result.includes('5:11 error gitlab-needs test job: undefined need: nowhere'), result.join('\n'));
    assert.ok(
      result.some((line) => line.startsWith('7:10 error gitlab-stages deploy job: chosen stage nowhere does not exist')),
      result.join('\n'),
    );
  });

  it('a missing include: one error at its include line', () => {
    assert.deepEqual(found({ '.gitlab-ci.yml': lines('include:', '  - local: missing.yml', 'build:', '  script: make') }), [
      '2:12 error gitlab-include Local file `missing.yml` does not exist!',
    ]);
  });

  it('an include loop closing in another file: one error at the include line of this file that starts it', () => {
    const files = {
      '.gitlab-ci.yml': lines('include:', '  - local: a.yml', 'build:', '  script: make'),
      'a.yml': lines("include: 'b.yml'", 'lint:', '  script: lint'),
      'b.yml': lines("include: 'a.yml'", 'test:', '  script: test'),
    };
    assert.deepEqual(found(files), [
      '2:5 error gitlab-include An include cycle: in b.yml, Include `a.yml` is already being included by this chain of includes: the includes form a cycle.',
    ]);
    // The file where it closes says so at its own line; a file inside the loop, at its line that leads on.
    assert.deepEqual(found(files, 'b.yml'), [
      '1:10 error gitlab-include Include `a.yml` is already being included by this chain of includes: the includes form a cycle.',
    ]);
    assert.deepEqual(found(files, 'a.yml'), [
      '1:10 error gitlab-include An include cycle: in b.yml, Include `a.yml` is already being included by this chain of includes: the includes form a cycle.',
    ]);
  });

  it('an extends cycle and a too deep chain: one error each, nothing else', () => {
    const deep = ['build:', '  extends: .j1', '  script: make'];
    for (let level = 1; level <= 12; level++) deep.push(`.j${level}:`, level < 12 ? `  extends: .j${level + 1}` : '  stage: test');
    assert.deepEqual(found({ '.gitlab-ci.yml': lines('.a:', '  extends: .b', '.b:', '  extends: .a', 'build:', '  extends: .a', '  script: make') }), [
      '4:12 error gitlab-extends .b: circular dependency detected in `extends`',
    ]);
    assert.deepEqual(found({ '.gitlab-ci.yml': lines(...deep) }), ['23:12 error gitlab-extends build: nesting too deep in `extends`']);
  });

  it('never throws on what is not a configuration', () => {
    for (const text of ['', '\0', '- a\n- b\n', 'just text', '!reference [a, b]', '---\n---\n---\n', 'a: *nowhere\n', 'spec:\n  inputs: [\n---\nx: 1\n'])
      assert.doesNotThrow(() => found({ '.gitlab-ci.yml': text }), JSON.stringify(text));
  });

  describe('the CLI exits 2 only for usage', () => {
    const repo = tempFolder('shipshape gitlab bad cli ');
    after(repo.remove);
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: repo.path });
      return { code, out, err };
    };
    before(() => {
      git(repo.path, 'init', '-q');
      writeFile(repo.path, 'unparseable.yml', 'build:\n  script: [unclosed\n');
      writeFile(repo.path, 'missing.yml', 'include: nowhere.yml\nbuild:\n  script: make\n');
      writeFile(repo.path, 'empty.yml', '');
    });

    it('broken files are findings (exit 1), an empty one is not an error (exit 0)', async () => {
      for (const file of ['unparseable.yml', 'missing.yml']) assert.equal((await cli('lint', '--kind', 'gitlab-ci', file)).code, 1, `${file} has an error`);
      const empty = await cli('lint', '--kind', 'gitlab-ci', 'empty.yml');
      assert.equal(empty.code, 0, empty.out + empty.err);
    });
  });
});
