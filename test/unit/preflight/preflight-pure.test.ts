import { strict as assert } from 'node:assert';
import { runCli } from '../../../src/cli/main';
import { contentFindings, LARGE_FILE_BLOCK_BYTES, LARGE_FILE_WARN_BYTES } from '../../../src/core/preflight/content-findings';
import { parsePushInput } from '../../../src/core/preflight/hook-input';
import { parseAddedLines, unquote } from '../../../src/core/preflight/patch-lines';
import type { PreflightFacts } from '../../../src/core/preflight/types';
import { commit } from '../../support/git';
import { newClone } from '../../support/repos';
import { tempFolder } from '../../support/temp';

const AWS_KEY = ['AKIA', 'QX7ZJ3K5M2N8P4R6'].join('');
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

const facts = (more: Partial<PreflightFacts>): PreflightFacts => ({
  root: '/r',
  branch: 'feature',
  head: A,
  remote: 'origin',
  defaultBranch: 'main',
  upstream: undefined,
  ahead: 0,
  behind: 0,
  inProgress: undefined,
  hook: false,
  targets: [],
  commits: [],
  truncated: false,
  sizes: new Map(),
  added: [],
  pipelines: [],
  workflows: [],
  azurePipelines: [],
  gitlabConfig: undefined,
  ...more,
});

describe('preflight: pure parts', () => {
  it('reads added lines and their numbers from log -p -U0, skipping binaries and deletions', () => {
    const patch = [
      `\x01${A}`,
      '',
      'diff --git a/x.txt b/x.txt',
      '--- a/x.txt',
      '+++ b/x.txt',
      '@@ -3 +3,2 @@',
      '-old',
      '+new three',
      '++++ four',
      'diff --git a/big.bin b/big.bin',
      'Binary files /dev/null and b/big.bin differ',
      'diff --git a/gone.txt b/gone.txt',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      `\x01${B}`,
      'diff --git "a/tab\\there" "b/tab\\there"',
      '+++ "b/tab\\there"',
      '@@ -0,0 +1 @@',
      '+caf\\303\\251',
    ].join('\n');
    assert.deepEqual(parseAddedLines(patch), [
      { commit: A, file: 'x.txt', line: 3, text: 'new three' },
      { commit: A, file: 'x.txt', line: 4, text: '+++ four' },
      { commit: B, file: 'tab\there', line: 1, text: 'caf\\303\\251' },
    ]);
    assert.equal(unquote('"caf\\303\\251 \\"q\\""'), 'café "q"');
  });

  it('reads git pre-push input: new branches, deletions, junk lines', () => {
    const zero = '0'.repeat(40);
    assert.deepEqual(parsePushInput(`refs/heads/a ${A} refs/heads/a ${zero}\n(delete) ${zero} refs/heads/b ${B}\nnonsense\n\n`), [
      { localRef: 'refs/heads/a', localSha: A, remoteRef: 'refs/heads/a', remoteSha: undefined },
      { localRef: undefined, localSha: undefined, remoteRef: 'refs/heads/b', remoteSha: B },
    ]);
  });

  it('warns over 50 MB and blocks over 100 MB, from sizes alone', () => {
    const change = (path: string, blob: string) => ({ status: 'A', path, oldMode: '000000', newMode: '100644', oldBlob: '0'.repeat(40), newBlob: blob });
    const found = contentFindings(
      facts({
        commits: [{ sha: A, parents: [], time: 0, subject: 's', changes: [change('video.mp4', B), change('data.bin', A), change('ok.txt', 'c'.repeat(40))] }],
        sizes: new Map([
          [B, LARGE_FILE_BLOCK_BYTES + 1],
          [A, LARGE_FILE_WARN_BYTES + 1],
          ['c'.repeat(40), LARGE_FILE_WARN_BYTES],
        ]),
      }),
    );
    assert.deepEqual(
      found.map((finding) => [finding.severity, finding.kind, finding.file]),
      [
        ['block', 'large-file', 'video.mp4'],
        ['warn', 'large-file', 'data.bin'],
      ],
    );
  });

  it('reports one secret once, at the commit that first added it', () => {
    const found = contentFindings(
      facts({
        added: [
          { commit: B, file: 'b.txt', line: 9, text: `again ${AWS_KEY}` },
          { commit: A, file: 'a.txt', line: 2, text: `key ${AWS_KEY}` },
        ],
      }),
    );
    assert.deepEqual(
      found.map((finding) => [finding.kind, finding.commit, finding.file, finding.line]),
      [['secret', A, 'a.txt', 2]],
    );
  });
});

describe('shipshape doctor (no --deep): secrets in unpushed commits', function () {
  this.timeout(20000);
  const folder = tempFolder('shipshape doctor fast ');
  after(folder.remove);

  it('reports a secret in a commit not yet pushed, masked', async () => {
    const { repo } = newClone(folder.path, 'repo');
    commit(repo, 'key.txt', `${AWS_KEY}\n`);
    let out = '';
    const code = await runCli(['doctor', '--json'], { out: (t) => (out += t), err: () => undefined, cwd: repo });
    assert.equal(code, 0);
    const situations = (JSON.parse(out) as { situations: { kind: string; title: string }[] }).situations;
    const risky = situations.find((situation) => situation.kind === 'risky-commit');
    assert.match(risky?.title ?? '', /not pushed yet, holds an AWS access key/);
    assert.ok(!out.includes(AWS_KEY));
  });
});
