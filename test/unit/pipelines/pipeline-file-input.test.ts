import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_CONFIG } from '../../../src/core/pipelines/config';
import { loadConfig } from '../../../src/core/pipelines/load-config';
import { pipelineFileInput, pipelineFileInputSync } from '../../../src/core/pipelines/pipeline-file-input';
import { tempFolder } from '../../support/temp';

/** What the editor's store and `shipshape lint` both get for a file on disk: its text, or the finding that says why not. */
const readers = [
  ['pipelineFileInput (the editor)', pipelineFileInput],
  ['pipelineFileInputSync (shipshape lint)', async (path: string) => pipelineFileInputSync(path)],
] as const;

for (const [name, pipelineFileInput] of readers)
  describe(name, () => {
    const folder = tempFolder('shipshape file input ');
    after(folder.remove);

    it('gives the text of an ordinary file', async () => {
      writeFileSync(join(folder.path, 'ci.yml'), 'on: push\n');
      assert.deepEqual(await pipelineFileInput(join(folder.path, 'ci.yml')), { status: 'text', text: 'on: push\n' });
    });

    it('gives the over-2-MB note for a 300 MB file without reading it (a string that large would take seconds and memory)', async () => {
      const path = join(folder.path, 'large.yml');
      writeFileSync(path, '');
      truncateSync(path, 300 * 1024 ** 2); // sparse
      const started = process.memoryUsage().rss;
      const input = await pipelineFileInput(path);
      assert.ok(process.memoryUsage().rss - started < 100 * 1024 ** 2, 'the file was read');
      assert.deepEqual(input, {
        status: 'not-read',
        findings: [
          {
            rule: 'file-too-large',
            severity: 'info',
            message: 'This file is over 2 MB (300 MB), so Shipshape does not check it.',
            range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
          },
        ],
      });
    });

    it('never reads a link to /dev/zero: not a regular file', async () => {
      const path = join(folder.path, 'zero.yml');
      symlinkSync('/dev/zero', path);
      const input = await pipelineFileInput(path);
      assert.equal(input.status, 'not-read');
      assert.deepEqual(input.status === 'not-read' && input.findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.message}`), [
        'file-not-checked error Not checked: it is a device, not a regular file.',
      ]);
    });

    it('says a file that is gone is missing', async () => {
      assert.deepEqual(await pipelineFileInput(join(folder.path, 'gone.yml')), { status: 'missing' });
    });
  });

describe('loadConfig (the CLI and the editor read .github/shipshape.yaml through it)', () => {
  const folder = tempFolder('shipshape config input ');
  after(folder.remove);

  it('does not read a config that links to /dev/zero or is over 2 MB: the defaults apply, and it says why', async () => {
    const zero = join(folder.path, 'zero');
    mkdirSync(join(zero, '.github'), { recursive: true });
    symlinkSync('/dev/zero', join(zero, '.github', 'shipshape.yaml'));
    assert.deepEqual(await loadConfig(zero), {
      config: EMPTY_CONFIG,
      problems: ['.github/shipshape.yaml is not read (it is a device, not a regular file); the defaults apply.'],
    });
    const large = join(folder.path, 'large');
    mkdirSync(join(large, '.github'), { recursive: true });
    writeFileSync(join(large, '.github', 'shipshape.yaml'), '');
    truncateSync(join(large, '.github', 'shipshape.yaml'), 300 * 1024 ** 2);
    assert.deepEqual((await loadConfig(large)).problems, ['.github/shipshape.yaml is over 2 MB (300 MB), so it is not read; the defaults apply.']);
  });
});
