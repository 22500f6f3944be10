import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { runCli } from '../../../src/cli/main';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { git, writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

/** Issue #13's "Bad input": what a broken Azure file gives, through validatePipeline and the CLI. */
describe('Azure Pipelines: bad input', () => {
  const folder = tempFolder('shipshape azure bad input ');
  after(folder.remove);
  const path = (name: string) => join(folder.path, name);
  const lines = (name: string, text: string) =>
    validatePipeline({ path: path(name), text, root: folder.path, kind: 'azure-pipelines' }).findings.map(
      (finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.rule} ${finding.message}`,
    );

  before(() => {
    writeFile(folder.path, 'loop.yml', ['steps:', '- template: azure-pipelines.yml', ''].join('\n'));
    for (let index = 0; index < 105; index++) writeFile(folder.path, `many/t${index}.yml`, 'steps:\n- script: echo\n');
  });

  it('unparseable YAML: one diagnostic at the parser’s position, what comes before it still checked', () => {
    const text = ['steps:', '- script: echo', '  name: 1st', '- script: [unclosed', '- script: echo', '  name: 2nd', ''].join('\n');
    const found = lines('azure-pipelines.yml', text);
    const syntax = found.filter((line) => / (yaml-syntax|azure-yaml) /.test(line));
    assert.equal(syntax.length, 1, found.join('\n'));
    const lineCounter = new LineCounter();
    const [start] = parseDocument(text, { lineCounter }).errors[0]?.pos ?? [0];
    const { line, col } = lineCounter.linePos(start);
    assert.match(syntax[0] ?? '', new RegExp(`^${line}:${col} error yaml-syntax `));
    // The invalid name above the error is reported; the one after it is not guessed at.
    assert.ok(
      found.some((line) => line.startsWith('3:9 error azure-names ')),
      found.join('\n'),
    );
    assert.ok(!found.some((line) => line.startsWith('6:')), found.join('\n'));
  });

  it('a missing template, a cycle and Azure’s limits: an error at the `template:` line', () => {
    const text = ['steps:', '- template: missing.yml', '- script: echo', '- template: loop.yml', ''].join('\n');
    const found = lines('azure-pipelines.yml', text);
    assert.ok(found.includes("2:13 error azure-template Template file 'missing.yml' not found."), found.join('\n'));
    // The cycle closes inside loop.yml; the file being edited hears of it at its own `template:` line that starts it.
    assert.ok(
      found.includes("4:13 error azure-template A template cycle: in loop.yml, 'azure-pipelines.yml' includes itself (a template cycle)."),
      found.join('\n'),
    );
    const many = ['steps:', ...Array.from({ length: 105 }, (_, index) => `- template: many/t${index}.yml`), ''].join('\n');
    const limit = lines('azure-pipelines.yml', many).filter((line) => / azure-template /.test(line));
    assert.equal(limit.length > 0, true, 'the 100-file limit is reported');
    assert.match(limit[0] ?? '', /^102:13 error azure-template More than 100 template files are used/);
  });

  it('a file over 2 MB: one note, nothing else', () => {
    const huge = `steps:\n${'- script: echo "a line long enough to fill the file quickly"\n'.repeat(40_000)}`;
    assert.ok(huge.length > 2 * 1024 * 1024);
    assert.deepEqual(lines('azure-pipelines.yml', huge), ['1:1 info file-too-large This file is over 2 MB, so Shipshape does not check it.']);
  });

  describe('the CLI exits 2 only for usage', () => {
    const repo = tempFolder('shipshape azure bad cli ');
    after(repo.remove);
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: repo.path });
      return { code, out, err };
    };
    before(() => {
      git(repo.path, 'init', '-q');
      writeFile(repo.path, 'unparseable.yml', 'steps:\n- script: [unclosed\n');
      writeFile(repo.path, 'missing.yml', 'steps:\n- template: nowhere.yml\n');
      writeFile(repo.path, 'huge.yml', `steps:\n${'- script: echo "a line long enough to fill the file quickly"\n'.repeat(40_000)}`);
      writeFile(repo.path, 'empty.yml', '');
    });

    it('broken files are findings (exit 1), a huge or empty one is not an error (exit 0), a wrong flag is usage (exit 2)', async () => {
      for (const file of ['unparseable.yml', 'missing.yml'])
        assert.equal((await cli('lint', '--kind', 'azure-pipelines', file)).code, 1, `${file} has an error`);
      const huge = await cli('lint', '--kind', 'azure-pipelines', 'huge.yml');
      assert.equal(huge.code, 0, huge.out + huge.err);
      assert.match(huge.out + huge.err, /over 2 MB/);
      assert.equal((await cli('lint', '--kind', 'azure-pipelines', 'empty.yml')).code, 0);
      assert.equal((await cli('lint', '--kind', 'no-such-kind', 'missing.yml')).code, 2);
      assert.equal((await cli('lint', '--no-such-flag')).code, 2);
    });
  });
});
